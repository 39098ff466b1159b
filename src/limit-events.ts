// The events of limits and their stores; `events.ts` (the client's event map) re-exports them.

/**
 * The amount spent (settled: billed) under a budget or quota crossed an alert threshold; what calls in flight
 * reserved is reported beside it.
 *
 * @example
 * ```ts
 * ai.on('quota', (e: QuotaEvent) => {
 *   console.warn(`${e.policy} ${e.scope}: ${e.used} of ${e.limit} ${e.unit} used (crossed ${e.threshold * 100} %)`);
 * });
 * ```
 */
export interface QuotaEvent {
  /** Name of the policy. */
  readonly policy: string;
  /** The scope key the threshold applies to, e.g. `customer=acme`. */
  readonly scope: string;
  /** Unit counted, e.g. `credits` or `usd`. */
  readonly unit: string;
  /** Spent so far in the window: settled, what calls were billed (reservations in flight left out). */
  readonly used: number;
  /** Reserved besides by calls still in flight (calendar windows; 0 for rolling ones, whose `used` includes them). */
  readonly reserved: number;
  /** The window's limit. */
  readonly limit: number;
  /** The threshold crossed, as a fraction of the limit (0.8 = 80 %). */
  readonly threshold: number;
  /** When the window resets, for calendar windows. */
  readonly resetAt?: Date;
}

/**
 * The limit store changed how it counts: `fallback` when the shared store (Redis) became unreachable and this
 * process counts alone, `shared` when the shared store answers again. Counts made alone are not sent to the
 * shared store; while on fallback each process enforces the limits by itself.
 *
 * @example
 * ```ts
 * ai.on('limit-store', (e: LimitStoreEvent) => {
 *   if (e.state === 'fallback') console.warn(`limits: ${e.store} unreachable, counting locally (${e.reason})`);
 * });
 * ```
 */
export interface LimitStoreEvent {
  /** Name of the shared store, e.g. `redis`. */
  readonly store: string;
  /** `fallback`: counting in this process only; `shared`: counting in the shared store again. */
  readonly state: 'fallback' | 'shared';
  /** What failed, or what answered again. */
  readonly reason: string;
}
