import { BillingExportError } from '../../errors/billing-export-error.js';
import { isRecord } from '../../is-record.js';
import { lazySdk } from '../../lazy-sdk.js';
import { DUPLICATE, type SendOutcome } from './billing-target.js';
import { retryAfterHeaderMs } from '../../time/retry-after-header.js';

/** A meter event as `stripe.billing.meterEvents.create` takes it (https://docs.stripe.com/api/billing/meter-event/create). */
export interface StripeMeterEvent {
  readonly event_name: string;
  readonly identifier: string;
  /** Seconds since the Unix epoch. */
  readonly timestamp: number;
  readonly payload: Readonly<Record<string, string>>;
}

/** Where and how the Stripe client connects. */
export interface StripeConnection {
  readonly apiKey: string;
  readonly host: string | undefined;
  readonly port: number | undefined;
  readonly protocol: 'http' | 'https' | undefined;
  readonly timeoutMs: number;
}

/** The part of the official SDK's client this sink uses. */
interface MeterEventsClient {
  readonly billing: { readonly meterEvents: { create(params: StripeMeterEvent): Promise<unknown> } };
}

const loadStripe = lazySdk('stripe', () => import('stripe'));

/**
 * The official `stripe` SDK's client, loaded on first use (an optional peer dependency), with its own network
 * retries off: the sink retries with p-retry and honours `Retry-After`.
 */
export async function stripeClient(connection: StripeConnection): Promise<MeterEventsClient> {
  const { default: Stripe } = await loadStripe();
  return new Stripe(connection.apiKey, {
    maxNetworkRetries: 0,
    timeout: connection.timeoutMs,
    telemetry: false,
    ...(connection.host === undefined ? {} : { host: connection.host }),
    ...(connection.port === undefined ? {} : { port: connection.port }),
    ...(connection.protocol === undefined ? {} : { protocol: connection.protocol }),
  });
}

/**
 * Creates one meter event. Stripe answers a second event with an identifier it holds (unique over a rolling 24
 * hours at least) with 400 `An event already exists with identifier …`: that event was billed, so it counts as
 * delivered (the reply as quoted in https://github.com/langfuse/langfuse/pull/16292, read 2026-12-05). 429, 5xx,
 * a `Stripe-Should-Retry: true` reply and a connection failure reject with a retryable
 * {@link BillingExportError}; any other refusal resolves as refused. No `Idempotency-Key` is sent: Stripe saves the
 * first answer to a key, a 500 included, and would replay it to every retry
 * (https://docs.stripe.com/api/idempotent_requests, read 2026-12-05); the identifier already dedupes the event.
 */
export async function createMeterEvent(client: MeterEventsClient, event: StripeMeterEvent, now: number): Promise<SendOutcome> {
  try {
    await client.billing.meterEvents.create(event);
    return { accepted: true };
  } catch (error) {
    const e = isRecord(error) ? error : {};
    const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
    const headers = isRecord(e.headers) ? e.headers : {};
    const message = typeof e.message === 'string' ? e.message : String(error);
    const shouldRetry = headers['stripe-should-retry'];
    if (status === undefined || status === 429 || status >= 500 || shouldRetry === 'true') {
      const retryAfterMs = retryAfterHeaderMs(typeof headers['retry-after'] === 'string' ? headers['retry-after'] : undefined, now);
      throw new BillingExportError('stripe', status === undefined ? `Stripe could not be reached: ${message}` : `HTTP ${status}: ${message}`, {
        ...(status === undefined ? {} : { status }),
        retryable: true,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        cause: error,
      });
    }
    if (status === 400 && /already exists with identifier/i.test(message)) return { accepted: false, status, detail: message, perRecord: new Map([[0, DUPLICATE]]) };
    const code = typeof e.code === 'string' ? `${e.code}: ` : '';
    return { accepted: false, status, detail: `HTTP ${status}: ${code}${message}` };
  }
}
