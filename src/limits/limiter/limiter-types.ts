import type { LimitStoreEvent, QuotaEvent } from '../../events.js';
import type { Clock } from '../../time/clock.js';
import type { LimitPolicy } from '../policy/limit-policy.js';
import type { LimitSubject } from '../policy/limit-scope.js';
import type { UnitAmounts } from '../policy/limit-unit.js';
import type { LimitStore } from '../stores/limit-store.js';

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
 * console.log(`${credits.spent} credits spent, ${credits.reserved} reserved, ${credits.remaining} left until ${credits.resetAt?.toISOString()}`);
 * ```
 */
export interface Headroom {
  readonly policy: string;
  readonly scope: string;
  readonly unit: string;
  readonly limit: number;
  /** Reserved and settled so far in the window: `spent + reserved`. */
  readonly used: number;
  /**
   * Spent so far in the window: settled, what calls were billed. For a rolling window the store does not tell
   * reservations in flight apart, so there it equals `used`.
   */
  readonly spent: number;
  /** Held by reservations of calls still in flight (calendar windows; 0 for rolling ones). */
  readonly reserved: number;
  /** What a new reservation can take now: `limit - used`, at least 0. */
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
