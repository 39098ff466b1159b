import { assertKnownKeys } from '../config/known-keys.js';
import { ConfigError } from '../errors/config-error.js';
import type { ProviderErrorKind } from '../errors/provider-error.js';

/** The failure kinds a retry can cure: the provider, the network or the clock, not the request or the account. */
export const RETRYABLE_KINDS: readonly ProviderErrorKind[] = ['rate_limited', 'server', 'network', 'timeout'];

/**
 * Options of {@link retry}. The backoff is p-retry's: the first retry waits `baseDelayMs` less its jitter, each
 * later one twice the one before, up to `maxDelayMs`; a delay the provider asks for is waited in full (capped by
 * `maxRetryAfterMs`).
 *
 * @example
 * ```ts
 * const options: RetryOptions = { retries: 4, maxRetryAfterMs: 10_000, deadlineMs: 20_000 };
 * const ai = createAIClient({ providers, retry: options });
 * ```
 */
export interface RetryOptions {
  /**
   * How many times a failed request is sent again, after the first attempt: `retries + 1` requests at most.
   * `0` sends one request.
   *
   * @default 2
   */
  readonly retries?: number;
  /**
   * The wait before the first retry when the provider names no delay, in ms (p-retry's `minTimeout`); each later
   * retry waits twice as long as the one before (p-retry's `factor` of 2), up to `maxDelayMs`.
   *
   * @default 500
   */
  readonly baseDelayMs?: number;
  /** The longest backoff, in ms (p-retry's `maxTimeout`). @default 8000 */
  readonly maxDelayMs?: number;
  /**
   * The longest wait a provider may ask for (`retry-after-ms`, `retry-after`, Gemini's `RetryInfo`), in ms: a longer
   * ask waits this long. A provider's delay is a floor: when the backoff is longer, the backoff is waited.
   *
   * @default 60000
   */
  readonly maxRetryAfterMs?: number;
  /**
   * Backoff jitter, a fraction in [0, 1]: a call's first backoff is `baseDelayMs × (1 − jitter × random())`, drawn
   * once per call, and the later ones double from it, so calls that failed together do not retry together.
   *
   * @default 0.25
   */
  readonly jitter?: number;
  /**
   * Overall budget of the call in ms, attempts and waits included: no retry starts whose wait would end past it,
   * and the call then fails with the last attempt's error.
   *
   * @default undefined (none)
   * @example
   * ```ts
   * // A voice turn: a reply later than 3 s is worthless, so give up rather than wait out a long retry-after.
   * const ai = createAIClient({ providers, retry: { deadlineMs: 3_000 } });
   * ```
   */
  readonly deadlineMs?: number;
  /**
   * The failure kinds retried, a subset of `rate_limited`, `server`, `network` and `timeout`. `quota_exhausted`,
   * `auth` and `invalid_request` are never retried: waiting a few seconds does not cure them.
   *
   * @default all four
   * @example
   * ```ts
   * const ai = createAIClient({ providers, retry: { retryOn: ['server', 'network'] } }); // a 429 fails at once
   * ```
   */
  readonly retryOn?: readonly ProviderErrorKind[];
  /**
   * The random source of the jitter, returning a number in [0, 1).
   *
   * @default Math.random
   * @example
   * ```ts
   * const ai = createAIClient({ providers, retry: { random: () => 0 } }); // no jitter draw: delays as configured
   * ```
   */
  readonly random?: () => number;
}

/** {@link RetryOptions} checked, with their defaults. */
export type RetrySettings = Required<Omit<RetryOptions, 'deadlineMs'>> & Pick<RetryOptions, 'deadlineMs'>;

const RETRY_OPTIONS = ['retries', 'baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs', 'jitter', 'deadlineMs', 'retryOn', 'random'];

/** Checks retry options at construction, naming the bad field in a {@link ConfigError}, and fills in defaults. */
export function retrySettings(options: RetryOptions): RetrySettings {
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
  const retryOn: unknown = options.retryOn ?? RETRYABLE_KINDS;
  if (!Array.isArray(retryOn) || retryOn.some((kind: ProviderErrorKind) => !RETRYABLE_KINDS.includes(kind))) {
    throw new ConfigError('retry.retryOn', `expected a subset of ${RETRYABLE_KINDS.join(', ')}; quota_exhausted, auth and invalid_request are never retried`);
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
