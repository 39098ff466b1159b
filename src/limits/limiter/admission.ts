import { RateLimitedError } from '../../errors/rate-limited-error.js';
import type { Clock } from '../../time/clock.js';
import type { Planned } from '../policy/limit-plan.js';
import type { ReserveResult } from '../stores/limit-store.js';
import type { LimitNotice } from './limiter-types.js';

/** A store's answer that a call does not fit now. */
export type Blocked = Extract<ReserveResult, { ok: false }>;

/** Counters of one limiter kept per counter key; past this many, a counter with nothing in flight is forgotten. */
const REMEMBERED_COUNTERS = 1024;

/**
 * Whether a call the store could not fit waits or is refused. A call waits when its blocking policy says `wait`,
 * its deadline (the shortest `maxWaitMs` of its waiting policies) is still ahead, and room can free up in time:
 * the store says when, or one of this limiter's own reservations of that counter is still unsettled (a settle
 * may refund room before the window resets).
 *
 * @example
 * ```ts
 * const admission = new Admission(clock);
 * admission.track(planned, 1); // reserved
 * if (admission.refuses(blocked, result, deadlineOf(planned, startedAt))) throw refusal(blocked, result.retryAfterMs);
 * ```
 */
export class Admission {
  readonly #clock: Pick<Clock, 'now'>;
  /** Unsettled reservations of this limiter per counter key. */
  readonly #inFlight = new Map<string, { count: number }>();

  constructor(clock: Pick<Clock, 'now'>) {
    this.#clock = clock;
  }

  /** Counts a reservation's counters as unsettled (`delta` 1, when admitted) or settled (-1). */
  track(planned: readonly Planned[], delta: number): void {
    for (const { request } of planned) {
      const cell = this.#inFlight.get(request.key);
      if (!cell) {
        this.#inFlight.set(request.key, { count: delta });
        continue;
      }
      cell.count += delta;
      // A busy counter keeps its cell from call to call; an idle one goes once many counters are known.
      if (cell.count <= 0 && this.#inFlight.size >= REMEMBERED_COUNTERS) this.#inFlight.delete(request.key);
    }
  }

  /** Whether a blocked call must give up now. Waits are measured on our clock: a shared store's `now` is its own. */
  refuses(p: Planned, result: Blocked, deadline: number): boolean {
    const left = deadline - this.#clock.now();
    if (p.policy.action === 'reject' || left <= 0) return true;
    return result.retryAfterMs !== undefined && result.retryAfterMs > left && !(this.#inFlight.get(p.request.key)?.count ?? 0);
  }
}

/**
 * When a call started at `startedAt` stops waiting: after the shortest `maxWaitMs` of its waiting policies, or
 * at once when none waits.
 *
 * @example
 * ```ts
 * const deadline = deadlineOf(planned, clock.now());
 * ```
 */
export function deadlineOf(planned: readonly Planned[], startedAt: number): number {
  const waits = planned.filter((p) => p.policy.action === 'wait').map((p) => p.policy.maxWaitMs);
  return startedAt + (waits.length ? Math.min(...waits) : 0);
}

/**
 * The error of a call refused by policy `p`: which limit, how much did not fit, and when room frees up (not for
 * a call larger than the whole limit, which never fits).
 *
 * @example
 * ```ts
 * throw refusal(blocked, result.retryAfterMs); // RateLimitedError: limit "rpm": 1 requests do not fit in 60; room in 812 ms
 * ```
 */
export function refusal(p: Planned, retryAfterMs: number | undefined): RateLimitedError {
  const where = p.scope ? ` for ${p.scope}` : '';
  const when = retryAfterMs === undefined ? '' : `; room in ${Math.ceil(retryAfterMs)} ms`;
  const never = p.request.amount > p.policy.limit ? ` (the call alone needs ${p.request.amount}, more than the whole limit)` : '';
  return new RateLimitedError(`limit "${p.policy.name}"${where}: ${p.request.amount} ${p.policy.unit} do not fit in ${p.policy.limit}${never}${when}`, {
    policy: p.policy.name,
    scope: p.scope,
    unit: p.policy.unit,
    ...(retryAfterMs === undefined || never ? {} : { retryAfterMs: Math.ceil(retryAfterMs) }),
  });
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
