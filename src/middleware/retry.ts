import type * as PRetry from 'p-retry';
import type { AnyCallResult } from '../call-result.js';
import type { Middleware, Next } from '../compose.js';
import { callInfo, type CallContext } from '../context.js';
import type { ProviderErrorKind } from '../errors/provider-error.js';
import { sleep } from '../time/clock.js';
import { retrySettings, type RetryOptions, type RetrySettings } from './retry-options.js';
import { afterAbort, backoffFor, backoffMs, isRetryable, pastDeadline, refusedRetry, waitMs } from './retry-rules.js';

export type { RetryOptions } from './retry-options.js';

/**
 * Retries a failed provider request, in this one layer only (adapters turn SDK retries off), with p-retry.
 * Retried: `rate_limited`, `server`, `network` and `timeout` errors (`retryOn`), after the delay the provider
 * asked for (capped by `maxRetryAfterMs`) and never sooner than an exponential backoff with jitter. Never
 * retried: `quota_exhausted` (the caller gets a {@link QuotaExhaustedError}), `auth`, `invalid_request`, aborts,
 * and a stream once its head was returned, so never after a chunk reached the caller. An abort during a wait ends
 * the call at once with {@link AbortedError}. Emits `retry` before each wait and increments `ctx.attempt` for each retry. Once
 * `closing` aborts (the client is shutting down), no retry is sent: a call that would retry, or is waiting to,
 * fails at once with {@link ClientClosedError}, the last attempt's error as its `cause`; an attempt in flight is
 * left to finish.
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
  const settings = retrySettings(options);
  const kinds = new Set(settings.retryOn);
  return (ctx, next) => {
    const startedAt = settings.deadlineMs === undefined ? 0 : performance.now();
    // The first attempt: most calls end with it, and p-retry is loaded and built only for one that failed.
    const first = next();
    return first.catch((error: unknown) =>
      (settings.retries === 0 ? Promise.reject(error) : retryFailed(first, { ctx, next, settings, kinds, startedAt, closing })).catch((final: unknown) => {
        throw afterAbort(final, ctx.signal);
      }),
    );
  };
}

interface Run {
  readonly ctx: CallContext;
  readonly next: Next;
  readonly settings: RetrySettings;
  readonly kinds: ReadonlySet<ProviderErrorKind>;
  readonly startedAt: number;
  readonly closing: AbortSignal | undefined;
}

/**
 * Carries an error through p-retry, which writes its counts onto whatever it is thrown and picks among the errors
 * by message: the caller gets the attempt's own error, untouched, and always the last one.
 */
class Carried extends Error {
  constructor(readonly error: unknown) {
    super('carried through p-retry');
  }
}

/** Hands a call whose first attempt failed to p-retry, which counts, backs off and runs the further attempts. */
async function retryFailed(first: Promise<AnyCallResult>, run: Run): Promise<AnyCallResult> {
  const { ctx, settings, kinds, closing } = run;
  const { default: pRetry } = await loadPRetry();
  const backoff = backoffFor(settings);
  let last: unknown;
  const pause = new Pause([ctx.signal, closing], () => (ctx.signal?.aborted ? ctx.signal.reason : refusedRetry(last)));
  const carried = (failure: PRetry.FailedAttemptError): unknown => (failure instanceof Carried ? failure.error : failure);
  try {
    return await pRetry(
      (attempt) => {
        pause.attempting();
        if (attempt > 1) ctx.attempt += 1;
        // Attempt 1 is the request already sent; p-retry sees its failure as it would one of its own.
        return (attempt === 1 ? first : run.next()).catch((error: unknown) => {
          last = error;
          throw new Carried(error);
        });
      },
      {
        retries: settings.retries,
        ...backoff,
        signal: pause.signal,
        shouldRetry: (failure) => isRetryable(carried(failure), kinds, ctx.signal),
        onFailedAttempt: async (failure) => {
          const error = carried(failure);
          // p-retry 6 calls this after `shouldRetry` said no as well; the call has then already failed.
          if (!isRetryable(error, kinds, ctx.signal)) return;
          // What this throws ends the retries, and p-retry rejects with it.
          if (failure.retriesLeft === 0) throw failure;
          const backoffWait = backoffMs(backoff, failure.attemptNumber);
          const delayMs = waitMs(error, backoffWait, settings);
          if (pastDeadline(settings, run.startedAt, delayMs)) throw failure;
          if (closing?.aborted) throw new Carried(refusedRetry(error));
          ctx.emit('retry', { ...callInfo(ctx), delayMs, reason: error.kind, error });
          // The provider asked for longer than the backoff: wait the difference here, the backoff in p-retry.
          if (delayMs > backoffWait) {
            await sleep(delayMs - backoffWait, ctx.signal, closing).catch((abort: unknown) => {
              throw new Carried(ctx.signal?.aborted ? abort : refusedRetry(error));
            });
          }
          pause.waiting();
        },
      },
    );
  } catch (error) {
    throw error instanceof Carried ? error.error : error;
  } finally {
    pause.dispose();
  }
}

/**
 * p-retry's `signal`: it ends p-retry's backoff when the caller aborts or the client begins to close, but never
 * fires while an attempt is in flight; that attempt is left to finish (and be metered), and then ends the call.
 */
class Pause {
  readonly #controller = new AbortController();
  readonly #signals: readonly AbortSignal[];
  readonly #reason: () => unknown;
  #waiting = false;

  constructor(signals: readonly (AbortSignal | undefined)[], reason: () => unknown) {
    this.#signals = signals.filter((signal): signal is AbortSignal => signal !== undefined);
    this.#reason = reason;
    for (const signal of this.#signals) signal.addEventListener('abort', this.#stop, { once: true });
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Between attempts: an abort now ends the wait at once (and one that came already does). */
  waiting(): void {
    this.#waiting = true;
    if (this.#signals.some((signal) => signal.aborted)) this.#stop();
  }

  /** An attempt is in flight. */
  attempting(): void {
    this.#waiting = false;
  }

  dispose(): void {
    for (const signal of this.#signals) signal.removeEventListener('abort', this.#stop);
  }

  readonly #stop = (): void => {
    if (this.#waiting && !this.#controller.signal.aborted) this.#controller.abort(new Carried(this.#reason()));
  };
}

type PRetryModule = typeof PRetry;

let pRetryModule: Promise<PRetryModule> | undefined;

/** p-retry, loaded by the first call that fails rather than by `import 'aimeter'`. */
function loadPRetry(): Promise<PRetryModule> {
  return (pRetryModule ??= import('p-retry'));
}
