import { AIMeterError, hasErrorCode } from './aimeter-error.js';

const CODE = 'rate_limited';

/**
 * Fields of a {@link RateLimitedError}.
 *
 * @example
 * ```ts
 * const details: RateLimitedDetails = { policy: 'acme-monthly-usd', scope: 'customer=acme', unit: 'usd', retryAfterMs: 3_600_000 };
 * ```
 */
export interface RateLimitedDetails {
  /** Name of the policy that refused the call. */
  readonly policy: string;
  /** The counter refused, e.g. `customer=acme` (empty for a policy without partitions). */
  readonly scope: string;
  /** Unit the policy counts. */
  readonly unit: string;
  /** When the call could fit, in ms from now; absent when unknown (a concurrency slot) or never (bigger than the limit). */
  readonly retryAfterMs?: number;
}

/**
 * One of aimeter's own limit policies refused a call before anything was sent: the policy's action is
 * `reject`, or the wait would exceed its `maxWaitMs`, or the call alone needs more than the whole limit.
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
