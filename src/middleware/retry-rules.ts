import { AbortedError } from '../errors/aborted-error.js';
import { ClientClosedError } from '../errors/client-closed-error.js';
import { ProviderError, type ProviderErrorKind } from '../errors/provider-error.js';
import type { RetrySettings } from './retry-options.js';

// The retry layer's rules, one function each; retry.ts hands them to p-retry.

/**
 * Whether a failed attempt is worth another: a provider error of a kind `retryOn` names (a 429, a 5xx, a dropped
 * connection, a timeout), while the caller still waits for the answer. A refused key, a bad request, a used-up
 * quota, an abort or a bug fails the call as it is.
 */
export function isRetryable(error: unknown, kinds: ReadonlySet<ProviderErrorKind>, signal: AbortSignal | undefined): error is ProviderError {
  return ProviderError.isInstance(error) && kinds.has(error.kind) && !signal?.aborted;
}

/** p-retry's exponential backoff for one call: the options it takes, with this call's jitter drawn. */
export interface Backoff {
  readonly factor: number;
  readonly minTimeout: number;
  readonly maxTimeout: number;
  readonly randomize: false;
}

/**
 * The backoff of one call: `baseDelayMs` less its jitter (drawn once, so the retries of calls that failed
 * together spread out), doubling each retry up to `maxDelayMs`. The jitter is ours, not p-retry's `randomize`,
 * which could only lengthen the delays and draws from `Math.random` (so `jitter` and `random` keep their meaning).
 */
export function backoffFor(settings: RetrySettings): Backoff {
  const first = Math.round(settings.baseDelayMs * (1 - settings.jitter * settings.random()));
  return { factor: 2, minTimeout: Math.min(first, settings.maxDelayMs), maxTimeout: settings.maxDelayMs, randomize: false };
}

/**
 * The wait p-retry's backoff puts after failed attempt `attempt` (1 for the first): the formula of node-retry,
 * which p-retry waits on, `min(round(max(minTimeout, 1) × factor^(attempt − 1)), maxTimeout)`.
 */
export function backoffMs(backoff: Backoff, attempt: number): number {
  return Math.min(Math.round(Math.max(backoff.minTimeout, 1) * backoff.factor ** (attempt - 1)), backoff.maxTimeout);
}

/**
 * The wait before the next attempt: what the provider asked for (`retry-after`, Gemini's `RetryInfo`), capped by
 * `maxRetryAfterMs`, and never less than the backoff, which p-retry always waits.
 */
export function waitMs(error: ProviderError, backoff: number, settings: RetrySettings): number {
  return error.retryAfterMs === undefined ? backoff : Math.max(backoff, Math.min(error.retryAfterMs, settings.maxRetryAfterMs));
}

/** Whether a retry after `wait` would begin past the call's deadline (none without `deadlineMs`). */
export function pastDeadline(settings: RetrySettings, startedAt: number, wait: number): boolean {
  return settings.deadlineMs !== undefined && performance.now() - startedAt + wait >= settings.deadlineMs;
}

/** The error of a call that would have been retried when the client began to close: no retry is sent. */
export function refusedRetry(error: unknown): ClientClosedError {
  const kind = ProviderError.isInstance(error) ? error.kind : 'failure';
  return new ClientClosedError(`the client is closing: the failed attempt (${kind}) is not retried`, { cause: error });
}

/** A failure of a call whose caller aborted it ends the call as an {@link AbortedError}, whatever the attempt threw. */
export function afterAbort(error: unknown, signal: AbortSignal | undefined): unknown {
  return signal?.aborted && !AbortedError.isInstance(error) ? new AbortedError('the call was aborted', { cause: signal.reason }) : error;
}
