import { assertKnownKeys } from '../../config/known-keys.js';
import { systemClock, type Clock } from '../../time/clock.js';
import type { CounterReading, CounterRequest, CounterSlot, CounterState, LimitStore, ReserveResult } from './limit-store.js';
import type { LimitWindow } from '../policy/limit-window.js';
import { periodAt } from '../policy/period-at.js';
import { SlidingTally, type SlidingBucket } from './sliding-tally.js';

interface Entry {
  readonly at: number;
  readonly amount: number;
}

interface Counter {
  /** Fixed and lease counters; a sliding counter's total is its tally's. */
  total: number;
  readonly tally: SlidingTally | undefined;
  /** Leases held (concurrency: few at a time), so a dead holder's lease can expire. */
  readonly leases: Map<string, Entry>;
  /** Leases were taken in time order (so trimming can stop early). */
  ordered: boolean;
  last: number;
}

interface Slot {
  readonly id: string;
  readonly start?: number;
  readonly end?: number;
}

/** A fixed-period reservation carries its amount until settled, instead of an entry in the counter. */
interface HeldSlot extends CounterSlot {
  held: number | undefined;
}

/** A sliding reservation carries its bucket and amount: a settle needs no lookup. */
interface SlidingSlot extends CounterSlot {
  readonly owner: string;
  readonly bucket: SlidingBucket;
  held: number;
}

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

const EPSILON = 1e-9;

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
  const clock = options.clock ?? systemClock;
  const counters = new Map<string, Counter>();
  // The latest period of each fixed counter: older periods are dropped once a newer one starts.
  const latest = new Map<string, Slot & { start: number }>();
  const claims = new Map<string, number>();
  // Scratch space of reserve, which runs to the end without yielding (only the first n entries count).
  const slots: Slot[] = [];
  const touched: Counter[] = [];

  const slotOf = (key: string, window: LimitWindow, now: number): Slot => {
    if (window.type !== 'fixed') return { id: key };
    const { start, end } = periodAt(window, now);
    const previous = latest.get(key);
    if (previous?.start === start) return previous;
    const slot = { id: `${key}@${start}`, start, end };
    if (!previous || previous.start < start) {
      if (previous) counters.delete(previous.id);
      latest.set(key, slot);
    }
    return slot;
  };

  const trimLeases = (c: Counter, now: number, ms: number): void => {
    const horizon = now - ms;
    for (const [entryId, entry] of c.leases) {
      if (entry.at > horizon) {
        if (c.ordered) break;
        continue;
      }
      c.leases.delete(entryId);
      c.total -= entry.amount;
    }
    if (c.leases.size === 0) c.total = 0;
  };

  const counter = (id: string, window: LimitWindow, now: number): Counter => {
    let c = counters.get(id);
    if (!c) {
      c = { total: 0, tally: window.type === 'sliding' ? new SlidingTally(window.ms) : undefined, leases: new Map(), ordered: true, last: -Infinity };
      counters.set(id, c);
    }
    if (c.tally) c.tally.trim(now);
    else if (window.type === 'lease' && c.leases.size > 0) trimLeases(c, now, window.ms);
    return c;
  };

  const usedOf = (c: Counter): number => (c.tally ? c.tally.total : c.total);

  const retryAfter = (c: Counter, request: CounterRequest, now: number, end: number | undefined): number | undefined => {
    if (c.tally) return c.tally.retryAfter(request.amount, request.limit, EPSILON, now);
    return end === undefined ? undefined : end - now;
  };

  const take = (c: Counter, id: string, slotId: string, amount: number, now: number): CounterSlot => {
    if (c.tally) {
      const slot: SlidingSlot = { id: slotId, lease: false, owner: id, bucket: c.tally.add(amount, now), held: amount };
      return slot;
    }
    if (now < c.last || c.leases.has(id)) c.ordered = false;
    c.last = Math.max(c.last, now);
    c.leases.set(id, { at: now, amount });
    c.total += amount;
    return { id: slotId, lease: true };
  };

  const settleOne = (c: Counter, id: string, slot: CounterSlot, amount: number): void => {
    if ('held' in slot) {
      if ('bucket' in slot) {
        const sliding = slot as SlidingSlot;
        if (sliding.owner !== id) return;
        c.tally?.adjust(sliding.bucket, amount - sliding.held);
        sliding.held = amount;
        return;
      }
      const held = slot as HeldSlot;
      if (held.held !== undefined) c.total += amount - held.held;
      held.held = undefined;
      return;
    }
    const entry = c.leases.get(id);
    if (!entry) return;
    c.leases.delete(id);
    c.total -= entry.amount;
  };

  const reserveAll = (id: string, requests: readonly CounterRequest[]): ReserveResult => {
    const now = clock.now();
    const n = requests.length;
    for (let i = 0; i < n; i += 1) {
      const r = requests[i]!;
      slots[i] = slotOf(r.key, r.window, now);
      touched[i] = counter(slots[i]!.id, r.window, now);
    }
    for (let i = 0; i < n; i += 1) {
      const r = requests[i]!;
      if (usedOf(touched[i]!) + r.amount > r.limit + EPSILON) {
        return { ok: false, now, blocked: i, retryAfterMs: retryAfter(touched[i]!, r, now, slots[i]!.end) };
      }
    }
    const states: CounterState[] = new Array<CounterState>(n);
    for (let i = 0; i < n; i += 1) {
      const r = requests[i]!;
      const c = touched[i]!;
      const { id: slotId, start, end } = slots[i]!;
      if (start === undefined) {
        const slot = take(c, id, slotId, r.amount, now);
        states[i] = { slot, used: usedOf(c) };
      } else {
        c.total += r.amount;
        const slot: HeldSlot = { id: slotId, lease: false, held: r.amount };
        states[i] = { slot, used: c.total, start, end };
      }
    }
    return { ok: true, now, counters: states };
  };

  const settleAll = (id: string, updates: readonly { readonly slot: CounterSlot; readonly amount: number }[]): void => {
    for (const { slot, amount } of updates) {
      const c = counters.get(slot.id);
      if (c) settleOne(c, id, slot, amount);
    }
  };

  return {
    name: 'memory',
    reserve: (id, requests) => Promise.resolve(reserveAll(id, requests)),
    settle(id, updates) {
      settleAll(id, updates);
      return Promise.resolve();
    },
    read(request): Promise<CounterReading> {
      const now = clock.now();
      const slot = slotOf(request.key, request.window, now);
      const used = counters.has(slot.id) ? usedOf(counter(slot.id, request.window, now)) : 0;
      return Promise.resolve({ used, now, ...(slot.start === undefined ? {} : { start: slot.start, end: slot.end }) });
    },
    claimOnce(key, until) {
      const now = clock.now();
      for (const [k, expiry] of claims) if (expiry <= now) claims.delete(k);
      if (claims.has(key)) return Promise.resolve(false);
      claims.set(key, until);
      return Promise.resolve(true);
    },
    close: () => Promise.resolve(),
  };
}
