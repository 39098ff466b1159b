import type { BillingService } from '../../errors/billing-export-error.js';
import type { UsageEvent } from '../../usage-event.js';
import type { DeadLetterReason } from './dead-letter-file.js';

/**
 * A service's answer to one request that reached it. `accepted` covers every event of the request; a refusal
 * (a 4xx other than 429) may say which events it refused (`perRecord`, by position: `'duplicate'` for one the
 * service already holds, which counts as delivered, or what was wrong); without `perRecord` it refuses them all.
 */
export type SendOutcome =
  | { readonly accepted: true }
  | { readonly accepted: false; readonly status: number; readonly detail: string; readonly perRecord?: ReadonlyMap<number, string> };

/** The verdict in {@link SendOutcome.perRecord} for an event the service already holds. */
export const DUPLICATE = 'duplicate';

/**
 * One usage event made ready for a service: its wire `record` and its `lane` (requests of one lane are sent one
 * after another: Stripe allows one concurrent call per customer and meter); `skip` when there is nothing to bill;
 * or why it cannot be sent.
 */
export type Prepared<R> =
  | { readonly record: R; readonly lane: string }
  | { readonly skip: true }
  | { readonly reason: DeadLetterReason; readonly detail: string };

/**
 * What a billing sink needs of one service: how to turn an event into its wire record, and how to send a chunk
 * of records. `send` resolves with the service's answer and rejects only with a {@link BillingExportError}
 * (retryable for 429, 5xx, network failures and timeouts).
 */
export interface BillingTarget<R> {
  readonly service: BillingService;
  /** Records per request, at most. */
  readonly maxBatch: number;
  /** Requests in flight at once, at most (each in its own lane). */
  readonly concurrency: number;
  prepare(event: UsageEvent, now: number): Prepared<R>;
  send(records: readonly R[]): Promise<SendOutcome>;
}
