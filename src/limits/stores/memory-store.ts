import { assertKnownKeys } from '../../config/known-keys.js';
import { systemClock, type Clock } from '../../time/clock.js';
import type { LimitStore } from './limit-store.js';
import { MemoryCounters } from './memory-counters.js';

/**
 * Options of {@link memoryStore}.
 *
 * @example
 * ```ts
 * const store = memoryStore({ clock: { now: () => fakeNow, sleep } });
 * ```
 */
export interface MemoryStoreOptions {
  /** Time source. @default systemClock */
  readonly clock?: Pick<Clock, 'now'>;
}

/**
 * Limit counters in this process: the default store. Sliding windows in buckets (600 per window: an
 * amount leaves at most 1/600 of the window late, never early, and memory stays bounded at any call rate), fixed
 * periods that drop out once over (a settled reservation is folded into its period's total, so a month-long
 * budget holds only the calls in flight), leases for concurrency.
 *
 * @example
 * ```ts
 * const limiter = createLimiter({ policies, store: memoryStore() });
 * ```
 */
export function memoryStore(options: MemoryStoreOptions = {}): LimitStore {
  assertKnownKeys(options, ['clock'], '');
  const counters = new MemoryCounters(options.clock ?? systemClock);
  // A settle is done when it returns: every one answers with the same settled promise.
  const settled = Promise.resolve();
  return {
    name: 'memory',
    reserve: (id, requests) => Promise.resolve(counters.reserve(id, requests)),
    settle(id, updates) {
      counters.settle(id, updates);
      return settled;
    },
    read: (request) => Promise.resolve(counters.read(request)),
    claimOnce: (key, until) => Promise.resolve(counters.claimOnce(key, until)),
    close: () => Promise.resolve(),
  };
}
