import { AbortedError } from '../../errors/aborted-error.js';
import { RateLimitedError } from '../../errors/rate-limited-error.js';
import type { Clock } from '../../time/clock.js';
import type { Planned } from '../policy/limit-plan.js';
import type { LimitStore, ReserveResult } from '../stores/limit-store.js';
import { deadlineOf, notice, type Admission, type Deadline } from './admission.js';
import { FairQueues } from './fair-queue.js';
import type { AcquireOptions } from './limiter-types.js';

/** A store's answer that a call fits: its counters taken. */
export type Admitted = Extract<ReserveResult, { ok: true }>;

interface Waiter {
  readonly seq: number;
  readonly id: string;
  readonly planned: readonly Planned[];
  readonly deadline: Deadline;
  readonly finish: (result: Admitted) => void;
  readonly fail: (error: unknown) => void;
  /** The policy that first held the call back, for `onLimited`. */
  first?: Planned;
  done: boolean;
}

/**
 * Calls waiting for room, served in arrival order per counter: the head of each counter's queue retries its
 * reservation when a settle frees room (`wakeAll`), when the store says room frees up, or every `pollMs` when
 * it cannot say (concurrency slots held elsewhere) or the room waited for is held by reservations in flight. A call blocked on another counter moves to that queue.
 *
 * @example
 * ```ts
 * const queue = new WaitQueue(store, clock, admission);
 * const won = await queue.wait(planned, id, clock.now(), blocked.request.key, blocked, { signal });
 * ```
 */
export class WaitQueue {
  readonly #store: LimitStore;
  readonly #clock: Clock;
  readonly #admission: Admission;
  readonly #queues = new FairQueues<Waiter>();
  /** Counters whose queue is being served. */
  readonly #pumping = new Set<string>();
  /** One per sleeping queue head: aborting it wakes the head. */
  readonly #wakers = new Set<AbortController>();
  #seq = 0;
  /** How many times wakeAll ran: a head whose attempt overlapped one (a settle during a store round trip) retries. */
  #wakes = 0;

  constructor(store: LimitStore, clock: Clock, admission: Admission) {
    this.#store = store;
    this.#clock = clock;
    this.#admission = admission;
  }

  /** Whether calls wait for counter `key`: a new call queues behind them instead of overtaking them. */
  busy(key: string): boolean {
    return this.#queues.busy(key);
  }

  /** Lets every sleeping queue head retry now (room may have been freed). */
  readonly wakeAll = (): void => {
    this.#wakes += 1;
    if (this.#wakers.size === 0) return;
    for (const waker of this.#wakers) waker.abort();
    this.#wakers.clear();
  };

  /**
   * Queues a call on counter `key` until the store admits it; rejects with `RateLimitedError` when it can no
   * longer fit in time, `AbortedError` when `options.signal` aborts, or the store's error. `first` is the policy
   * that already held it back, if any.
   */
  wait(planned: readonly Planned[], id: string, startedAt: number, key: string, first: Planned | undefined, options: AcquireOptions): Promise<Admitted> {
    return new Promise((resolve, reject) => {
      const { signal, onLimited } = options;
      const onAbort = (): void => {
        if (waiter.done) return;
        this.#queues.remove(waiter);
        waiter.fail(new AbortedError('the call was aborted while waiting for a limit', { cause: signal?.reason }));
        this.wakeAll();
      };
      const waiter: Waiter = {
        seq: (this.#seq += 1),
        id,
        planned,
        deadline: deadlineOf(planned, startedAt),
        done: false,
        ...(first ? { first } : {}),
        finish: (result) => {
          waiter.done = true;
          signal?.removeEventListener('abort', onAbort);
          if (waiter.first) onLimited?.(notice(waiter.first, 'wait', Math.max(0, this.#clock.now() - startedAt)));
          resolve(result);
        },
        fail: (error) => {
          waiter.done = true;
          signal?.removeEventListener('abort', onAbort);
          if (RateLimitedError.isInstance(error) && waiter.first) onLimited?.(notice(waiter.first, 'reject', error.retryAfterMs ?? 0));
          reject(error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queues.insert(key, waiter);
      void this.#pump(key);
    });
  }

  /** Serves counter `key`'s queue head after head, sleeping while the head has no room. */
  async #pump(key: string): Promise<void> {
    if (this.#pumping.has(key)) return;
    this.#pumping.add(key);
    try {
      for (let head = this.#queues.head(key); head; head = this.#queues.head(key)) {
        const wakes = this.#wakes;
        const sleepMs = await this.#attempt(head, key);
        if (sleepMs === undefined || wakes !== this.#wakes) continue;
        const waker = new AbortController();
        this.#wakers.add(waker);
        await this.#clock.sleep(Math.max(sleepMs, 0), waker.signal).catch(() => undefined);
        this.#wakers.delete(waker);
      }
    } finally {
      this.#pumping.delete(key);
    }
  }

  /** One reservation attempt of the head of `key`'s queue; returns how long to sleep, or undefined to go on. */
  async #attempt(waiter: Waiter, key: string): Promise<number | undefined> {
    let result: ReserveResult;
    try {
      result = await this.#store.reserve(waiter.id, waiter.planned.map((p) => p.request));
    } catch (error) {
      this.#queues.remove(waiter);
      waiter.fail(error);
      return undefined;
    }
    if (waiter.done) {
      // Aborted while the store answered: give back what it took.
      if (result.ok) await this.#store.settle(waiter.id, result.counters.map((c) => ({ slot: c.slot, amount: 0 })));
      return undefined;
    }
    if (result.ok) {
      this.#queues.remove(waiter);
      waiter.finish(result);
      return undefined;
    }
    const blocked = waiter.planned[result.blocked]!;
    waiter.first ??= blocked;
    if (this.#admission.refuses(blocked, result, waiter.deadline)) {
      this.#queues.remove(waiter);
      waiter.fail(this.#admission.refusal(blocked, result));
      return undefined;
    }
    if (blocked.request.key !== key) {
      this.#queues.remove(waiter);
      this.#queues.insert(blocked.request.key, waiter);
      void this.#pump(blocked.request.key);
      return undefined;
    }
    return Math.min(this.#admission.sleepMs(blocked, result), this.#admission.waitsUntil(blocked, result, waiter.deadline) - this.#clock.now());
  }
}
