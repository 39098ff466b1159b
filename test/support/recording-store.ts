import type { CounterRequest, LimitStore } from '../../src/limits/stores/limit-store.js';

/**
 * A limit store passed through unchanged, remembering every amount reserved and settled per counter key: how
 * a test learns a call's reservation.
 */
export function recordingStore(store: LimitStore): { store: LimitStore; reserved: CounterRequest[]; settled: number[] } {
  const reserved: CounterRequest[] = [];
  const settled: number[] = [];
  return {
    reserved,
    settled,
    store: {
      name: store.name,
      reserve(id, requests) {
        reserved.push(...requests);
        return store.reserve(id, requests);
      },
      settle(id, updates) {
        for (const u of updates) settled.push(u.amount);
        return store.settle(id, updates);
      },
      read: (request) => store.read(request),
      claimOnce: (key, until) => store.claimOnce(key, until),
      close: () => store.close(),
    },
  };
}
