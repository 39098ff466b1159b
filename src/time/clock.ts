import { AbortedError } from '../errors/aborted-error.js';

/**
 * Time as the limiter and retry see it: injectable, so tests run windows of a minute or a month without
 * waiting for them.
 *
 * @example
 * ```ts
 * const frozen: Clock = { now: () => Date.UTC(2026, 0, 1), sleep: () => Promise.resolve() };
 * ```
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /**
   * Resolves after `ms`; rejects with {@link AbortedError} as soon as any of `signals` aborts, leaving no timer
   * behind.
   */
  sleep(ms: number, ...signals: readonly (AbortSignal | undefined)[]): Promise<void>;
}

/**
 * Sleeps on the real timer: resolves after `ms`, or rejects with {@link AbortedError} (the signal's reason as
 * `cause`) the moment a signal aborts, clearing the timer so nothing keeps the process alive.
 *
 * @example
 * ```ts
 * await sleep(250, request.signal);
 * ```
 */
export function sleep(ms: number, ...signals: readonly (AbortSignal | undefined)[]): Promise<void> {
  const live = signals.filter((s): s is AbortSignal => s !== undefined);
  const aborted = live.find((s) => s.aborted);
  if (aborted) return Promise.reject(new AbortedError('the wait was aborted', { cause: aborted.reason }));
  return new Promise((resolve, reject) => {
    const done = (): void => {
      clearTimeout(timer);
      for (const s of live) s.removeEventListener('abort', onAbort);
    };
    const onAbort = (event: Event): void => {
      done();
      reject(new AbortedError('the wait was aborted', { cause: (event.target as AbortSignal).reason }));
    };
    const timer = setTimeout(() => {
      done();
      resolve();
    }, Math.max(0, ms));
    for (const s of live) s.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The real clock: `Date.now()` and an abortable sleep.
 *
 * @example
 * ```ts
 * const limiter = createLimiter({ policies, clock: systemClock });
 * ```
 */
export const systemClock: Clock = { now: () => Date.now(), sleep };
