import { AbortedError } from '../../errors/aborted-error.js';
import type { Clock } from '../../time/clock.js';

/**
 * The concurrency a reply announced (ElevenLabs' `current-concurrent-requests` and
 * `maximum-concurrent-requests`): requests of the account in flight when the reply was sent, this one included,
 * and the most it may have.
 *
 * @example
 * ```ts
 * const announced: AnnouncedConcurrency = { current: 3, maximum: 5 };
 * ```
 */
export interface AnnouncedConcurrency {
  readonly current: number;
  readonly maximum: number;
}

/**
 * Frees the slot a call took; calling it again does nothing.
 *
 * @example
 * ```ts
 * const release: ReleaseSlot | undefined = throttle.enter(scope, signal) as ReleaseSlot | undefined;
 * release?.();
 * ```
 */
export type ReleaseSlot = () => void;

interface GateState {
  /** Calls of this process in flight that took a slot. */
  inFlight: number;
  /** Slots this process may use: the maximum, less the requests of others in flight at the last reply. */
  allowed: number;
  readonly waiters: (() => void)[];
}

/**
 * Holds calls back while a scope (a provider's account, i.e. a key) has as many requests in flight as its replies
 * last allowed, and lets the next one go as a slot frees up.
 *
 * @example
 * ```ts
 * const gate = createConcurrencyGate(systemClock, 60_000);
 * const release = await gate.enter('elevenlabs|fp_ab12', signal);
 * try { await call(); } finally { release?.(); }
 * ```
 */
export interface ConcurrencyGate {
  /**
   * Takes a slot of `scope`; undefined when no reply of the scope announced a maximum yet (nothing to wait on,
   * nothing to free). Waits while the slots are taken, at most `maxWaitMs`, then goes anyway (the provider's
   * own 429 and the retry layer decide). Rejects with `AbortedError` when `signal` aborts while waiting.
   */
  enter(scope: string, signal: AbortSignal | undefined): ReleaseSlot | Promise<{ release: ReleaseSlot; waitedMs: number }> | undefined;
  /** Records what a reply announced; the newest reply is the truth. */
  observe(scope: string, announced: AnnouncedConcurrency): void;
}

/**
 * Creates a {@link ConcurrencyGate}. The requests of others (other processes on the same account) are read from
 * each reply: `current` counts every request of the account in flight, this process's included, so the slots
 * left to this process are `maximum - (current - ours)`, at least 1.
 *
 * @example
 * ```ts
 * const gate = createConcurrencyGate(clock, 60_000);
 * gate.observe(scope, { current: 1, maximum: 2 });
 * ```
 */
export function createConcurrencyGate(clock: Clock, maxWaitMs: number): ConcurrencyGate {
  const scopes = new Map<string, GateState>();

  const releaser = (state: GateState): ReleaseSlot => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      state.inFlight -= 1;
      wake(state);
    };
  };

  const wake = (state: GateState): void => {
    while (state.waiters.length > 0 && state.inFlight < state.allowed) state.waiters.shift()!();
  };

  return {
    enter(scope, signal) {
      const state = scopes.get(scope);
      if (!state) return undefined;
      if (state.inFlight < state.allowed) {
        state.inFlight += 1;
        return releaser(state);
      }
      const started = clock.now();
      return new Promise((resolve, reject) => {
        let settled = false;
        const timer = new AbortController();
        const go = (): void => {
          if (settled) return;
          settled = true;
          timer.abort();
          signal?.removeEventListener('abort', onAbort);
          const index = state.waiters.indexOf(go);
          if (index >= 0) state.waiters.splice(index, 1);
          state.inFlight += 1;
          resolve({ release: releaser(state), waitedMs: clock.now() - started });
        };
        const onAbort = (): void => {
          if (settled) return;
          settled = true;
          timer.abort();
          state.waiters.splice(state.waiters.indexOf(go) >>> 0, 1);
          reject(new AbortedError('the call was aborted while waiting for a concurrency slot', { cause: signal?.reason }));
        };
        if (signal?.aborted) return onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
        state.waiters.push(go);
        // After the longest wait the call goes anyway; the timer is dropped as soon as the call goes.
        clock.sleep(maxWaitMs, timer.signal).then(go, () => undefined);
      });
    },
    observe(scope, { current, maximum }) {
      const state = scopes.get(scope) ?? { inFlight: 0, allowed: maximum, waiters: [] };
      const others = Math.max(0, current - Math.max(1, state.inFlight));
      state.allowed = Math.max(1, maximum - others);
      scopes.set(scope, state);
      wake(state);
    },
  };
}
