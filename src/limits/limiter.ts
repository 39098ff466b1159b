import { randomUUID } from 'node:crypto';
import { AbortedError } from '../errors/aborted-error.js';
import { systemClock, type Clock } from '../time/clock.js';
import { Admission, deadlineOf, notice } from './limiter/admission.js';
import { HeldReservation, holderOf, type ReservationHolder } from './limiter/held-reservation.js';
import { affordability, readHeadroom } from './limiter/headroom.js';
import { refusal } from './limiter/refusal.js';
import type { AcquireOptions, Affordability, Headroom, Limiter, LimiterOptions, Reservation } from './limiter/limiter-types.js';
import { validateLimiterOptions } from './limiter/validate-limiter-options.js';
import { WaitQueue, type Admitted } from './limiter/wait-queue.js';
import { planner, type Plan, type Planned } from './policy/limit-plan.js';
import { resolvePolicies, type ResolvedPolicy } from './policy/limit-policy.js';
import type { LimitSubject } from './policy/limit-scope.js';
import type { UnitAmounts } from './policy/limit-unit.js';
import type { FallbackLimitStore } from './stores/fallback-store.js';
import type { LimitStore, ReserveResult } from './stores/limit-store.js';
import { memoryStore } from './stores/memory-store.js';

export type { AcquireOptions, Affordability, Headroom, LimitNotice, Limiter, LimiterOptions, Reservation } from './limiter/limiter-types.js';

/**
 * Creates a {@link Limiter}. Throws `ConfigError` for an invalid option or policy, naming its field.
 *
 * @example
 * ```ts
 * const limiter = createLimiter({
 *   policies: [
 *     ...geminiFreeTier(),
 *     { name: 'per-customer-usd', unit: 'usd', limit: 20, window: 'month', scope: { per: ['tag:customer'] }, action: 'reject', alerts: [0.8, 1] },
 *   ],
 * });
 * const left = await limiter.headroom({ provider: 'openai', model: 'gpt-4o-mini', tags: { customer: 'acme' } });
 * ```
 */
export function createLimiter(options: LimiterOptions): Limiter {
  validateLimiterOptions(options);
  const policies = resolvePolicies(options.policies, 'limits.policies');
  const store = options.store ?? memoryStore({ clock: options.clock });
  // The default store reads the limiter's own clock, so its answer's `now` is a time on that clock too.
  const limiter = new PolicyLimiter(policies, store, options.clock ?? systemClock, options.pollMs ?? 250, options.store === undefined);
  // A plain object of functions: a limiter can be spread into a wrapper, and its methods passed around alone.
  return {
    policies,
    acquire: (subject, estimate, acquireOptions) => limiter.acquire(subject, estimate, acquireOptions),
    headroom: (subject) => limiter.headroom(subject),
    canAfford: (subject, estimate) => limiter.canAfford(subject, estimate),
    onStoreState: (listener) => limiter.onStoreState(listener),
    close: () => limiter.close(),
  };
}

/** What a call without acquire options gets: one shared empty object rather than a fresh one per call. */
const NO_OPTIONS: AcquireOptions = Object.freeze({});

/**
 * The limiter's parts put together: the plan of a call's counters, the admission decision, the wait queue and
 * the reservations. A call reserves in the store at once unless others already wait for one of its counters.
 */
class PolicyLimiter implements Limiter {
  readonly policies: readonly ResolvedPolicy[];
  readonly #store: LimitStore;
  readonly #clock: Clock;
  readonly #plan: (subject: LimitSubject, estimate: UnitAmounts) => Plan;
  readonly #queue: WaitQueue;
  readonly #holder: ReservationHolder;
  /** The store tells time by this limiter's clock: its answer's `now` says when a reservation was taken. */
  readonly #storeSharesClock: boolean;
  // Reservation ids: unique across the processes sharing a store, and short.
  readonly #idPrefix = `${randomUUID()}:`;
  #ids = 0;

  constructor(policies: readonly ResolvedPolicy[], store: LimitStore, clock: Clock, pollMs: number, storeSharesClock: boolean) {
    this.policies = policies;
    this.#storeSharesClock = storeSharesClock;
    this.#store = store;
    this.#clock = clock;
    this.#plan = planner(policies);
    const admission = new Admission(clock, pollMs);
    this.#queue = new WaitQueue(store, clock, admission);
    this.#holder = holderOf(store, admission, this.#queue.wakeAll);
  }

  acquire(subject: LimitSubject, estimate: UnitAmounts, options: AcquireOptions = NO_OPTIONS): Promise<Reservation> {
    try {
      return this.#begin(subject, estimate, options);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  headroom(subject: LimitSubject): Promise<Headroom[]> {
    return readHeadroom(this.#store, this.#plan, subject).then((read) => read.map((r) => r.headroom));
  }

  canAfford(subject: LimitSubject, estimate: UnitAmounts): Promise<Affordability> {
    return affordability(this.#store, this.#plan, subject, estimate);
  }

  onStoreState(listener: Parameters<Limiter['onStoreState']>[0]): () => void {
    const watch = (this.#store as Partial<FallbackLimitStore>).onStateChange;
    return typeof watch === 'function' ? watch.call(this.#store, listener) : () => undefined;
  }

  close(): Promise<void> {
    this.#queue.wakeAll();
    return this.#store.close();
  }

  // Refuses a call that can never fit, queues it behind the calls already waiting for one of its counters, or
  // asks the store. Throws what acquire rejects with.
  #begin(subject: LimitSubject, estimate: UnitAmounts, options: AcquireOptions): Promise<Reservation> {
    if (options.signal?.aborted) throw new AbortedError('the call was aborted before its limits were checked', { cause: options.signal.reason });
    const { planned, requests } = this.#plan(subject, estimate);
    if (planned.length === 0) return Promise.resolve(new HeldReservation(this.#holder, [], '', [], 0, 0));
    const id = `${this.#idPrefix}${(this.#ids += 1)}`;
    let queued: Planned | undefined;
    for (const p of planned) {
      if (p.request.amount > p.policy.limit) {
        options.onLimited?.(notice(p, 'reject', 0));
        throw refusal(p, {});
      }
      if (!queued && this.#queue.busy(p.request.key)) queued = p;
    }
    if (queued) return this.#wait(planned, id, this.#clock.now(), queued.request.key, undefined, options);
    return this.#store.reserve(id, requests).then((result) => this.#afterReserve(planned, id, result, options));
  }

  // What the store's answer means for the call: admitted, refused (throws) or queued to wait.
  #afterReserve(planned: readonly Planned[], id: string, result: ReserveResult, options: AcquireOptions): Reservation | Promise<Reservation> {
    if (result.ok) return this.#admitted(planned, id, result, undefined, options);
    // The wait starts here: the clock is read only for calls that may wait.
    const startedAt = this.#clock.now();
    const blocked = planned[result.blocked]!;
    const admission = this.#holder.admission;
    if (admission.refuses(blocked, result, deadlineOf(planned, startedAt))) {
      const error = admission.refusal(blocked, result);
      options.onLimited?.(notice(blocked, 'reject', error.retryAfterMs ?? 0));
      throw error;
    }
    return this.#wait(planned, id, startedAt, blocked.request.key, blocked, options);
  }

  // `key`: the counter whose queue the call joins; `first`: the policy that already held it back, if any.
  #wait(planned: readonly Planned[], id: string, startedAt: number, key: string, first: Planned | undefined, options: AcquireOptions): Promise<Reservation> {
    return this.#queue.wait(planned, id, startedAt, key, first, options).then((won) => this.#admitted(planned, id, won, startedAt, options));
  }

  // The reservation of an admitted call. `waitedSince`: when it started waiting, if it did. The reservation is
  // held from when the store took it: by the store's answer where the store shares this clock (a clock read less
  // on every call), else from now.
  #admitted(planned: readonly Planned[], id: string, result: Admitted, waitedSince: number | undefined, options: AcquireOptions): Reservation {
    const now = waitedSince === undefined && this.#storeSharesClock ? result.now : this.#clock.now();
    const waitedMs = waitedSince === undefined ? 0 : Math.max(0, now - waitedSince);
    return new HeldReservation(this.#holder, planned, id, result.counters, now, waitedMs, options.onAlert);
  }
}
