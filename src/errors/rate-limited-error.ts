import { AIMeterError, hasErrorCode } from './aimeter-error.js';

const CODE = 'rate_limited';

/**
 * When a refused call can be tried again: the fields {@link RateLimitedError} (one of aimeter's own limits) and
 * `QuotaExhaustedError` (a provider's quota) share, so a caller reads a refusal the same way whoever refused.
 *
 * @example
 * ```ts
 * function retryAt(error: LimitTiming): Date | undefined {
 *   return error.resetAt ?? (error.retryAfterMs === undefined ? undefined : new Date(Date.now() + error.retryAfterMs));
 * }
 * ```
 */
export interface LimitTiming {
  /** The earliest the call could fit, in ms from the refusal; absent when unknown or never. */
  readonly retryAfterMs?: number;
  /** When the period that ran out resets (a calendar day, a billing month); absent for rolling windows. */
  readonly resetAt?: Date;
}

/**
 * Fields of a {@link RateLimitedError}.
 *
 * @example
 * ```ts
 * const details: RateLimitedDetails = { policy: 'acme-monthly-usd', scope: 'customer=acme', unit: 'usd', retryAfterMs: 3_600_000 };
 * ```
 */
export interface RateLimitedDetails extends LimitTiming {
  /** Name of the policy that refused the call. */
  readonly policy: string;
  /** The counter refused, e.g. `customer=acme` (empty for a policy without partitions). */
  readonly scope: string;
  /** Unit the policy counts. */
  readonly unit: string;
  /**
   * The earliest the call could fit, in ms from now: when reservations in flight are expected to settle, the
   * window slides, or the period resets, whichever comes first; absent when unknown (a concurrency slot) or never
   * (bigger than the whole limit).
   */
  readonly retryAfterMs?: number;
  /** When the refusing policy's calendar period resets; absent for a rolling window or a concurrency limit. */
  readonly resetAt?: Date;
}

/**
 * One of aimeter's own limit policies refused a call before anything was sent: the policy's action is
 * `reject` and what is already spent leaves no room, or the wait would exceed its `maxWaitMs`, or the call alone
 * needs more than the whole limit. Carries the same {@link LimitTiming} fields as `QuotaExhaustedError`.
 *
 * @example
 * ```ts
 * try {
 *   await ai.chat({ model: 'openai:gpt-4o-mini', messages, tags: { customer: 'acme' } });
 * } catch (error) {
 *   if (RateLimitedError.isInstance(error)) res.status(429).set('retry-after', String(Math.ceil((error.retryAfterMs ?? 1000) / 1000)));
 * }
 * ```
 */
export class RateLimitedError extends AIMeterError implements RateLimitedDetails {
  readonly policy: string;
  readonly scope: string;
  readonly unit: string;
  declare readonly retryAfterMs?: number;
  declare readonly resetAt?: Date;

  /**
   * @param message - why the call was refused
   * @param details - the policy and counter that refused it
   */
  constructor(message: string, details: RateLimitedDetails) {
    super(CODE, message);
    this.name = 'RateLimitedError';
    this.policy = details.policy;
    this.scope = details.scope;
    this.unit = details.unit;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
    if (details.resetAt !== undefined) this.resetAt = details.resetAt;
  }

  /**
   * Whether `error` is a {@link RateLimitedError} from any copy of the package.
   *
   * @example
   * ```ts
   * if (RateLimitedError.isInstance(error)) console.warn(`${error.policy} refused ${error.scope}`);
   * ```
   */
  static override isInstance(error: unknown): error is RateLimitedError {
    return hasErrorCode(error, CODE);
  }
}
