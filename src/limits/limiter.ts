import { randomUUID } from 'node:crypto';
import { AbortedError } from '../errors/aborted-error.js';
import { RateLimitedError } from '../errors/rate-limited-error.js';
import type { LimitStoreEvent, QuotaEvent } from '../events.js';
import { systemClock, type Clock } from '../time/clock.js';
import { fireAlerts } from './limiter/alerts.js';
import { FairQueues } from './limiter/fair-queue.js';
import type { FallbackLimitStore } from './stores/fallback-store.js';
import { planner, type Planned } from './policy/limit-plan.js';
import { resolvePolicies, type LimitPolicy } from './policy/limit-policy.js';
import type { LimitSubject } from './policy/limit-scope.js';
import type { CounterState, LimitStore, ReserveResult } from './stores/limit-store.js';
import type { UnitAmounts } from './policy/limit-unit.js';
import { memoryStore } from './stores/memory-store.js';
import { validateLimiterOptions } from './limiter/validate-limiter-options.js';

/**
 * Options of {@link createLimiter}.
 *
 * @example
 * ```ts
 * const options: LimiterOptions = { policies: [...geminiFreeTier(), acmeBudget], store: redisStore({ url: process.env.REDIS_URL }) };
 * ```
 */
export interface LimiterOptions {
  /** The policies; every policy whose scope matches a call applies to it. */
  readonly policies: readonly LimitPolicy[];
  /** Where counters live. @default memoryStore() */
  readonly store?: LimitStore;
  /** Time source (tests inject one). @default systemClock */
  readonly clock?: Clock;
  /** How often a waiter re-checks when the store cannot say when room frees up (concurrency slots held elsewhere). @default 250 */
  readonly pollMs?: number;
}

/**
 * A policy acting on a call, for events: which counter, and what it did.
 *
 * @example
 * ```ts
 * const onLimited = (info: LimitNotice) => console.warn(`${info.policy} ${info.action} ${info.waitMs} ms`);
 * ```
 */
export interface LimitNotice {
  readonly policy: string;
  readonly scope: string;
  readonly unit: string;
  readonly action: 'wait' | 'reject';
  /** Waited, or (on reject) until room frees up, in ms; 0 when unknown. */
  readonly waitMs: number;
}

/**
 * Options of {@link Limiter.acquire}.
 *
 * @example
 * ```ts
 * const reservation = await limiter.acquire(subject, estimate, { signal, onLimited, onAlert: (e) => ctx.emit('quota', e) });
 * ```
 */
export interface AcquireOptions {
  /** Cancels the wait with {@link AbortedError}. */
  readonly signal?: AbortSignal | undefined;
  /** Told when a policy delayed (after the wait) or refused the call. */
  readonly onLimited?: (notice: LimitNotice) => void;
  /** Told when a counter reached an alert threshold. */
  readonly onAlert?: (event: QuotaEvent) => void;
}

/**
 * Amounts held for one call until it settles.
 *
 * @example
 * ```ts
 * const reservation = await limiter.acquire(subject, { requests: 1, tokens: 900 });
 * const result = await callProvider();
 * await reservation.settle({ requests: 1, tokens: result.usage.total });
 * ```
 */
export interface Reservation {
  /** Time spent waiting for room, in ms. */
  readonly waitedMs: number;
  /** Replaces the estimate with the actual amounts (refund or charge) and frees concurrency slots. Idempotent. */
  settle(actual: UnitAmounts): Promise<void>;
}

/**
 * What is left of one policy's counter.
 *
 * @example
 * ```ts
 * const [credits] = await limiter.headroom({ provider: 'elevenlabs', model: 'eleven_flash_v2_5' });
 * console.log(`${credits.remaining} credits left until ${credits.resetAt?.toISOString()}`);
 * ```
 */
export interface Headroom {
  readonly policy: string;
  readonly scope: string;
  readonly unit: string;
  readonly limit: number;
  /** Reserved and settled so far in the window. */
  readonly used: number;
  readonly remaining: number;
  /** When a calendar window resets. */
  readonly resetAt?: Date;
}

/**
 * Whether an estimate fits now, and if not, which policy stands in the way.
 *
 * @example
 * ```ts
 * const verdict: Affordability = await limiter.canAfford(subject, { credits: 500 });
 * if (!verdict.ok) console.warn(`${verdict.blockedBy?.policy}: ${verdict.blockedBy?.remaining} left`);
 * ```
 */
export interface Affordability {
  readonly ok: boolean;
  /** The first policy without room for the estimate. */
  readonly blockedBy?: Headroom & { readonly needed: number };
}

/**
 * Reserve → settle enforcement of limit policies, plus queries. Create it with {@link createLimiter}.
 *
 * @example
 * ```ts
 * const limiter = createLimiter({ policies: [{ name: 'rpm', unit: 'requests', limit: 60, window: 'minute' }] });
 * const ai = createAIClient({ providers, limits: limiter });
 * ```
 */
export interface Limiter {
  /** The policies, validated. */
  readonly policies: readonly LimitPolicy[];
  /** Reserves `estimate` in every applicable policy, waiting in arrival order or refusing per the policies. */
  acquire(subject: LimitSubject, estimate: UnitAmounts, options?: AcquireOptions): Promise<Reservation>;
  /** What is left in every policy applying to `subject`. */
  headroom(subject: LimitSubject): Promise<Headroom[]>;
  /** Whether `estimate` fits in every applicable policy right now (a check, not a reservation). */
  canAfford(subject: LimitSubject, estimate: UnitAmounts): Promise<Affordability>;
  /**
   * Calls `listener` when the store switches between shared and local counting (a `fallbackStore()`);
   * returns a function that stops it. Other stores never switch.
   */
  onStoreState(listener: (event: LimitStoreEvent) => void): () => void;
  /** Closes the store. */
  close(): Promise<void>;
}

// A call waits at most the shortest maxWaitMs of its waiting policies.
function deadlineOf(planned: readonly Planned[], startedAt: number): number {
  const waits = planned.filter((p) => p.policy.action === 'wait').map((p) => p.policy.maxWaitMs);
  return startedAt + (waits.length ? Math.min(...waits) : 0);
}

const SETTLED: Promise<void> = Promise.resolve();

/** What a reservation's settle needs from its limiter. */
interface Settling {
  readonly store: LimitStore;
  /** Counts unsettled reservations per counter. */
  readonly track: (planned: readonly Planned[], delta: number) => void;
  /** Lets waiters re-check. */
  readonly wakeAll: () => void;
  readonly wakeAndRethrow: (error: unknown) => never;
}

/** A class, not an object literal with a closure: one object per admitted call, on every call's path. */
class HeldReservation implements Reservation {
  readonly waitedMs: number;
  readonly #limiter: Settling;
  readonly #planned: readonly Planned[];
  readonly #id: string;
  readonly #states: readonly CounterState[];
  #settled = false;

  constructor(limiter: Settling, planned: readonly Planned[], id: string, states: readonly CounterState[], waitedMs: number) {
    this.#limiter = limiter;
    this.#planned = planned;
    this.#id = id;
    this.#states = states;
    this.waitedMs = waitedMs;
  }

  settle(actual: UnitAmounts): Promise<void> {
    const states = this.#states;
    if (this.#settled || states.length === 0) return SETTLED;
    this.#settled = true;
    const { store, track, wakeAll, wakeAndRethrow } = this.#limiter;
    track(this.#planned, -1);
    const updates = new Array<{ slot: CounterState['slot']; amount: number }>(states.length);
    for (let i = 0; i < states.length; i += 1) {
      const unit = this.#planned[i]!.policy.unit;
      updates[i] = { slot: states[i]!.slot, amount: unit === 'concurrent' ? 0 : Math.max(0, actual[unit] ?? 0) };
    }
    if (store.settleNow) {
      try {
        store.settleNow(this.#id, updates);
      } catch (error) {
        wakeAll();
        return Promise.reject(error);
      }
      wakeAll();
      return SETTLED;
    }
    // Waiters re-check once the store has the settle, whether it worked or not.
    return store.settle(this.#id, updates).then(wakeAll, wakeAndRethrow);
  }
}

interface Waiter {
  readonly seq: number;
  readonly id: string;
  readonly planned: readonly Planned[];
  readonly startedAt: number;
  readonly deadline: number;
  readonly finish: (result: Extract<ReserveResult, { ok: true }>) => void;
  readonly fail: (error: unknown) => void;
  first?: Planned;
  done: boolean;
}

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
  const clock = options.clock ?? systemClock;
  const pollMs = options.pollMs ?? 250;
  const queues = new FairQueues<Waiter>();
  const pumping = new Set<string>();
  const wakers = new Set<AbortController>();
  let seq = 0;
  // Reservation ids: unique across the processes sharing a store, and cheaper than a UUID per call.
  const idPrefix = `${randomUUID()}:`;
  let ids = 0;

  const wakeAll = (): void => {
    if (wakers.size === 0) return;
    for (const waker of wakers) waker.abort();
    wakers.clear();
  };

  const wakeAndRethrow = (error: unknown): never => {
    wakeAll();
    throw error;
  };

  const plan = planner(policies);

  const refusal = (p: Planned, retryAfterMs: number | undefined): RateLimitedError => {
    const where = p.scope ? ` for ${p.scope}` : '';
    const when = retryAfterMs === undefined ? '' : `; room in ${Math.ceil(retryAfterMs)} ms`;
    const never = p.request.amount > p.policy.limit ? ` (the call alone needs ${p.request.amount}, more than the whole limit)` : '';
    return new RateLimitedError(`limit "${p.policy.name}"${where}: ${p.request.amount} ${p.policy.unit} do not fit in ${p.policy.limit}${never}${when}`, {
      policy: p.policy.name,
      scope: p.scope,
      unit: p.policy.unit,
      ...(retryAfterMs === undefined || never ? {} : { retryAfterMs: Math.ceil(retryAfterMs) }),
    });
  };

  // Unsettled reservations of this limiter per counter: while a counter has some, a settle may refund room
  // before the window resets, so a wait is worth it even when the reset is too far away.
  const inFlight = new Map<string, { count: number }>();
  const track = (planned: readonly Planned[], delta: number): void => {
    for (const { request } of planned) {
      const cell = inFlight.get(request.key);
      if (!cell) {
        inFlight.set(request.key, { count: delta });
        continue;
      }
      cell.count += delta;
      // A busy counter keeps its cell (no delete and insert per call) unless there are many counters.
      if (cell.count <= 0 && inFlight.size >= 1024) inFlight.delete(request.key);
    }
  };

  // Whether a blocked call must give up now. Waits are measured on our clock: a shared store's `now` is its own.
  const refuses = (p: Planned, result: Extract<ReserveResult, { ok: false }>, deadline: number): boolean => {
    const left = deadline - clock.now();
    if (p.policy.action === 'reject' || left <= 0) return true;
    return result.retryAfterMs !== undefined && result.retryAfterMs > left && !(inFlight.get(p.request.key)?.count ?? 0);
  };

  const pump = async (key: string): Promise<void> => {
    if (pumping.has(key)) return;
    pumping.add(key);
    try {
      for (let head = queues.head(key); head; head = queues.head(key)) {
        const waiter = head;
        let result: ReserveResult;
        try {
          result = await store.reserve(waiter.id, waiter.planned.map((p) => p.request));
        } catch (error) {
          queues.remove(waiter);
          waiter.fail(error);
          continue;
        }
        if (waiter.done) {
          // Aborted while the store answered: give back what it took.
          if (result.ok) await store.settle(waiter.id, result.counters.map((c) => ({ slot: c.slot, amount: 0 })));
          continue;
        }
        if (result.ok) {
          queues.remove(waiter);
          waiter.finish(result);
          continue;
        }
        const blocked = waiter.planned[result.blocked]!;
        waiter.first ??= blocked;
        if (refuses(blocked, result, waiter.deadline)) {
          queues.remove(waiter);
          waiter.fail(refusal(blocked, result.retryAfterMs));
          continue;
        }
        if (blocked.request.key !== key) {
          queues.remove(waiter);
          queues.insert(blocked.request.key, waiter);
          void pump(blocked.request.key);
          continue;
        }
        const waker = new AbortController();
        wakers.add(waker);
        const ms = Math.min(result.retryAfterMs ?? pollMs, waiter.deadline - clock.now());
        await clock.sleep(Math.max(ms, 0), waker.signal).catch(() => undefined);
        wakers.delete(waker);
      }
    } finally {
      pumping.delete(key);
    }
  };

  const settling: Settling = { store, track, wakeAll, wakeAndRethrow };
  const reservation = (planned: readonly Planned[], id: string, states: readonly CounterState[], waitedMs: number): Reservation => {
    track(planned, 1);
    return new HeldReservation(settling, planned, id, states, waitedMs);
  };

  // `waitedSince`: when the call started waiting; undefined when the store admitted it at once.
  const admitted = (planned: readonly Planned[], id: string, result: Extract<ReserveResult, { ok: true }>, waitedSince: number | undefined, options: AcquireOptions): Reservation | Promise<Reservation> => {
    const waitedMs = waitedSince === undefined ? 0 : Math.max(0, clock.now() - waitedSince);
    const emit = options.onAlert;
    if (!emit || !planned.some((p) => p.policy.alerts.length > 0)) return reservation(planned, id, result.counters, waitedMs);
    const alerts = result.counters.map((state, i) => fireAlerts(store, planned[i]!.policy, planned[i]!.scope, state, result.now, emit));
    return Promise.all(alerts).then(() => reservation(planned, id, result.counters, waitedMs));
  };

  const notice = (p: Planned, action: 'wait' | 'reject', waitMs: number): LimitNotice => ({ policy: p.policy.name, scope: p.scope, unit: p.policy.unit, action, waitMs });

  const wait = (planned: readonly Planned[], id: string, startedAt: number, key: string, first: Planned | undefined, options: AcquireOptions): Promise<Extract<ReserveResult, { ok: true }>> => {
    const deadline = deadlineOf(planned, startedAt);
    return new Promise((resolve, reject) => {
      const signal = options.signal;
      const onAbort = (): void => {
        if (waiter.done) return;
        queues.remove(waiter);
        waiter.fail(new AbortedError('the call was aborted while waiting for a limit', { cause: signal?.reason }));
        wakeAll();
      };
      const waiter: Waiter = {
        seq: (seq += 1),
        id,
        planned,
        startedAt,
        deadline,
        done: false,
        ...(first ? { first } : {}),
        finish: (result) => {
          waiter.done = true;
          signal?.removeEventListener('abort', onAbort);
          if (waiter.first) options.onLimited?.(notice(waiter.first, 'wait', Math.max(0, clock.now() - startedAt)));
          resolve(result);
        },
        fail: (error) => {
          waiter.done = true;
          signal?.removeEventListener('abort', onAbort);
          if (RateLimitedError.isInstance(error) && waiter.first) options.onLimited?.(notice(waiter.first, 'reject', error.retryAfterMs ?? 0));
          reject(error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queues.insert(key, waiter);
      void pump(key);
    });
  };

  const read = async (subject: LimitSubject): Promise<{ planned: Planned; headroom: Headroom }[]> => {
    const { planned } = plan(subject, { requests: 1, inputTokens: 1, outputTokens: 1, tokens: 1, characters: 1, credits: 1, usd: 1 });
    return Promise.all(
      planned.map(async (p) => {
        const reading = await store.read(p.request);
        const headroom: Headroom = {
          policy: p.policy.name,
          scope: p.scope,
          unit: p.policy.unit,
          limit: p.policy.limit,
          used: reading.used,
          remaining: Math.max(0, p.policy.limit - reading.used),
          ...(reading.end === undefined ? {} : { resetAt: new Date(reading.end) }),
        };
        return { planned: p, headroom };
      }),
    );
  };

  // What a reserve answer means for the call: admitted, refused (throws) or queued to wait.
  const afterReserve = (planned: readonly Planned[], id: string, result: ReserveResult, options: AcquireOptions): Reservation | Promise<Reservation> => {
    if (result.ok) return admitted(planned, id, result, undefined, options);
    // The wait starts here: the clock is read only for calls that may wait.
    const startedAt = clock.now();
    const blocked = planned[result.blocked]!;
    if (refuses(blocked, result, deadlineOf(planned, startedAt))) {
      options.onLimited?.(notice(blocked, 'reject', result.retryAfterMs ?? 0));
      throw refusal(blocked, result.retryAfterMs);
    }
    return wait(planned, id, startedAt, blocked.request.key, blocked, options).then((won) => admitted(planned, id, won, startedAt, options));
  };

  // acquire without its own promise: a call the store admits at once (the memory store) gets its reservation
  // synchronously; anything that waits returns a promise.
  const begin = (subject: LimitSubject, estimate: UnitAmounts, options: AcquireOptions): Reservation | Promise<Reservation> => {
    if (options.signal?.aborted) throw new AbortedError('the call was aborted before its limits were checked', { cause: options.signal.reason });
    const { planned, requests } = plan(subject, estimate);
    if (planned.length === 0) return reservation([], '', [], 0);
    const id = `${idPrefix}${(ids += 1)}`;
    let queued: Planned | undefined;
    for (const p of planned) {
      if (p.request.amount > p.policy.limit) {
        options.onLimited?.(notice(p, 'reject', 0));
        throw refusal(p, undefined);
      }
      if (!queued && queues.busy(p.request.key)) queued = p;
    }
    if (queued) {
      const startedAt = clock.now();
      return wait(planned, id, startedAt, queued.request.key, undefined, options).then((won) => admitted(planned, id, won, startedAt, options));
    }
    if (store.reserveNow) return afterReserve(planned, id, store.reserveNow(id, requests), options);
    return store.reserve(id, requests).then((result) => afterReserve(planned, id, result, options));
  };

  return {
    policies,
    acquire(subject, estimate, options = {}) {
      try {
        return Promise.resolve(begin(subject, estimate, options)); // hands a promise of begin's through as it is
      } catch (error) {
        return Promise.reject(error);
      }
    },
    async headroom(subject) {
      return (await read(subject)).map((r) => r.headroom);
    },
    async canAfford(subject, estimate) {
      const needs = plan(subject, estimate).planned;
      for (const { planned, headroom } of await read(subject)) {
        const needed = needs.find((n) => n.policy === planned.policy)?.request.amount ?? 0;
        if (needed > 0 && headroom.used + needed > headroom.limit) return { ok: false, blockedBy: { ...headroom, needed } };
      }
      return { ok: true };
    },
    onStoreState(listener) {
      const watch = (store as Partial<FallbackLimitStore>).onStateChange;
      return typeof watch === 'function' ? watch.call(store, listener) : () => undefined;
    },
    close: () => {
      wakeAll();
      return store.close();
    },
  };
}
