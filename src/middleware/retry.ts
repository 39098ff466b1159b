import type * as PRetry from 'p-retry';
import type { Middleware } from '../compose.js';
import { callInfo, type CallContext } from '../context.js';
import { AbortedError } from '../errors/aborted-error.js';
import { assertKnownKeys } from '../config/known-keys.js';
import { ClientClosedError } from '../errors/client-closed-error.js';
import { ConfigError } from '../errors/config-error.js';
import { ProviderError, type ProviderErrorKind } from '../errors/provider-error.js';
import { QuotaExhaustedError } from '../errors/quota-exhausted-error.js';
import { sleep } from '../time/clock.js';

const RETRYABLE: readonly ProviderErrorKind[] = ['rate_limited', 'server', 'network', 'timeout'];

/**
 * Options of {@link retry}.
 *
 * @example
 * ```ts
 * const options: RetryOptions = { retries: 4, maxRetryAfterMs: 10_000, deadlineMs: 20_000 };
 * const ai = createAIClient({ providers, retry: options });
 * ```
 */
export interface RetryOptions {
  /** Retries after the first attempt. @default 2 */
  readonly retries?: number;
  /** Backoff before the first retry when the provider names no delay; doubles each retry. @default 500 */
  readonly baseDelayMs?: number;
  /** Cap of the exponential backoff. @default 8000 */
  readonly maxDelayMs?: number;
  /** Cap of a provider-requested delay (`retry-after-ms`, `retry-after`, Gemini `RetryInfo`): longer asks wait this long. @default 60000 */
  readonly maxRetryAfterMs?: number;
  /** Backoff jitter: each delay is multiplied by `1 - jitter × random()`. @default 0.25 */
  readonly jitter?: number;
  /** Overall budget of the call in ms, attempts and waits included: no retry starts that could not begin in time. @default undefined (none) */
  readonly deadlineMs?: number;
  /** Kinds retried; a subset of `rate_limited`, `server`, `network`, `timeout`. @default all four */
  readonly retryOn?: readonly ProviderErrorKind[];
  /** Random source of the jitter, in [0, 1). @default Math.random */
  readonly random?: () => number;
}

/** Carries the attempt's own error through p-retry, which decorates and counts what it is given. */
class Failure extends Error {
  constructor(readonly error: unknown) {
    super('attempt failed');
  }
}

/**
 * Retries a failed provider request, in this one layer only (adapters turn SDK retries off). Retried:
 * `rate_limited`, `server`, `network` and `timeout` errors, after the delay the provider asked for (capped by
 * `maxRetryAfterMs`), else exponential backoff with jitter. Never retried: `quota_exhausted` (thrown as
 * {@link QuotaExhaustedError}), `auth`, `invalid_request`, aborts, and a stream once its head was returned,
 * so never after a chunk reached the caller. An abort during a backoff ends the call at once with
 * {@link AbortedError}. Emits `retry` before each wait and increments `ctx.attempt`. Once `closing` aborts (the
 * client is shutting down), no retry is sent: a call that would retry, or is waiting to, fails at once with
 * {@link ClientClosedError}, the last attempt's error as its `cause`.
 *
 * @param options - see {@link RetryOptions}
 * @param closing - aborted when the client begins to shut down; the client passes its own
 *
 * @example
 * ```ts
 * const ai = createAIClient({ providers, retry: { retries: 3 } }); // retry() is part of the default chain
 * ai.on('retry', (e) => console.warn(`attempt ${e.attempt} failed (${e.reason}); next in ${e.delayMs} ms`));
 * ```
 */
export function retry(options: RetryOptions = {}, closing?: AbortSignal): Middleware {
  const settings = validate(options);
  const retryable = new Set(settings.retryOn);
  const isRetryable = (error: unknown, ctx: CallContext): boolean => ProviderError.isInstance(error) && retryable.has(error.kind) && !ctx.signal?.aborted;
  const refused = (error: unknown): ClientClosedError =>
    new ClientClosedError(`the client is closing: the failed attempt (${(error as ProviderError).kind}) is not retried`, { cause: error });
  return async (ctx, next) => {
    const startedAt = performance.now();
    // The first attempt runs bare: most calls succeed, and p-retry's machinery (loaded on first use, which keeps
    // `import 'aimeter'` fast) is only built once an attempt failed.
    let first: unknown;
    try {
      return await next();
    } catch (error) {
      first = error;
    }
    if (!isRetryable(first, ctx)) throw surfaced(first, ctx);
    if (closing?.aborted) throw refused(first);
    const { default: pRetry, AbortError } = await loadPRetry();
    let replayed = false;
    try {
      return await pRetry(
        async () => {
          // p-retry's first attempt replays the failure already seen (and judged retryable), so counts, delays
          // and events are those of a run that started in p-retry.
          if (!replayed) {
            replayed = true;
            throw new Failure(first);
          }
          try {
            return await next();
          } catch (error) {
            throw isRetryable(error, ctx) ? new Failure(error) : new AbortError(new Failure(error));
          }
        },
        {
          retries: settings.retries,
          // p-retry only counts; the delays are ours, awaited in onFailedAttempt (so they can be aborted). What
          // onFailedAttempt throws ends the retries and is what p-retry rejects with.
          minTimeout: 0,
          maxTimeout: 0,
          factor: 1,
          randomize: false,
          onFailedAttempt: async (failure) => {
            if (failure.retriesLeft <= 0) return;
            const error = (failure as unknown as Failure).error as ProviderError;
            const delayMs = delayFor(error, failure.attemptNumber, settings);
            if (settings.deadlineMs !== undefined && performance.now() - startedAt + delayMs >= settings.deadlineMs) {
              throw new Failure(error);
            }
            if (closing?.aborted) throw new Failure(refused(error));
            ctx.emit('retry', { ...callInfo(ctx), delayMs, reason: error.kind, error });
            await sleep(delayMs, ctx.signal, closing).catch((abort: unknown) => {
              throw new Failure(ctx.signal?.aborted ? abort : refused(error));
            });
            ctx.attempt += 1;
          },
        },
      );
    } catch (error) {
      throw surfaced(error instanceof Failure ? error.error : error, ctx);
    }
  };
}

type PRetryModule = typeof PRetry;

let pRetryModule: Promise<PRetryModule> | undefined;

function loadPRetry(): Promise<PRetryModule> {
  return (pRetryModule ??= import('p-retry'));
}

function surfaced(error: unknown, ctx: CallContext): unknown {
  if (ProviderError.isInstance(error) && error.kind === 'quota_exhausted') return new QuotaExhaustedError(error);
  if (ctx.signal?.aborted && !AbortedError.isInstance(error)) return new AbortedError('the call was aborted', { cause: ctx.signal.reason });
  return error;
}

type Settings = Required<Omit<RetryOptions, 'deadlineMs'>> & Pick<RetryOptions, 'deadlineMs'>;

function delayFor(error: ProviderError, attempt: number, settings: Settings): number {
  if (error.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, settings.maxRetryAfterMs);
  const backoff = Math.min(settings.baseDelayMs * 2 ** (attempt - 1), settings.maxDelayMs);
  return Math.round(backoff * (1 - settings.jitter * settings.random()));
}

const RETRY_OPTIONS = ['retries', 'baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs', 'jitter', 'deadlineMs', 'retryOn', 'random'];

function validate(options: RetryOptions): Settings {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new ConfigError('retry', 'expected retry options or false');
  assertKnownKeys(options, RETRY_OPTIONS, 'retry');
  const count = (field: keyof RetryOptions, fallback: number): number => {
    const value = options[field] ?? fallback;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new ConfigError(`retry.${field}`, 'expected a non-negative number');
    return value;
  };
  const retries = count('retries', 2);
  if (!Number.isInteger(retries)) throw new ConfigError('retry.retries', 'expected a non-negative integer');
  const jitter = count('jitter', 0.25);
  if (jitter > 1) throw new ConfigError('retry.jitter', 'expected a fraction between 0 and 1');
  const retryOn: unknown = options.retryOn ?? RETRYABLE;
  if (!Array.isArray(retryOn) || retryOn.some((kind: ProviderErrorKind) => !RETRYABLE.includes(kind))) {
    throw new ConfigError('retry.retryOn', `expected a subset of ${RETRYABLE.join(', ')}; quota_exhausted, auth and invalid_request are never retried`);
  }
  if (options.random !== undefined && typeof options.random !== 'function') throw new ConfigError('retry.random', 'expected a function returning [0, 1)');
  return {
    retries,
    baseDelayMs: count('baseDelayMs', 500),
    maxDelayMs: count('maxDelayMs', 8_000),
    maxRetryAfterMs: count('maxRetryAfterMs', 60_000),
    jitter,
    retryOn: retryOn as ProviderErrorKind[],
    random: options.random ?? Math.random,
    ...(options.deadlineMs === undefined ? {} : { deadlineMs: count('deadlineMs', 0) }),
  };
}
