import { AIMeterError, hasErrorCode } from './aimeter-error.js';

const CODE = 'billing_export_failed';

/**
 * The billing services a billing sink exports usage to.
 *
 * @example
 * ```ts
 * const service: BillingService = 'stripe';
 * ```
 */
export type BillingService = 'stripe' | 'openmeter' | 'lago';

/**
 * A billing sink could not hand usage to its billing service: the service answered 429 or 5xx, or could not be
 * reached (`retryable`), or the sink could not write its dead-letter file. Billing sinks retry the first kind
 * themselves and dead-letter what still fails, so it reaches you only through the client's `sink-error` event,
 * as the `cause` of a {@link SinkError}, never from an AI call.
 *
 * @example
 * ```ts
 * ai.on('sink-error', (e) => {
 *   const cause = e.error.cause;
 *   if (BillingExportError.isInstance(cause)) console.warn(cause.service, cause.status, cause.message);
 * });
 * ```
 */
export class BillingExportError extends AIMeterError {
  /** The billing service. */
  readonly service: BillingService;
  /** The HTTP status the service answered, when it answered. */
  readonly status: number | undefined;
  /** Whether sending the same events again may succeed (429, 5xx, a network failure, a timeout). */
  readonly retryable: boolean;
  /** The wait the service asked for (`Retry-After`), in ms, when it named one. */
  readonly retryAfterMs: number | undefined;

  /**
   * @param service - the billing service
   * @param message - what failed; never contains a secret
   * @param details - the status, whether a retry may succeed, the wait asked for, and the `cause`
   */
  constructor(
    service: BillingService,
    message: string,
    details: { status?: number; retryable: boolean; retryAfterMs?: number; cause?: unknown },
  ) {
    super(CODE, `${service}: ${message}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'BillingExportError';
    this.service = service;
    this.status = details.status;
    this.retryable = details.retryable;
    this.retryAfterMs = details.retryAfterMs;
  }

  /**
   * Whether `error` is a {@link BillingExportError} from any copy of the package.
   *
   * @example
   * ```ts
   * if (BillingExportError.isInstance(error) && error.retryable) console.warn('billing service unavailable');
   * ```
   */
  static override isInstance(error: unknown): error is BillingExportError {
    return hasErrorCode(error, CODE);
  }
}
