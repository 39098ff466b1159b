import { ConfigError } from '../../errors/config-error.js';
import { isRecord } from '../../is-record.js';
import type { UsageEvent } from '../../usage-event.js';
import type { Sink } from '../sink.js';
import { billingFigures } from './billing-quantity.js';
import { billingSink } from './billing-sink.js';
import { baseUrl, billingSettings, count, subjectOf, text, type BillingSettings, type BillingSinkOptions, type BillingSubject } from './billing-sink-options.js';
import { DUPLICATE, type BillingTarget, type SendOutcome } from './billing-target.js';
import { parseBody, postJson } from './post-json.js';

// Lago's events API, as documented (read 2026-12-05):
// - https://getlago.com/docs/api-reference/events/batch: POST /api/v1/events/batch with `Authorization: Bearer`,
//   `{ "events": [{ transaction_id, external_subscription_id, code, timestamp (Unix seconds), properties }] }`;
//   "Each request may include up to 100 events" (also https://www.getlago.com/changelog/batch-endpoint).
// - transaction_id is the event's idempotency key: an event store that already holds it answers 422
//   `validation_errors` with `transaction_id: ["value_already_exist"]` (getlago/lago-api, Events::CreateService),
//   keyed by the event's position in a batch. https://getlago.com/docs/api-reference/errors: the error body.
// - Events are attached to a subscription by `external_subscription_id`, the only target id the current event
//   docs (https://getlago.com/docs/api-reference/events/usage) name since the API changes of the v1.2.0
//   migration (https://getlago.com/docs/guide/migration/migration-to-v1.2.0); `external_customer_id` is not sent.

/** Lago's limit on events per batch request. */
export const LAGO_MAX_BATCH = 100;

/**
 * Options of {@link lagoSink}; the shared ones are {@link BillingSinkOptions}.
 *
 * @example
 * ```ts
 * const options: LagoSinkOptions = { apiKey: process.env.LAGO_API_KEY!, code: 'llm_tokens', deadLetterPath: 'billing/lago-dead.jsonl' };
 * ```
 */
export interface LagoSinkOptions extends BillingSinkOptions {
  /** Your Lago API key, sent as `Authorization: Bearer`. Required. */
  readonly apiKey: string;
  /** The code of the billable metric the events feed (its `field_name` picks a property, e.g. `tokens`). Required. */
  readonly code: string;
  /** Where Lago runs: events go to `{baseURL}/api/v1/events/batch`. @default 'https://api.getlago.com' */
  readonly baseURL?: string;
  /** The `external_subscription_id` each event is billed to. @default 'subscription' (the `subscription` tag) */
  readonly subscription?: BillingSubject;
  /** Events per request, at most (Lago allows 100). @default 100 */
  readonly maxBatch?: number;
}

/** One event as Lago's batch endpoint takes it. */
interface LagoEvent {
  readonly transaction_id: string;
  readonly external_subscription_id: string;
  readonly code: string;
  readonly timestamp: number;
  readonly properties: Record<string, string | number>;
}

const OWN_KEYS = ['apiKey', 'code', 'baseURL', 'subscription', 'maxBatch'];

/**
 * A sink that sends usage to [Lago](https://getlago.com): each usage event becomes one Lago event
 * (`transaction_id` = the event's id, so a resent event is billed once; `external_subscription_id` from a tag;
 * `code` = your billable metric; `timestamp` = when the request started; `properties` = the model and provider and
 * every known figure: `input_tokens`, `output_tokens`, `tokens`, `characters`, `credits`, `audio_seconds`,
 * `cost_usd`, `markup_usd`, `cost_with_markup_usd`, …). Batches of up to 100 go to `/api/v1/events/batch`, off
 * the hot path; 429 and 5xx are retried; an event Lago refuses (422) is written to `deadLetterPath` and the rest
 * of its batch is sent again, and an event Lago already holds counts as delivered. Throws {@link ConfigError}
 * for bad options.
 *
 * @param options - the API key, the metric code, where Lago is, and the shared {@link BillingSinkOptions}
 *
 * @example
 * ```ts
 * const ai = createAIClient({
 *   providers: { openai: openai() },
 *   sinks: [lagoSink({ apiKey: process.env.LAGO_API_KEY!, code: 'llm_tokens', deadLetterPath: 'billing/lago-dead.jsonl' })],
 * });
 * ```
 */
export function lagoSink(options: LagoSinkOptions): Sink {
  const settings = billingSettings(options, 'lago', OWN_KEYS);
  const apiKey = text(options.apiKey, 'apiKey');
  const code = text(options.code, 'code');
  const url = `${baseUrl(options.baseURL, 'baseURL', 'https://api.getlago.com')}/api/v1/events/batch`;
  const subscriptionOf = subjectOf(options.subscription, 'subscription', 'subscription');
  const maxBatch = count(options.maxBatch, 'maxBatch', LAGO_MAX_BATCH, 1);
  if (maxBatch > LAGO_MAX_BATCH) throw new ConfigError('maxBatch', `Lago takes at most ${LAGO_MAX_BATCH} events per request`);
  const target: BillingTarget<LagoEvent> = {
    service: 'lago',
    maxBatch,
    concurrency: 1,
    prepare(event: UsageEvent) {
      const subscription = subscriptionOf(event);
      if (!subscription) return { reason: 'no_customer', detail: 'the event has no subscription to bill it to' };
      const timestamp = Math.floor(Date.parse(event.time) / 1000);
      return { record: { transaction_id: event.id, external_subscription_id: subscription, code, timestamp, properties: billingFigures(event) }, lane: '' };
    },
    send: (records) => send(records, url, apiKey, settings),
  };
  return billingSink(target, settings);
}

async function send(records: readonly LagoEvent[], url: string, apiKey: string, settings: BillingSettings): Promise<SendOutcome> {
  const reply = await postJson({ service: 'lago', url, contentType: 'application/json', apiKey, body: { events: records }, settings });
  if (reply.status >= 200 && reply.status < 300) return { accepted: true };
  const detail = `HTTP ${reply.status}: ${reply.body}`;
  const perRecord = reply.status === 422 ? verdicts(parseBody(reply.body), records.length) : undefined;
  return { accepted: false, status: reply.status, detail, ...(perRecord === undefined ? {} : { perRecord }) };
}

/**
 * Lago's per-event verdicts from a 422 body whose `error_details` are keyed by position: `duplicate` for an
 * event refused only because its `transaction_id` is already held, else `field:code` pairs. Undefined when the
 * details are not keyed by position (the whole batch was refused).
 */
export function verdicts(body: unknown, size: number): Map<number, string> | undefined {
  if (!isRecord(body) || !isRecord(body.error_details)) return undefined;
  const found = new Map<number, string>();
  for (const [key, errors] of Object.entries(body.error_details)) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0 || index >= size || !isRecord(errors)) return undefined;
    const pairs = Object.entries(errors).flatMap(([field, codes]) => (Array.isArray(codes) ? codes : [codes]).map((c) => `${field}:${String(c)}`));
    found.set(index, pairs.length === 1 && pairs[0] === 'transaction_id:value_already_exist' ? DUPLICATE : pairs.join(','));
  }
  return found.size > 0 ? found : undefined;
}
