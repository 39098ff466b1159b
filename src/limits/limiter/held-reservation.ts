import type { Planned } from '../policy/limit-plan.js';
import type { UnitAmounts } from '../policy/limit-unit.js';
import type { CounterSlot, CounterState, LimitStore } from '../stores/limit-store.js';
import type { Admission } from './admission.js';
import type { Reservation } from './limiter-types.js';

/**
 * What a reservation's settle needs from its limiter: the store, the count of unsettled reservations, and a way
 * to let waiters re-check.
 *
 * @example
 * ```ts
 * const holder: ReservationHolder = { store, admission, wakeAll: queue.wakeAll };
 * ```
 */
export interface ReservationHolder {
  readonly store: LimitStore;
  readonly admission: Admission;
  readonly wakeAll: () => void;
}

/**
 * The amounts one admitted call holds in its counters until it settles.
 *
 * @example
 * ```ts
 * const reservation = new HeldReservation(holder, planned, id, result.counters, 0);
 * await reservation.settle({ requests: 1, tokens: 812 });
 * ```
 */
export class HeldReservation implements Reservation {
  readonly waitedMs: number;
  readonly #holder: ReservationHolder;
  readonly #planned: readonly Planned[];
  readonly #id: string;
  readonly #states: readonly CounterState[];
  #settled = false;

  /** Counts the reservation as unsettled in its counters. */
  constructor(holder: ReservationHolder, planned: readonly Planned[], id: string, states: readonly CounterState[], waitedMs: number) {
    this.#holder = holder;
    this.#planned = planned;
    this.#id = id;
    this.#states = states;
    this.waitedMs = waitedMs;
    holder.admission.track(planned, 1);
  }

  settle(actual: UnitAmounts): Promise<void> {
    const states = this.#states;
    if (this.#settled || states.length === 0) return Promise.resolve();
    this.#settled = true;
    const { store, admission, wakeAll } = this.#holder;
    admission.track(this.#planned, -1);
    const updates = new Array<{ slot: CounterSlot; amount: number }>(states.length);
    for (let i = 0; i < states.length; i += 1) {
      const unit = this.#planned[i]!.policy.unit;
      updates[i] = { slot: states[i]!.slot, amount: unit === 'concurrent' ? 0 : Math.max(0, actual[unit] ?? 0) };
    }
    // Waiters re-check once the store has the settle, whether it worked or not.
    const rethrow = (error: unknown): never => {
      wakeAll();
      throw error;
    };
    try {
      return store.settle(this.#id, updates).then(wakeAll, rethrow);
    } catch (error) {
      wakeAll();
      return Promise.reject(error);
    }
  }
}
