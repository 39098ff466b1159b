import type { Clock } from '../../time/clock.js';
import type { LimitWindow } from '../policy/limit-window.js';
import { periodAt } from '../policy/period-at.js';
import type { CounterReading, CounterRequest, CounterSlot, CounterState, ReserveResult } from './limit-store.js';
import { SlidingTally, type SlidingBucket } from './sliding-tally.js';

interface Entry {
  readonly at: number;
  readonly amount: number;
}

interface Counter {
  /** Fixed and lease counters; a sliding counter's total is its tally's. */
  total: number;
  /** Fixed periods: the part of `total` that unsettled reservations hold. */
  held: number;
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

/** One settle of a reservation in one of its slots. */
type Update = { readonly slot: CounterSlot; readonly amount: number };

const EPSILON = 1e-9;

/**
 * The counters of {@link memoryStore}, answered at once: a reserve runs to its end without yielding, so nothing
 * else touches the counters in between. Sliding windows in buckets, fixed periods that drop out once over,
 * leases for concurrency.
 *
 * @example
 * ```ts
 * const counters = new MemoryCounters(systemClock);
 * const result = counters.reserve('call-1', requests);
 * ```
 */
export class MemoryCounters {
  readonly #clock: Pick<Clock, 'now'>;
  readonly #counters = new Map<string, Counter>();
  /** The latest period of each fixed counter: older periods are dropped once a newer one starts. */
  readonly #latest = new Map<string, Slot & { start: number }>();
  readonly #claims = new Map<string, number>();
  // Scratch space of reserve (only the first n entries count).
  readonly #slots: Slot[] = [];
  readonly #touched: Counter[] = [];

  constructor(clock: Pick<Clock, 'now'>) {
    this.#clock = clock;
  }

  /** Takes every request's amount, or none when one has no room. */
  reserve(id: string, requests: readonly CounterRequest[]): ReserveResult {
    const now = this.#clock.now();
    const n = requests.length;
    const slots = this.#slots;
    const touched = this.#touched;
    for (let i = 0; i < n; i += 1) {
      const r = requests[i]!;
      slots[i] = this.#slotOf(r.key, r.window, now);
      touched[i] = this.#counter(slots[i]!.id, r.window, now);
    }
    for (let i = 0; i < n; i += 1) {
      const r = requests[i]!;
      const c = touched[i]!;
      const used = usedOf(c);
      if (used + r.amount > r.limit + EPSILON) {
        return { ok: false, now, blocked: i, retryAfterMs: retryAfter(c, r, now, slots[i]!.end), used, limit: r.limit, inFlight: slots[i]!.start === undefined ? 0 : c.held };
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
        c.held += r.amount;
        const slot: HeldSlot = { id: slotId, lease: false, held: r.amount };
        states[i] = { slot, used: c.total, start, end };
      }
    }
    return { ok: true, now, counters: states };
  }

  /** Sets reservation `id`'s amount in each slot; a lease is released. */
  settle(id: string, updates: readonly Update[]): void {
    for (const { slot, amount } of updates) {
      const c = this.#counters.get(slot.id);
      if (c) settleOne(c, id, slot, amount);
    }
  }

  /** A counter's reading, without changing it. */
  read(request: Pick<CounterRequest, 'key' | 'window'>): CounterReading {
    const now = this.#clock.now();
    const slot = this.#slotOf(request.key, request.window, now);
    const c = this.#counters.has(slot.id) ? this.#counter(slot.id, request.window, now) : undefined;
    const used = c ? usedOf(c) : 0;
    const inFlight = c && slot.start !== undefined ? c.held : 0;
    return { used, inFlight, now, ...(slot.start === undefined ? {} : { start: slot.start, end: slot.end }) };
  }

  /** True the first time `key` is claimed before `until`. */
  claimOnce(key: string, until: number): boolean {
    const now = this.#clock.now();
    for (const [k, expiry] of this.#claims) if (expiry <= now) this.#claims.delete(k);
    if (this.#claims.has(key)) return false;
    this.#claims.set(key, until);
    return true;
  }

  #slotOf(key: string, window: LimitWindow, now: number): Slot {
    if (window.type !== 'fixed') return { id: key };
    const previous = this.#latest.get(key);
    // The common case: still in the counter's latest period, which the slot itself bounds.
    if (previous && previous.start <= now && now < previous.end!) return previous;
    const { start, end } = periodAt(window, now);
    if (previous?.start === start) return previous;
    const slot = { id: `${key}@${start}`, start, end };
    if (!previous || previous.start < start) {
      if (previous) this.#counters.delete(previous.id);
      this.#latest.set(key, slot);
    }
    return slot;
  }

  #counter(id: string, window: LimitWindow, now: number): Counter {
    let c = this.#counters.get(id);
    if (!c) {
      c = { total: 0, held: 0, tally: window.type === 'sliding' ? new SlidingTally(window.ms) : undefined, leases: new Map(), ordered: true, last: -Infinity };
      this.#counters.set(id, c);
    }
    if (c.tally) c.tally.trim(now);
    else if (window.type === 'lease' && c.leases.size > 0) trimLeases(c, now, window.ms);
    return c;
  }
}

function trimLeases(c: Counter, now: number, ms: number): void {
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
}

function usedOf(c: Counter): number {
  return c.tally ? c.tally.total : c.total;
}

function retryAfter(c: Counter, request: CounterRequest, now: number, end: number | undefined): number | undefined {
  if (c.tally) return c.tally.retryAfter(request.amount, request.limit, EPSILON, now);
  return end === undefined ? undefined : end - now;
}

function take(c: Counter, id: string, slotId: string, amount: number, now: number): CounterSlot {
  if (c.tally) {
    const slot: SlidingSlot = { id: slotId, lease: false, owner: id, bucket: c.tally.add(amount, now), held: amount };
    return slot;
  }
  if (now < c.last || c.leases.has(id)) c.ordered = false;
  c.last = Math.max(c.last, now);
  c.leases.set(id, { at: now, amount });
  c.total += amount;
  return { id: slotId, lease: true };
}

function settleOne(c: Counter, id: string, slot: CounterSlot, amount: number): void {
  if ('held' in slot) {
    if ('bucket' in slot) {
      const sliding = slot as SlidingSlot;
      if (sliding.owner !== id) return;
      c.tally?.adjust(sliding.bucket, amount - sliding.held);
      sliding.held = amount;
      return;
    }
    const held = slot as HeldSlot;
    if (held.held !== undefined) {
      c.total += amount - held.held;
      // No float dust left over once nothing is in flight.
      c.held = c.held - held.held > EPSILON ? c.held - held.held : 0;
    }
    held.held = undefined;
    return;
  }
  const entry = c.leases.get(id);
  if (!entry) return;
  c.leases.delete(id);
  c.total -= entry.amount;
}
