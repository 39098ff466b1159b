import type { CounterRequest, LimitStore, ReserveResult } from '../../src/limits/stores/limit-store.js';

/** What {@link watchedStore} saw of one reservation id. */
export interface WatchedReservation {
  /** The amount asked for in the watched counter, at the last attempt. */
  amount: number;
  /** The store's answer to the last attempt. */
  last: ReserveResult | undefined;
  /** The amount it settled to, once settled. */
  settled: number | undefined;
}

/**
 * A limit store passed through unchanged, watching one counter (by key prefix): per reservation id what it asked
 * for, the store's last answer and what it settled to, and how many reservations were in flight when the last
 * one was admitted: what a test needs to check a refusal was a real exhaustion and the overshoot bound.
 */
export function watchedStore(store: LimitStore, key: string) {
  const reservations = new Map<string, WatchedReservation>();
  const inFlight = new Set<string>();
  const watch = { reservations, inFlightAtLastAdmission: 0, maxInFlight: 0 };
  const at = (requests: readonly CounterRequest[]): number => requests.findIndex((r) => r.key.startsWith(key));
  const wrapped: LimitStore = {
    name: store.name,
    async reserve(id, requests) {
      const i = at(requests);
      const result = await store.reserve(id, requests);
      if (i < 0) return result;
      const seen = reservations.get(id) ?? { amount: 0, last: undefined, settled: undefined };
      seen.amount = requests[i]!.amount;
      seen.last = result;
      reservations.set(id, seen);
      if (result.ok) {
        inFlight.add(id);
        watch.inFlightAtLastAdmission = inFlight.size;
        watch.maxInFlight = Math.max(watch.maxInFlight, inFlight.size);
      }
      return result;
    },
    async settle(id, updates) {
      await store.settle(id, updates);
      const seen = reservations.get(id);
      const update = updates.find((u) => u.slot.id.startsWith(key));
      if (seen && update && inFlight.delete(id)) seen.settled = update.amount;
    },
    read: (request) => store.read(request),
    claimOnce: (claim, until) => store.claimOnce(claim, until),
    close: () => store.close(),
  };
  return { store: wrapped, watch };
}
