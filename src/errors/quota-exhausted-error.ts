import { AIMeterError, hasErrorCode } from './aimeter-error.js';
import { ProviderError, type QuotaScope } from './provider-error.js';
import type { LimitTiming } from './rate-limited-error.js';

const CODE = 'quota_exhausted';

/**
 * A provider quota is used up (Gemini requests per day, ElevenLabs monthly credits, OpenAI credit): retrying
 * before `resetAt` cannot succeed, so the retry layer never retries it, and the call fails with this instead of
 * the provider's `quota_exhausted` {@link ProviderError}, which stays available as `cause`, whether retries are
 * on or off. Middleware inside the call see the provider's error; the caller and `error` listeners see this.
 * Carries the same {@link LimitTiming} fields (`retryAfterMs`, `resetAt`) as `RateLimitedError`.
 *
 * @example
 * ```ts
 * try {
 *   await ai.chat({ model: 'gemini:gemini-2.5-flash', messages });
 * } catch (error) {
 *   if (QuotaExhaustedError.isInstance(error)) console.warn(`${error.provider} quota used up until ${error.resetAt?.toISOString()}`);
 * }
 * ```
 */
export class QuotaExhaustedError extends AIMeterError implements LimitTiming {
  /** Always `quota_exhausted`, like the {@link ProviderError} kind it replaces. */
  readonly kind = 'quota_exhausted';
  /** Provider name. */
  readonly provider: string;
  // `declare`: a detail the provider did not give stays absent, not an own property holding undefined.
  /** Which quota ran out, where the provider says so. */
  declare readonly quota?: QuotaScope;
  /** When the quota resets, where known. */
  declare readonly resetAt?: Date;
  /** The earliest a retry could succeed, in ms from the refusal: until `resetAt`, or the provider's `retry-after`. */
  declare readonly retryAfterMs?: number;
  /** HTTP status of the reply. */
  declare readonly status?: number;
  /** The provider's own error code, e.g. `insufficient_quota` or `quota_exceeded`. */
  declare readonly providerCode?: string;
  /** The provider's request id. */
  declare readonly requestId?: string;

  /** @param error - the provider's `quota_exhausted` error; kept as `cause` */
  constructor(error: ProviderError) {
    super(CODE, error.message, { cause: error });
    this.name = 'QuotaExhaustedError';
    this.provider = error.provider;
    if (error.quota !== undefined) this.quota = error.quota;
    if (error.resetAt !== undefined) this.resetAt = error.resetAt;
    const untilReset = error.resetAt === undefined ? undefined : Math.max(0, error.resetAt.getTime() - Date.now());
    const retryAfterMs = untilReset ?? error.retryAfterMs;
    if (retryAfterMs !== undefined) this.retryAfterMs = retryAfterMs;
    if (error.status !== undefined) this.status = error.status;
    if (error.providerCode !== undefined) this.providerCode = error.providerCode;
    if (error.requestId !== undefined) this.requestId = error.requestId;
  }

  /**
   * Whether `error` is a {@link QuotaExhaustedError} from any copy of the package.
   *
   * @example
   * ```ts
   * if (QuotaExhaustedError.isInstance(error)) scheduleAt(error.resetAt);
   * ```
   */
  static override isInstance(error: unknown): error is QuotaExhaustedError {
    return hasErrorCode(error, CODE);
  }
}

/**
 * The error a failed call ends with, for its caller: a provider's `quota_exhausted` error becomes a
 * {@link QuotaExhaustedError}; any other error is returned as it is. The client applies it once, where a call's
 * error leaves it, so the class a caller catches does not depend on the retry options.
 */
export function surfaceQuotaExhausted(error: unknown): unknown {
  return ProviderError.isInstance(error) && error.kind === 'quota_exhausted' ? new QuotaExhaustedError(error) : error;
}
