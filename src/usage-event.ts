import type { ProviderErrorKind } from './errors/provider-error.js';
import type { Operation } from './operations/operation.js';
import type { Cost } from './pricing/cost.js';
import type { Tags } from './tags.js';
import type { Usage } from './usage.js';

/**
 * Outcome of one provider request.
 *
 * @example
 * ```ts
 * ai.on('usage', (event) => {
 *   const status: UsageStatus = event.status;
 *   if (status !== 'ok') console.warn(`${event.model} request ${status}`, event.errorKind);
 * });
 * ```
 */
export type UsageStatus = 'ok' | 'error' | 'aborted';

/**
 * The record of one provider request: what it used, who it is attributed to, and how it went. Emitted as the
 * `usage` event and written to every sink. `id` is unique, so sinks store each event once.
 *
 * @example
 * ```ts
 * ai.on('usage', (event: UsageEvent) => {
 *   console.log(event.tags.customer, event.model, event.usage.outputTokens?.value);
 * });
 * ```
 */
export interface UsageEvent {
  /** Unique id, a UUID v7 (sorts by creation time); the idempotency key for sinks. */
  readonly id: string;
  /** The call this request belongs to (several with retries). */
  readonly callId: string;
  /** 1 for the first request of the call, 2 for the first retry, … */
  readonly attempt: number;
  /** When the request started, ISO 8601. */
  readonly time: string;
  /** Provider name. */
  readonly provider: string;
  /** Operation. */
  readonly operation: Operation;
  /** The provider's model id. */
  readonly model: string;
  /** Deployment environment. */
  readonly environment: string;
  /** Fingerprint of the key used (never the key). */
  readonly keyFingerprint?: string;
  /** Attribution tags. */
  readonly tags: Readonly<Tags>;
  /** How the request ended. */
  readonly status: UsageStatus;
  /** HTTP status of the reply. */
  readonly httpStatus?: number;
  /** Failure class, when `status` is `error`. */
  readonly errorKind?: ProviderErrorKind;
  /** The provider's request id. */
  readonly requestId?: string;
  /** Milliseconds from request start to the end of the reply (or stream). */
  readonly latencyMs: number;
  /** Milliseconds from request start to the first streamed chunk. */
  readonly timeToFirstChunkMs?: number;
  /** Billable units with provenance. */
  readonly usage: Usage;
  /**
   * What the request cost, with the prices used (so history never changes when prices do); `usd` is undefined,
   * never 0, when it cannot be known. Absent when pricing is off or the attempt was not billed.
   */
  readonly cost?: Cost;
}
