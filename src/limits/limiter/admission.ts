import type { RateLimitedError } from '../../errors/rate-limited-error.js';
import type { Clock } from '../../time/clock.js';
import type { Planned } from '../policy/limit-plan.js';
import type { ReserveResult } from '../stores/limit-store.js';
import type { LimitNotice } from './limiter-types.js';
import { refusal } from './refusal.js';

/** A store's answer that a call does not fit now. */
export type Blocked = Extract<ReserveResult, { ok: false }>;

/** Counters of one limiter kept per counter key; past this many, a counter with nothing in flight is forgotten. */
const REMEMBERED_COUNTERS = 1024;

/** Hold times remembered (reserve to settle), for the expected settle of reservations in flight. */
const HOLD_SAMPLES = 64;

/**
 * Once that many are remembered, one settle in this many is timed: the ring still holds recent hold times, and
 * the other settles skip a clock read, which costs as much as the rest of a memory-store decision.
 */
const HOLD_SAMPLE_EVERY = 8;

/**
 * Whether a call the store could not fit waits or is refused, and when it could fit.
 *
 * A call whose counter is full only because of reservations still in flight (what is settled plus the call fits
 * the limit) waits for them to settle (a reservation settles to what was billed, usually less than it held),
 * whatever the policy's action: under a `reject` policy for at most that policy's `maxWaitMs`, and never past the
 * call's deadline (the shortest `maxWaitMs` of its `wait` policies). Otherwise a `reject` policy refuses at once,
 * and a `wait` policy waits when room can free up in time: the store says when, or one of this limiter's own
 * reservations of that counter is still unsettled.
 *
 * @example
 * ```ts
 * const admission = new Admission(clock, 250);
 * admission.track(planned, 1); // reserved
 * if (admission.refuses(blocked, result, deadlineOf(planned, startedAt))) throw admission.refusal(blocked, result);
 * ```
 */
export class Admission {
  readonly #clock: Pick<Clock, 'now'>;
  readonly #pollMs: number;
  /** Unsettled reservations of this limiter per counter key: how many, and their amount. */
  readonly #inFlight = new Map<string, { count: number; amount: number }>();
  /** The latest hold times, in a ring. */
  readonly #holds: number[] = [];
  #nextHold = 0;
  #settles = 0;

  constructor(clock: Pick<Clock, 'now'>, pollMs: number) {
    this.#clock = clock;
    this.#pollMs = pollMs;
  }

  /** The time on this limiter's clock. */
  now(): number {
    return this.#clock.now();
  }

  /** Whether this settle's hold time is to be measured and passed to {@link track}. */
  timesHold(): boolean {
    this.#settles += 1;
    return this.#holds.length < HOLD_SAMPLES || this.#settles % HOLD_SAMPLE_EVERY === 0;
  }

  /**
   * Counts a reservation's counters as unsettled (`delta` 1, when admitted) or settled (-1, with `heldMs`, how
   * long it was held).
   */
  track(planned: readonly Planned[], delta: number, heldMs?: number): void {
    if (heldMs !== undefined) {
      this.#holds[this.#nextHold] = heldMs;
      this.#nextHold = (this.#nextHold + 1) % HOLD_SAMPLES;
    }
    for (const { request } of planned) {
      const cell = this.#inFlight.get(request.key);
      if (!cell) {
        this.#inFlight.set(request.key, { count: delta, amount: delta * request.amount });
        continue;
      }
      cell.count += delta;
      cell.amount = cell.count > 0 ? cell.amount + delta * request.amount : 0;
      // A busy counter keeps its cell from call to call; an idle one goes once many counters are known.
      if (cell.count <= 0 && this.#inFlight.size >= REMEMBERED_COUNTERS) this.#inFlight.delete(request.key);
    }
  }

  /** Whether the call fits once the reservations in flight in its counter settle (fixed periods only). */
  waitsForInFlight(p: Planned, result: Blocked): boolean {
    return result.inFlight > 0 && result.used - result.inFlight + p.request.amount <= result.limit + 1e-9;
  }

  /**
   * Until when a call blocked by policy `p` may wait: a `reject` policy's call waits only for reservations in
   * flight, for at most that policy's `maxWaitMs`; any wait ends at the call's deadline.
   */
  waitsUntil(p: Planned, result: Blocked, deadline: Deadline): number {
    if (p.policy.action === 'wait') return deadline.waits;
    return this.waitsForInFlight(p, result) ? Math.min(deadline.waits, deadline.startedAt + p.policy.maxWaitMs) : deadline.startedAt;
  }

  /** Whether a blocked call must give up now. Waits are measured on our clock: a shared store's `now` is its own. */
  refuses(p: Planned, result: Blocked, deadline: Deadline): boolean {
    const left = this.waitsUntil(p, result, deadline) - this.#clock.now();
    if (left <= 0) return true;
    if (this.waitsForInFlight(p, result)) return false;
    return result.retryAfterMs !== undefined && result.retryAfterMs > left && !(this.#inFlight.get(p.request.key)?.count ?? 0);
  }

  /** How long a waiting call sleeps before it tries again, at most (a settle in this process wakes it sooner). */
  sleepMs(p: Planned, result: Blocked): number {
    // Reservations in flight that are another process's (more than ours) settle without waking anybody here.
    const ours = this.#inFlight.get(p.request.key)?.amount ?? 0;
    if (this.waitsForInFlight(p, result) && result.inFlight > ours + 1e-9) return Math.min(this.#pollMs, result.retryAfterMs ?? Infinity);
    return result.retryAfterMs ?? this.#pollMs;
  }

  /**
   * The error of a call the store refused: the earliest it could fit is when the reservations in flight are
   * expected to settle (the 90th percentile of recent hold times, `pollMs` before any) if that is enough, else
   * when the window slides or the period resets.
   */
  refusal(p: Planned, result: Blocked): RateLimitedError {
    let retryAfterMs = result.retryAfterMs;
    if (this.waitsForInFlight(p, result)) retryAfterMs = Math.min(retryAfterMs ?? Infinity, this.#expectedSettleMs());
    const window = p.request.window;
    const resetAt = window.type === 'fixed' ? new Date(window.period(result.now).end) : undefined;
    return refusal(p, { used: result.used, limit: result.limit, inFlight: result.inFlight, ...(retryAfterMs === undefined ? {} : { retryAfterMs }), ...(resetAt ? { resetAt } : {}) });
  }

  #expectedSettleMs(): number {
    if (this.#holds.length === 0) return this.#pollMs;
    const sorted = [...this.#holds].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))]!;
  }
}

/**
 * When a call started (or started waiting).
 *
 * @example
 * ```ts
 * const deadline: Deadline = { startedAt: 1_767_254_400_000, waits: 1_767_254_460_000 };
 * ```
 */
export interface Deadline {
  readonly startedAt: number;
  /** When its waits end: after the shortest `maxWaitMs` of its `wait` policies; never when it has none. */
  readonly waits: number;
}

/**
 * When a call started at `startedAt` stops waiting: after the shortest `maxWaitMs` of its `wait` policies (a
 * `reject` policy's own bounds its wait for reservations in flight: {@link Admission.waitsUntil}).
 *
 * @example
 * ```ts
 * const deadline = deadlineOf(planned, clock.now());
 * ```
 */
export function deadlineOf(planned: readonly Planned[], startedAt: number): Deadline {
  let shortest = Infinity;
  for (const p of planned) if (p.policy.action === 'wait' && p.policy.maxWaitMs < shortest) shortest = p.policy.maxWaitMs;
  return { startedAt, waits: startedAt + shortest };
}

/**
 * What policy `p` did to a call, for `onLimited`.
 *
 * @example
 * ```ts
 * options.onLimited?.(notice(blocked, 'wait', waitedMs));
 * ```
 */
export function notice(p: Planned, action: 'wait' | 'reject', waitMs: number): LimitNotice {
  return { policy: p.policy.name, scope: p.scope, unit: p.policy.unit, action, waitMs };
}
