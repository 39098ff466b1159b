import { AIMeterError, hasErrorCode } from './aimeter-error.js';

const CODE = 'provider_error';

/**
 * What kind of failure a provider reply (or the lack of one) was. Retry and limits decide on this, never on
 * the HTTP status alone: Gemini reports a bad key as 400 and ElevenLabs reports exhausted credits as 401.
 *
 * - `rate_limited`: too many requests or tokens right now; retrying later succeeds.
 * - `quota_exhausted`: a daily, monthly or credit quota is used up; retrying before `resetAt` is useless.
 * - `auth`: the key is invalid, missing or lacks a permission.
 * - `invalid_request`: the request itself is wrong (unknown model, bad parameter).
 * - `server`: the provider failed or replied with something unreadable.
 * - `network`: no reply (connection refused or reset).
 * - `timeout`: no reply in time.
 *
 * @example
 * ```ts
 * const transient = new Set<ProviderErrorKind>(['rate_limited', 'server', 'network', 'timeout']);
 * try {
 *   await ai.chat({ model: 'openai:gpt-4o-mini', messages });
 * } catch (error) {
 *   if (ProviderError.isInstance(error) && transient.has(error.kind)) scheduleRetry();
 * }
 * ```
 */
export type ProviderErrorKind =
  | 'rate_limited'
  | 'quota_exhausted'
  | 'auth'
  | 'invalid_request'
  | 'server'
  | 'network'
  | 'timeout';

/**
 * Which quota ran out, for `quota_exhausted` and `rate_limited` errors where the provider says so.
 *
 * @example
 * ```ts
 * const scope: QuotaScope | undefined = ProviderError.isInstance(error) ? error.quota : undefined;
 * if (scope === 'monthly_characters' || scope === 'credit') notifyBilling();
 * ```
 */
export type QuotaScope = 'per_minute' | 'per_day' | 'monthly_characters' | 'credit' | 'concurrency' | 'tokens';

/**
 * Fields of a {@link ProviderError}.
 *
 * @example
 * ```ts
 * const details: ProviderErrorDetails = { provider: 'acme', kind: 'rate_limited', status: 429, retryAfterMs: 2_000 };
 * throw new ProviderError('Rate limit reached', details, { cause: sdkError });
 * ```
 */
export interface ProviderErrorDetails {
  /** Provider name, e.g. `openai`. */
  readonly provider: string;
  /** Classification of the failure. */
  readonly kind: ProviderErrorKind;
  /** HTTP status of the reply, if one arrived. */
  readonly status?: number;
  /** The provider's own error code, e.g. `insufficient_quota`, `RESOURCE_EXHAUSTED`, `quota_exceeded`. */
  readonly providerCode?: string;
  /** The provider's request id, for support tickets. */
  readonly requestId?: string;
  /** How long the provider asked to wait before retrying, in milliseconds. */
  readonly retryAfterMs?: number;
  /** Which quota ran out, where the provider says so. */
  readonly quota?: QuotaScope;
  /** When the exhausted quota resets, where known. */
  readonly resetAt?: Date;
}

/**
 * A provider replied with an error, or could not be reached. Adapters map every SDK error into this class.
 *
 * @example
 * ```ts
 * try {
 *   await ai.chat({ model: 'openai:gpt-4o-mini', messages });
 * } catch (error) {
 *   if (ProviderError.isInstance(error) && error.kind === 'quota_exhausted') notifyBilling(error.provider);
 * }
 * ```
 */
export class ProviderError extends AIMeterError implements ProviderErrorDetails {
  readonly provider: string;
  readonly kind: ProviderErrorKind;
  // `declare`: a detail the provider did not give stays absent, not an own property holding undefined.
  declare readonly status?: number;
  declare readonly providerCode?: string;
  declare readonly requestId?: string;
  declare readonly retryAfterMs?: number;
  declare readonly quota?: QuotaScope;
  declare readonly resetAt?: Date;

  /**
   * @param message - the provider's message (scrubbed of secrets before it leaves the client)
   * @param details - classification and reply metadata
   * @param options - the SDK's own error as `cause`
   */
  constructor(message: string, details: ProviderErrorDetails, options?: ErrorOptions) {
    super(CODE, message, options);
    this.name = 'ProviderError';
    this.provider = details.provider;
    this.kind = details.kind;
    if (details.status !== undefined) this.status = details.status;
    if (details.providerCode !== undefined) this.providerCode = details.providerCode;
    if (details.requestId !== undefined) this.requestId = details.requestId;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
    if (details.quota !== undefined) this.quota = details.quota;
    if (details.resetAt !== undefined) this.resetAt = details.resetAt;
  }

  /**
   * Whether `error` is a {@link ProviderError} from any copy of the package.
   *
   * @example
   * ```ts
   * if (ProviderError.isInstance(error)) console.log(error.kind, error.status);
   * ```
   */
  static override isInstance(error: unknown): error is ProviderError {
    return hasErrorCode(error, CODE);
  }
}
