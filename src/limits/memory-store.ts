import { systemClock, type Clock } from '../time/clock.js';
import type { CounterReading, CounterRequest, CounterSlot, LimitStore, ReserveResult } from './limit-store.js';
import type { LimitWindow } from './limit-window.js';

interface Entry {
  readonly at: number;
  amount: number;
}

interface Counter {
  readonly entries: Map<string, Entry>;
  total: number;
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

/**
 * Limit counters in this process: the default store. Exact sliding windows (one entry per reservation),
 * fixed periods that drop out once over, leases for concurrency.
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
  const latest = new Map<string, { id: string; start: number }>();
  const claims = new Map<string, number>();

  const slotOf = (key: string, window: LimitWindow, now: number): { id: string; start?: number; end?: number } => {
    if (window.type !== 'fixed') return { id: key };
    const { start, end } = window.period(now);
    const id = `${key}@${start}`;
    const previous = latest.get(key);
    if (!previous || previous.start < start) {
      if (previous) counters.delete(previous.id);
      latest.set(key, { id, start });
    }
    return { id, start, end };
  };

  const counter = (id: string, window: LimitWindow, now: number): Counter => {
    let c = counters.get(id);
    if (!c) {
      c = { entries: new Map(), total: 0 };
      counters.set(id, c);
    }
    if (window.type !== 'fixed') {
      const horizon = now - window.ms;
      for (const [entryId, entry] of c.entries) {
        if (entry.at <= horizon) {
          c.entries.delete(entryId);
          c.total -= entry.amount;
        }
      }
      if (c.entries.size === 0) c.total = 0;
    }
    return c;
  };

  const fits = (c: Counter, request: CounterRequest): boolean => c.total + request.amount <= request.limit + 1e-9;

  const retryAfter = (c: Counter, request: CounterRequest, now: number, end: number | undefined): number | undefined => {
    if (request.window.type === 'fixed') return end === undefined ? undefined : end - now;
    if (request.window.type === 'lease') return undefined;
    const ordered = [...c.entries.values()].sort((a, b) => a.at - b.at);
    let used = c.total;
    for (const entry of ordered) {
      used -= entry.amount;
      if (used + request.amount <= request.limit + 1e-9) return entry.at + request.window.ms - now;
    }
    return undefined;
  };

  return {
    name: 'memory',
    reserve(id, requests): Promise<ReserveResult> {
      const now = clock.now();
      const slots = requests.map((r) => slotOf(r.key, r.window, now));
      const touched = requests.map((r, i) => counter(slots[i]!.id, r.window, now));
      const blocked = requests.findIndex((r, i) => !fits(touched[i]!, r));
      if (blocked >= 0) {
        const request = requests[blocked]!;
        return Promise.resolve({ ok: false, now, blocked, retryAfterMs: retryAfter(touched[blocked]!, request, now, slots[blocked]!.end) });
      }
      const states = requests.map((r, i) => {
        const c = touched[i]!;
        c.entries.set(id, { at: now, amount: r.amount });
        c.total += r.amount;
        const { start, end } = slots[i]!;
        const slot: CounterSlot = { id: slots[i]!.id, lease: r.window.type === 'lease' };
        return { slot, used: c.total, ...(start === undefined ? {} : { start, end }) };
      });
      return Promise.resolve({ ok: true, now, counters: states });
    },
    settle(id, updates) {
      for (const { slot, amount } of updates) {
        const c = counters.get(slot.id);
        const entry = c?.entries.get(id);
        if (!c || !entry) continue;
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
