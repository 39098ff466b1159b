import { systemClock, type Clock } from '../time/clock.js';
import type { CounterReading, CounterRequest, CounterSlot, CounterState, LimitStore, ReserveResult } from './limit-store.js';
import type { LimitWindow } from './limit-window.js';
import { periodAt } from './period-at.js';

interface Entry {
  readonly at: number;
  amount: number;
}

interface Counter {
  /** Sliding and lease reservations in the window (a fixed period needs only its total). */
  readonly entries: Map<string, Entry>;
  total: number;
  /** Latest entry time, and whether entries were added in time order (so trimming can stop early). */
  last: number;
  ordered: boolean;
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
 * Limit counters in this process: the default store. Exact sliding windows (one entry per reservation),
 * fixed periods that drop out once over (a settled reservation is folded into its period's total, so a
 * month-long budget holds only the calls in flight), leases for concurrency.
 *
 * @example
 * ```ts
 * const limiter = createLimiter({ policies, store: memoryStore() });
 * ```
 */
export function memoryStore(options: MemoryStoreOptions = {}): LimitStore {
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

  const counter = (id: string, window: LimitWindow, now: number): Counter => {
    let c = counters.get(id);
    if (!c) {
      c = { entries: new Map(), total: 0, last: -Infinity, ordered: true };
      counters.set(id, c);
    }
    if (window.type !== 'fixed' && c.entries.size > 0) {
      const horizon = now - window.ms;
      for (const [entryId, entry] of c.entries) {
        if (entry.at > horizon) {
          if (c.ordered) break;
          continue;
        }
        c.entries.delete(entryId);
        c.total -= entry.amount;
      }
      if (c.entries.size === 0) c.total = 0;
    }
    return c;
  };

  const retryAfter = (c: Counter, request: CounterRequest, now: number, end: number | undefined): number | undefined => {
    if (request.window.type === 'fixed') return end === undefined ? undefined : end - now;
    if (request.window.type === 'lease') return undefined;
    const entries = c.ordered ? c.entries.values() : [...c.entries.values()].sort((a, b) => a.at - b.at);
    let used = c.total;
    for (const entry of entries) {
      used -= entry.amount;
      if (used + request.amount <= request.limit + EPSILON) return entry.at + request.window.ms - now;
    }
    return undefined;
  };

  const take = (c: Counter, id: string, amount: number, now: number): void => {
    if (now < c.last || c.entries.has(id)) c.ordered = false;
    c.last = Math.max(c.last, now);
    c.entries.set(id, { at: now, amount });
    c.total += amount;
  };

  return {
    name: 'memory',
    reserve(id, requests): Promise<ReserveResult> {
      const now = clock.now();
      const n = requests.length;
      for (let i = 0; i < n; i += 1) {
        const r = requests[i]!;
        slots[i] = slotOf(r.key, r.window, now);
        touched[i] = counter(slots[i]!.id, r.window, now);
      }
      for (let i = 0; i < n; i += 1) {
        const r = requests[i]!;
        if (touched[i]!.total + r.amount > r.limit + EPSILON) {
          return Promise.resolve({ ok: false, now, blocked: i, retryAfterMs: retryAfter(touched[i]!, r, now, slots[i]!.end) });
        }
      }
      const states: CounterState[] = new Array<CounterState>(n);
      for (let i = 0; i < n; i += 1) {
        const r = requests[i]!;
        const c = touched[i]!;
        const { id: slotId, start, end } = slots[i]!;
        if (start === undefined) {
          take(c, id, r.amount, now);
          states[i] = { slot: { id: slotId, lease: r.window.type === 'lease' }, used: c.total };
        } else {
          c.total += r.amount;
          const slot: HeldSlot = { id: slotId, lease: false, held: r.amount };
          states[i] = { slot, used: c.total, start, end };
        }
      }
      return Promise.resolve({ ok: true, now, counters: states });
    },
    settle(id, updates) {
      for (const { slot, amount } of updates) {
        const c = counters.get(slot.id);
        if (!c) continue;
        if ('held' in slot) {
          const held = slot as HeldSlot;
          if (held.held !== undefined) c.total += amount - held.held;
          held.held = undefined;
          continue;
        }
        const entry = c.entries.get(id);
        if (!entry) continue;
        if (slot.lease) {
          c.entries.delete(id);
          c.total -= entry.amount;
        } else {
          c.total += amount - entry.amount;
          entry.amount = amount;
        }
      }
      return Promise.resolve();
    },
    read(request): Promise<CounterReading> {
      const now = clock.now();
      const slot = slotOf(request.key, request.window, now);
      const used = counters.has(slot.id) ? counter(slot.id, request.window, now).total : 0;
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
