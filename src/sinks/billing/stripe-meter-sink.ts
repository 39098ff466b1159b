import { ConfigError } from '../../errors/config-error.js';
import type { UsageEvent } from '../../usage-event.js';
import type { Sink } from '../sink.js';
import { BILLING_QUANTITIES, billingAmount, type BillingQuantity } from './billing-quantity.js';
import { billingSink } from './billing-sink.js';
import { billingSettings, count, subjectOf, text, type BillingSinkOptions, type BillingSubject } from './billing-sink-options.js';
import type { BillingTarget, Prepared } from './billing-target.js';
import { createMeterEvent, stripeClient, type StripeConnection, type StripeMeterEvent } from './stripe-meter-client.js';

// Stripe's meter events, as documented (read 2026-12-05):
// - https://docs.stripe.com/api/billing/meter-event/create: event_name, payload (the meter's customer key,
//   default `stripe_customer_id`, and value key, default `value`, as strings), identifier (unique over a rolling
//   24 hours at least), timestamp in Unix seconds "within the past 35 calendar days or up to 5 minutes in the
//   future".
// - https://docs.stripe.com/billing/subscriptions/usage-based/recording-usage-api: the value "only accepts whole
//   number values"; the endpoint "allows 1000 calls per second in live mode, and one concurrent call per customer
//   per meter"; retry 429 with exponential backoff and randomness.
// The v2 meter event stream takes 100 events a request but validates them asynchronously (a refusal arrives
// later as a webhook), so an event it refuses could not be dead-lettered here: this sink uses the v1 endpoint.

/** How far back Stripe accepts a meter event's timestamp. */
export const STRIPE_MAX_AGE_MS = 35 * 24 * 3_600_000;
/** How far ahead Stripe accepts a meter event's timestamp (clock drift). */
export const STRIPE_MAX_AHEAD_MS = 5 * 60_000;

/**
 * Options of {@link stripeMeterSink}; the shared ones are {@link BillingSinkOptions}.
 *
 * @example
 * ```ts
 * const options: StripeMeterSinkOptions = {
 *   apiKey: process.env.STRIPE_SECRET_KEY!,
 *   eventName: 'llm_cost',
 *   value: 'cost',
 *   customer: 'stripeCustomer',
 *   deadLetterPath: 'billing/stripe-dead.jsonl',
 * };
 * ```
 */
export interface StripeMeterSinkOptions extends BillingSinkOptions {
  /** Your Stripe secret (or restricted) key. Required. */
  readonly apiKey: string;
  /** The `event_name` of your Stripe meter. Required. */
  readonly eventName: string;
  /**
   * What one event adds to the meter: a {@link BillingQuantity}, or a function of the event (return
   * `undefined` when it cannot be known: the event is dead-lettered). Rounded to a whole number, which Stripe
   * requires; an event worth 0 is not sent.
   * @default 'tokens'
   */
  readonly value?: BillingQuantity | ((event: UsageEvent) => number | undefined);
  /** For `value: 'cost'`, the meter's units per US dollar: `100` bills cents, `1_000_000` micro-dollars. @default 1000000 */
  readonly unitsPerUsd?: number;
  /** The Stripe customer id (`cus_…`) each event is billed to. @default 'customer' (the `customer` tag) */
  readonly customer?: BillingSubject;
  /** The meter's `customer_mapping.event_payload_key`. @default 'stripe_customer_id' */
  readonly customerPayloadKey?: string;
  /** The meter's `value_settings.event_payload_key`. @default 'value' */
  readonly valuePayloadKey?: string;
  /** Requests in flight at once, at most, each for a different customer (Stripe allows one per customer and meter). @default 8 */
  readonly concurrency?: number;
  /** The API host, for a Stripe-compatible server such as stripe-mock. @default Stripe's own, 'api.stripe.com' */
  readonly host?: string;
  /** The API port. @default 443 */
  readonly port?: number;
  /** The API protocol. @default 'https' */
  readonly protocol?: 'http' | 'https';
}

const OWN_KEYS = ['apiKey', 'eventName', 'value', 'unitsPerUsd', 'customer', 'customerPayloadKey', 'valuePayloadKey', 'concurrency', 'host', 'port', 'protocol'];

/**
 * A sink that reports usage to a [Stripe meter](https://docs.stripe.com/billing/subscriptions/usage-based) through
 * the official `stripe` SDK (an optional peer dependency, loaded on the first batch): each usage event becomes
 * one meter event with `identifier` = the event's id (so a resent event is billed once), `timestamp` = when the
 * request started, and a payload of the customer's Stripe id and the event's value (tokens, characters, or cost
 * with markup in the meter's unit). Sent off the hot path, one customer's events one after another; 429, 5xx and
 * network failures are retried; what Stripe refuses for good, events older than Stripe's 35-day window and
 * events without a customer or a known value are written to `deadLetterPath`. Throws {@link ConfigError} for bad
 * options.
 *
 * @param options - the key, the meter's event name, what an event is worth, and the shared {@link BillingSinkOptions}
 *
 * @example
 * ```ts
 * const ai = createAIClient({
 *   providers: { openai: openai() },
 *   sinks: [stripeMeterSink({ apiKey: process.env.STRIPE_SECRET_KEY!, eventName: 'llm_tokens', deadLetterPath: 'billing/stripe-dead.jsonl' })],
 * });
 * ```
 */
export function stripeMeterSink(options: StripeMeterSinkOptions): Sink {
  const settings = billingSettings(options, 'stripe', OWN_KEYS);
  const prepare = preparer(options);
  const connection = connectionOf(options, settings.timeoutMs);
  let client: ReturnType<typeof stripeClient> | undefined;
  const target: BillingTarget<StripeMeterEvent> = {
    service: 'stripe',
    maxBatch: 1,
    concurrency: count(options.concurrency, 'concurrency', 8, 1),
    prepare,
    async send(records) {
      client ??= stripeClient(connection).catch((error: unknown) => {
        client = undefined;
        throw error;
      });
      return createMeterEvent(await client, records[0]!, settings.clock.now());
    },
  };
  return billingSink(target, settings);
}

function connectionOf(options: StripeMeterSinkOptions, timeoutMs: number): StripeConnection {
  const apiKey = text(options.apiKey, 'apiKey');
  const host = options.host === undefined ? undefined : text(options.host, 'host');
  if (options.port !== undefined && (!Number.isInteger(options.port) || options.port < 1 || options.port > 65_535)) throw new ConfigError('port', 'expected a port number');
  if (options.protocol !== undefined && options.protocol !== 'http' && options.protocol !== 'https') throw new ConfigError('protocol', "expected 'http' or 'https'");
  return { apiKey, host, port: options.port, protocol: options.protocol, timeoutMs };
}

/** Turns a usage event into a meter event, or says why it cannot be one. */
function preparer(options: StripeMeterSinkOptions): (event: UsageEvent, now: number) => Prepared<StripeMeterEvent> {
  const eventName = text(options.eventName, 'eventName');
  const customerOf = subjectOf(options.customer, 'customer', 'customer');
  const customerKey = text(options.customerPayloadKey, 'customerPayloadKey', 'stripe_customer_id');
  const valueKey = text(options.valuePayloadKey, 'valuePayloadKey', 'value');
  const unitsPerUsd = options.unitsPerUsd ?? 1_000_000;
  if (typeof unitsPerUsd !== 'number' || !Number.isFinite(unitsPerUsd) || unitsPerUsd <= 0) throw new ConfigError('unitsPerUsd', 'expected a number > 0');
  const quantity = options.value ?? 'tokens';
  if (typeof quantity !== 'function' && !BILLING_QUANTITIES.includes(quantity)) throw new ConfigError('value', `expected a function or one of ${BILLING_QUANTITIES.join(', ')}`);
  const valueOf = typeof quantity === 'function' ? quantity : (event: UsageEvent) => billingAmount(event, quantity, unitsPerUsd);
  return (event, now) => {
    const customer = customerOf(event);
    if (!customer) return { reason: 'no_customer', detail: 'the event has no Stripe customer' };
    const raw = valueOf(event);
    if (raw === undefined || !Number.isFinite(raw)) return { reason: 'no_value', detail: 'the billed figure is unknown (missing usage or an unpriced model)' };
    const value = Math.round(raw);
    if (value === 0) return { skip: true };
    const time = Date.parse(event.time);
    if (now - time > STRIPE_MAX_AGE_MS) return { reason: 'too_old', detail: `Stripe takes meter events of the past 35 days; this one is from ${event.time}` };
    if (time - now > STRIPE_MAX_AHEAD_MS) return { reason: 'in_future', detail: `Stripe takes meter events at most 5 minutes ahead; this one is from ${event.time}` };
    const record: StripeMeterEvent = { event_name: eventName, identifier: event.id, timestamp: Math.floor(time / 1000), payload: { [customerKey]: customer, [valueKey]: String(value) } };
    return { record, lane: customer };
  };
}
