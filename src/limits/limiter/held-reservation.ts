import type { QuotaEvent } from '../../events.js';
import type { Planned } from '../policy/limit-plan.js';
import type { UnitAmounts } from '../policy/limit-unit.js';
import type { CounterSlot, CounterState, LimitStore } from '../stores/limit-store.js';
import type { Admission } from './admission.js';
import { fireAlerts } from './alerts.js';
import type { Reservation } from './limiter-types.js';

/**
 * What a reservation's settle needs from its limiter: the store, the count of unsettled reservations, and a way
 * to let waiters re-check.
 *
 * @example
 * ```ts
 * const holder: ReservationHolder = holderOf(store, admission, queue.wakeAll);
 * ```
 */
export interface ReservationHolder {
  readonly store: LimitStore;
  readonly admission: Admission;
  readonly wakeAll: () => void;
  /** After a settle the store took: waiters re-check. Made once, not per settle. */
  readonly woken: () => undefined;
  /** After a settle the store failed: waiters re-check, and the failure goes on. */
  readonly wokenRethrow: (error: unknown) => never;
}

/**
 * A limiter's {@link ReservationHolder}: its store, admission and the wake-up of its waiters.
 *
 * @example
 * ```ts
 * const holder = holderOf(store, admission, queue.wakeAll);
 * ```
 */
export function holderOf(store: LimitStore, admission: Admission, wakeAll: () => void): ReservationHolder {
  const woken = (): undefined => {
    wakeAll();
    return undefined;
  };
  const wokenRethrow = (error: unknown): never => {
    wakeAll();
    throw error;
  };
  return { store, admission, wakeAll, woken, wokenRethrow };
}

/**
 * The amounts one admitted call holds in its counters until it settles. Once settled, the counters of policies
 * with alerts are read and their thresholds checked against what is spent.
 *
 * @example
 * ```ts
 * const reservation = new HeldReservation(holder, planned, id, result.counters, clock.now(), 0, (event) => ctx.emit('quota', event));
 * await reservation.settle({ requests: 1, tokens: 812 });
 * ```
 */
export class HeldReservation implements Reservation {
  readonly waitedMs: number;
  readonly #holder: ReservationHolder;
  readonly #planned: readonly Planned[];
  readonly #id: string;
  readonly #states: readonly CounterState[];
  readonly #onAlert: ((event: QuotaEvent) => void) | undefined;
  readonly #since: number;
  #settled = false;

  /** Counts the reservation as unsettled in its counters. `since`: when the store took it, on the limiter's clock. */
  constructor(
    holder: ReservationHolder,
    planned: readonly Planned[],
    id: string,
    states: readonly CounterState[],
    since: number,
    waitedMs: number,
    onAlert?: (event: QuotaEvent) => void,
  ) {
    this.#holder = holder;
    this.#planned = planned;
    this.#id = id;
    this.#states = states;
    this.waitedMs = waitedMs;
    this.#onAlert = onAlert;
    this.#since = since;
    holder.admission.track(planned, 1);
  }

  settle(actual: UnitAmounts): Promise<void> {
    const states = this.#states;
    if (this.#settled || states.length === 0) return Promise.resolve();
    this.#settled = true;
    const holder = this.#holder;
    const { store, admission } = holder;
    admission.track(this.#planned, -1, admission.timesHold() ? Math.max(0, admission.now() - this.#since) : undefined);
    const updates = new Array<{ slot: CounterSlot; amount: number }>(states.length);
    for (let i = 0; i < states.length; i += 1) {
      const unit = this.#planned[i]!.policy.unit;
      updates[i] = { slot: states[i]!.slot, amount: unit === 'concurrent' ? 0 : Math.max(0, actual[unit] ?? 0) };
    }
    // Waiters re-check once the store has the settle, whether it worked or not; then the alerts, if any.
    try {
      const stored = store.settle(this.#id, updates);
      if (!this.#onAlert) return stored.then(holder.woken, holder.wokenRethrow);
      return stored.then(() => {
        holder.wakeAll();
        return this.#alerts();
      }, holder.wokenRethrow);
    } catch (error) {
      holder.wakeAll();
      return Promise.reject(error);
    }
  }

  // The alerts of the settled counters, on what is spent now.
  #alerts(): Promise<void> | undefined {
    const emit = this.#onAlert;
    if (!emit || !this.#planned.some((p) => p.policy.alerts.length > 0)) return undefined;
    const { store } = this.#holder;
    const checks = this.#planned
      .filter((p) => p.policy.alerts.length > 0)
      .map(async (p) => fireAlerts(store, p.policy, p.scope, await store.read(p.request), emit));
    return Promise.all(checks).then(() => undefined);
  }
}
