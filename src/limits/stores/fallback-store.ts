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
  const switching = new SwitchingStore(shared, options.local ?? memoryStore(), probeMs, localShare);
  return {
    name: shared.name,
    get state() {
      return switching.state;
    },
    onStateChange: (listener) => switching.onStateChange(listener),
    reserve: (id, requests) => switching.either(() => shared.reserve(id, requests), () => switching.reserveLocally(id, requests)),
    settle: (id, updates) => switching.settle(id, updates),
    read: (counter) => switching.either(() => shared.read(counter), () => switching.local.read(counter)),
    claimOnce: (key, until) => switching.either(() => shared.claimOnce(key, until), () => switching.local.claimOnce(key, until)),
    close: () => switching.close(),
  };
}

/** Where {@link fallbackStore} counts now, how it switches, and the shared settles it keeps for replay. */
class SwitchingStore {
  state: 'shared' | 'fallback' = 'shared';
  readonly local: LimitStore;
  readonly #shared: LimitStore;
  readonly #probeMs: number;
  readonly #localShare: number;
  readonly #listeners = new Set<(event: LimitStoreEvent) => void>();
  readonly #pending: { id: string; updates: readonly Update[] }[] = [];
  /** Settles of shared reservations dropped since the last switch back. */
  #lost = 0;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(shared: LimitStore, local: LimitStore, probeMs: number, localShare: number) {
    this.#shared = shared;
    this.local = local;
    this.#probeMs = probeMs;
    this.#localShare = localShare;
  }

  onStateChange(listener: (event: LimitStoreEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  /** Runs `onShared` while the shared store answers; `onLocal` once it is unreachable. */
  async either<T>(onShared: () => Promise<T>, onLocal: () => Promise<T>): Promise<T> {
    if (this.state === 'shared') {
      try {
        return await onShared();
      } catch (error) {
        this.#fallBack(error);
      }
    }
    return onLocal();
  }

  /** Reserves in the local store, each limit scaled to this process's share; its slots are marked local. */
  async reserveLocally(id: string, requests: readonly CounterRequest[]): Promise<ReserveResult> {
    const localShare = this.#localShare;
    const scaled = localShare === 1 ? requests : requests.map((r) => ({ ...r, limit: r.limit * localShare }));
    const result = await this.local.reserve(id, scaled);
    return result.ok ? { ...result, counters: result.counters.map((c) => ({ ...c, slot: { ...c.slot, [LOCAL]: true } })) } : result;
  }

  /** Settles local slots locally, and shared ones in the shared store, or keeps them for replay while it is unreachable. */
  async settle(id: string, updates: readonly Update[]): Promise<void> {
    const mine = updates.filter((u) => isLocal(u.slot));
    const theirs = updates.filter((u) => !isLocal(u.slot));
    if (mine.length > 0) await this.local.settle(id, mine);
    if (theirs.length === 0) return;
    if (this.state === 'shared') {
      try {
        return await this.#shared.settle(id, theirs);
      } catch (error) {
        this.#fallBack(error);
      }
    }
    this.#keep(id, theirs);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#listeners.clear();
    await Promise.all([this.#shared.close(), this.local.close()]);
  }

  #report(reason: string): void {
    for (const listener of this.#listeners) {
      try {
        listener({ store: this.#shared.name, state: this.state, reason });
      } catch {
        // A listener's bug must not break counting.
      }
    }
  }

  #schedule(): void {
    if (this.#closed || this.#timer) return;
    this.#timer = setTimeout(() => void this.#probe(), this.#probeMs);
    this.#timer.unref();
  }

  async #probe(): Promise<void> {
    this.#timer = undefined;
    try {
      await this.#shared.read(PROBE);
    } catch {
      return this.#schedule();
    }
    const pending = this.#pending;
    for (let next = pending[0]; next; next = pending[0]) {
      try {
        await this.#shared.settle(next.id, next.updates);
      } catch (error) {
        if (LimitStoreUnavailableError.isInstance(error)) return this.#schedule();
        this.#lost += 1;
      }
      pending.shift();
    }
    if (this.#closed) return;
    this.state = 'shared';
    const lost = this.#lost;
    this.#report(`${this.#shared.name} answers again${lost ? `; ${lost} settles of shared reservations were lost` : ''}`);
    this.#lost = 0;
  }

  #fallBack(error: unknown): void {
    if (!LimitStoreUnavailableError.isInstance(error)) throw error;
    if (this.state === 'fallback') return;
    this.state = 'fallback';
    this.#report(error.message);
    this.#schedule();
  }

  #keep(id: string, updates: readonly Update[]): void {
    if (this.#pending.length >= MAX_PENDING) {
      this.#pending.shift();
      this.#lost += 1;
    }
    this.#pending.push({ id, updates });
  }
}
