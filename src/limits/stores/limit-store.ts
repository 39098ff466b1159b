import type { LimitWindow } from '../policy/limit-window.js';

/**
 * One counter a reservation touches.
 *
 * @example
 * ```ts
 * const request: CounterRequest = { key: 'rpm|model=gemini-2.5-flash', limit: 10, amount: 1, window: { type: 'sliding', ms: 60_000 } };
 * ```
 */
export interface CounterRequest {
  /** Policy name and partition; the store adds the period for fixed windows. */
  readonly key: string;
  readonly limit: number;
  readonly amount: number;
  readonly window: LimitWindow;
}

/**
 * Where a reservation landed: settle goes back to the same period even after it ended.
 *
 * @example
 * ```ts
 * const slot: CounterSlot = { id: 'rpd|model=gemini-2.5-flash@1767254400000', lease: false };
 * ```
 */
export interface CounterSlot {
  /** The store's own key of the counter (with the period start for fixed windows). */
  readonly id: string;
  /** A `concurrent` slot: settling releases it. */
  readonly lease: boolean;
}

/**
 * A counter after a reservation.
 *
 * @example
 * ```ts
 * const state: CounterState = { slot, used: 7, end: 1767340800000 };
 * ```
 */
export interface CounterState {
  readonly slot: CounterSlot;
  /** Reserved and settled amounts in the window, this reservation included. */
  readonly used: number;
  /** Start of the fixed period. */
  readonly start?: number;
  /** End of the fixed period, when it resets. */
  readonly end?: number;
}

/**
 * What a reservation attempt gave: all counters taken, or the first counter that had no room.
 *
 * @example
 * ```ts
 * const result: ReserveResult = await store.reserve(id, requests);
 * if (!result.ok) console.log(`counter ${result.blocked} full: ${result.used} used, ${result.inFlight} of it in flight`);
 * ```
 */
export type ReserveResult =
  | { readonly ok: true; readonly now: number; readonly counters: readonly CounterState[] }
  | {
      readonly ok: false;
      readonly now: number;
      /** Index of the full counter in the request list. */
      readonly blocked: number;
      /** When the amount would fit as the window slides or the period resets, if the store can tell (not for concurrency). */
      readonly retryAfterMs: number | undefined;
      /** The full counter's amount in the window: reserved and settled. */
      readonly used: number;
      /** The limit it was checked against (a fallback store counting alone checks its share of the policy's). */
      readonly limit: number;
      /**
       * The part of `used` that reservations not yet settled hold (fixed periods; 0 for other windows): room that
       * may come back before the period resets, when they settle below what they reserved.
       */
      readonly inFlight: number;
    };

/**
 * A counter's current reading.
 *
 * @example
 * ```ts
 * const { used, inFlight, end } = await store.read({ key: 'credits|key=ab12', window });
 * ```
 */
export interface CounterReading {
  /** Reserved and settled. */
  readonly used: number;
  /** The part of `used` held by reservations not yet settled (fixed periods; 0 for other windows). */
  readonly inFlight: number;
  readonly now: number;
  readonly start?: number;
  readonly end?: number;
}

/**
 * Storage of limit counters. Reserve is all-or-nothing over a call's counters and atomic against every
 * other user of the same store, so concurrent calls cannot overshoot; settle replaces a reservation's
 * amounts with the actual ones (a refund or a charge).
 *
 * @example
 * ```ts
 * const store: LimitStore = memoryStore();
 * const result = await store.reserve('call-1', [{ key: 'rpm', limit: 60, amount: 1, window: { type: 'sliding', ms: 60_000 } }]);
 * if (result.ok) await store.settle('call-1', result.counters.map((c) => ({ slot: c.slot, amount: 1 })));
 * ```
 */
export interface LimitStore {
  /** Name for events, e.g. `memory` or `redis`. */
  readonly name: string;
  /** Takes `amount` from every counter, or from none when one has no room. */
  reserve(id: string, requests: readonly CounterRequest[]): Promise<ReserveResult>;
  /**
   * Sets reservation `id`'s amount in each slot `reserve` returned; a lease slot is released. A fixed-period
   * reservation is final once settled (folded into the period's total): a second settle of it is ignored.
   */
  settle(id: string, updates: readonly { readonly slot: CounterSlot; readonly amount: number }[]): Promise<void>;
  /** Reads a counter without changing it. */
  read(counter: Pick<CounterRequest, 'key' | 'window'>): Promise<CounterReading>;
  /** True the first time `key` is claimed before `until` (epoch ms): alerts fire once per window, fleet-wide. */
  claimOnce(key: string, until: number): Promise<boolean>;
  /** Releases connections and timers. */
  close(): Promise<void>;
}
