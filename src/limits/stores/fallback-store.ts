import { assertKnownKeys } from '../../config/known-keys.js';
import { ConfigError } from '../../errors/config-error.js';
import { LimitStoreUnavailableError } from '../../errors/limit-store-unavailable-error.js';
import type { LimitStoreEvent } from '../../events.js';
import type { CounterRequest, CounterSlot, LimitStore, ReserveResult } from './limit-store.js';
import { memoryStore } from './memory-store.js';

/**
 * Options of {@link fallbackStore}.
 *
 * @example
 * ```ts
 * const options: FallbackStoreOptions = { probeMs: 2_000, localShare: 1 / 4 }; // a fleet of 4 processes
 * ```
 */
export interface FallbackStoreOptions {
  /** Counts while the shared store is unreachable. @default memoryStore() */
  readonly local?: LimitStore;
  /** How often to check whether the shared store answers again, in ms. @default 1000 */
  readonly probeMs?: number;
  /**
   * Fraction of each limit this process may use alone while on fallback: `1 / processes` keeps the fleet
   * within its limits during an outage, at the cost of idle capacity.
   * @default 1
   */
  readonly localShare?: number;
}

/**
 * A limit store that says when it switches between shared and local counting.
 *
 * @example
 * ```ts
 * const store: FallbackLimitStore = fallbackStore(redisStore({ url }));
 * const stop = store.onStateChange((e) => console.warn(`limits ${e.state}: ${e.reason}`));
 * ```
 */
export interface FallbackLimitStore extends LimitStore {
  /** Where counting happens now. */
  readonly state: 'shared' | 'fallback';
  /** Calls `listener` on every change of state; returns a function that stops it. */
  onStateChange(listener: (event: LimitStoreEvent) => void): () => void;
}

/** Settles of shared reservations kept for replay while the shared store is unreachable. */
const MAX_PENDING = 10_000;
const PROBE = { key: 'probe', window: { type: 'sliding', ms: 1_000 } } as const;
const LOCAL = Symbol('aimeter.localSlot');

type Update = { readonly slot: CounterSlot; readonly amount: number };
const isLocal = (slot: CounterSlot): boolean => LOCAL in slot;

/**
 * Wraps a shared store (Redis) so calls never fail because it is unreachable: on
 * {@link LimitStoreUnavailableError} this process counts in `local` and reports `fallback`; an unref'd timer
 * checks every `probeMs` whether the shared store answers, then settles of shared reservations made meanwhile
 * are replayed (leases released, estimates corrected) and it reports `shared`. Reservations made locally
 * settle locally. Local counts are not pushed to the shared store on resume: replaying a push that timed out
 * could count twice, a rolling minute is over long before most outages end, and the overshoot already
 * happened; `localShare` is the way to bound it. Other errors of the shared store (a script error, a wrong
 * password) are not an outage and fail the call.
 *
 * @example
 * ```ts
 * const store = fallbackStore(redisStore({ url: process.env.REDIS_URL }), { localShare: 1 / 4 });
 * const ai = createAIClient({ providers, limits: { policies, store } });
 * ai.on('limit-store', (e) => console.warn(`limits: ${e.state} (${e.reason})`));
 * ```
 */
export function fallbackStore(shared: LimitStore, options: FallbackStoreOptions = {}): FallbackLimitStore {
  if (typeof options !== 'object' || options === null) throw new ConfigError('options', 'expected { local?, probeMs?, localShare? }');
  assertKnownKeys(options, ['local', 'probeMs', 'localShare'], '');
  const { probeMs = 1_000, localShare = 1 } = options;
  if (typeof shared?.reserve !== 'function') throw new ConfigError('shared', 'expected a LimitStore such as redisStore()');
  if (typeof probeMs !== 'number' || !(probeMs > 0)) throw new ConfigError('probeMs', 'expected a positive number of ms');
  if (typeof localShare !== 'number' || !(localShare > 0 && localShare <= 1)) throw new ConfigError('localShare', 'expected a fraction in (0, 1]');
  const local = options.local ?? memoryStore();
  const listeners = new Set<(event: LimitStoreEvent) => void>();
  const pending: { id: string; updates: readonly Update[] }[] = [];
  let state: 'shared' | 'fallback' = 'shared';
  let lost = 0;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const report = (reason: string): void => {
    for (const listener of listeners) {
      try {
        listener({ store: shared.name, state, reason });
      } catch {
        // A listener's bug must not break counting.
      }
    }
  };

  const schedule = (): void => {
    if (closed || timer) return;
    timer = setTimeout(() => void probe(), probeMs);
    timer.unref();
  };

  const probe = async (): Promise<void> => {
    timer = undefined;
    try {
      await shared.read(PROBE);
    } catch {
      return schedule();
    }
    for (let next = pending[0]; next; next = pending[0]) {
      try {
        await shared.settle(next.id, next.updates);
      } catch (error) {
        if (LimitStoreUnavailableError.isInstance(error)) return schedule();
        lost += 1;
      }
      pending.shift();
    }
    if (closed) return;
    state = 'shared';
    report(`${shared.name} answers again${lost ? `; ${lost} settles of shared reservations were lost` : ''}`);
    lost = 0;
  };

  const fallBack = (error: unknown): void => {
    if (!LimitStoreUnavailableError.isInstance(error)) throw error;
    if (state === 'fallback') return;
    state = 'fallback';
    report(error.message);
    schedule();
  };

  const keep = (id: string, updates: readonly Update[]): void => {
    if (pending.length >= MAX_PENDING) {
      pending.shift();
      lost += 1;
    }
    pending.push({ id, updates });
  };

  const either = async <T>(onShared: () => Promise<T>, onLocal: () => Promise<T>): Promise<T> => {
    if (state === 'shared') {
      try {
        return await onShared();
      } catch (error) {
        fallBack(error);
      }
    }
    return onLocal();
  };

  const reserveLocally = async (id: string, requests: readonly CounterRequest[]): Promise<ReserveResult> => {
    const scaled = localShare === 1 ? requests : requests.map((r) => ({ ...r, limit: r.limit * localShare }));
    const result = await local.reserve(id, scaled);
    return result.ok ? { ...result, counters: result.counters.map((c) => ({ ...c, slot: { ...c.slot, [LOCAL]: true } })) } : result;
  };

  return {
    name: shared.name,
    get state() {
      return state;
    },
    onStateChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    reserve: (id, requests) => either(() => shared.reserve(id, requests), () => reserveLocally(id, requests)),
    async settle(id, updates) {
      const mine = updates.filter((u) => isLocal(u.slot));
      const theirs = updates.filter((u) => !isLocal(u.slot));
      if (mine.length > 0) await local.settle(id, mine);
      if (theirs.length === 0) return;
      if (state === 'shared') {
        try {
          return await shared.settle(id, theirs);
        } catch (error) {
          fallBack(error);
        }
      }
      keep(id, theirs);
    },
    read: (counter) => either(() => shared.read(counter), () => local.read(counter)),
    claimOnce: (key, until) => either(() => shared.claimOnce(key, until), () => local.claimOnce(key, until)),
    async close() {
      closed = true;
      clearTimeout(timer);
      listeners.clear();
      await Promise.all([shared.close(), local.close()]);
    },
  };
}
