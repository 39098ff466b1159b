import { ConfigError } from '../../errors/config-error.js';
import type { UsageEvent } from '../../usage-event.js';
import type { Sink } from '../sink.js';
import { billingFigures } from './billing-quantity.js';
import { billingSink } from './billing-sink.js';
import { baseUrl, billingSettings, count, subjectOf, text, type BillingSettings, type BillingSinkOptions, type BillingSubject } from './billing-sink-options.js';
import type { BillingTarget, SendOutcome } from './billing-target.js';
import { postJson } from './post-json.js';

// OpenMeter's ingest API, as documented (read 2026-12-05):
// - https://openmeter.io/docs/concepts/usage-events: CloudEvents 1.0 JSON; `type` matches the event to a meter,
//   `id` is the event's unique id, `subject` the customer meter values are aggregated by, `time` RFC 3339.
// - https://openmeter.io/docs/metering/events/overview: POST /api/v1/events; the OpenAPI spec
//   (openmeterio/openmeter api/openapi.yaml, operation ingestEvents) also takes a batch as a JSON array under
//   `Content-Type: application/cloudevents-batch+json` and answers 204; the cloud wants `Authorization: Bearer`.
// - https://pkg.go.dev/github.com/openmeterio/openmeter/openmeter: ingestion deduplicates events by id and
//   source, so resending an event never counts it twice.

/**
 * Options of {@link openMeterSink}; the shared ones are {@link BillingSinkOptions}.
 *
 * @example
 * ```ts
 * const options: OpenMeterSinkOptions = { apiKey: process.env.OPENMETER_TOKEN, type: 'llm-usage', deadLetterPath: 'billing/openmeter-dead.jsonl' };
 * ```
 */
export interface OpenMeterSinkOptions extends BillingSinkOptions {
  /** OpenMeter Cloud's API token, sent as `Authorization: Bearer`; a self-hosted OpenMeter may need none. @default undefined */
  readonly apiKey?: string;
  /**
   * Where OpenMeter runs: events go to `{baseURL}/api/v1/events`. Set it (or `apiKey`, for the cloud): the sink
   * sends nothing anywhere it was not told to.
   * @default 'https://openmeter.cloud' when `apiKey` is set
   */
  readonly baseURL?: string;
  /** The CloudEvents `type` your meters match. @default 'aimeter.usage' */
  readonly type?: string;
  /** The CloudEvents `source`. @default 'aimeter' */
  readonly source?: string;
  /** The event's `subject`: the customer its usage is aggregated by. @default 'customer' (the `customer` tag) */
  readonly customer?: BillingSubject;
  /** Events per request, at most. @default 100 */
  readonly maxBatch?: number;
}

/** One CloudEvent as OpenMeter ingests it. */
interface CloudEvent {
  readonly specversion: '1.0';
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly subject: string;
  readonly time: string;
  readonly datacontenttype: 'application/json';
  readonly data: Record<string, string | number>;
}

const OWN_KEYS = ['apiKey', 'baseURL', 'type', 'source', 'customer', 'maxBatch'];

/**
 * A sink that meters usage in [OpenMeter](https://openmeter.io): each usage event becomes one CloudEvent
 * (`id` = the event's id, so a resent event is counted once; `subject` = the customer; `time` = when the request
 * started; `data` = the model and provider and every known figure: `input_tokens`, `output_tokens`, `tokens`,
 * `characters`, `credits`, `audio_seconds`, `cost_usd`, `markup_usd`, `cost_with_markup_usd`, …, which your
 * meters pick with `valueProperty`, e.g. `$.tokens`). Batches go as one `application/cloudevents-batch+json`
 * request each, off the hot path; 429 and 5xx are retried, and what OpenMeter refuses for good is written to
 * `deadLetterPath`. Throws {@link ConfigError} for bad options.
 *
 * @param options - where OpenMeter is, its token, the event type, and the shared {@link BillingSinkOptions}
 *
 * @example
 * ```ts
 * const ai = createAIClient({
 *   providers: { openai: openai() },
 *   sinks: [openMeterSink({ apiKey: process.env.OPENMETER_TOKEN, type: 'llm-usage', deadLetterPath: 'billing/openmeter-dead.jsonl' })],
 * });
 * ```
 */
export function openMeterSink(options: OpenMeterSinkOptions): Sink {
  const settings = billingSettings(options, 'openmeter', OWN_KEYS);
  const apiKey = options.apiKey === undefined ? undefined : text(options.apiKey, 'apiKey');
  if (apiKey === undefined && options.baseURL === undefined) {
    throw new ConfigError('baseURL', 'expected the URL of your OpenMeter, or an apiKey for OpenMeter Cloud');
  }
  const url = `${baseUrl(options.baseURL, 'baseURL', 'https://openmeter.cloud')}/api/v1/events`;
  const type = text(options.type, 'type', 'aimeter.usage');
  const source = text(options.source, 'source', 'aimeter');
  const customerOf = subjectOf(options.customer, 'customer', 'customer');
  const maxBatch = count(options.maxBatch, 'maxBatch', 100, 1);
  const target: BillingTarget<CloudEvent> = {
    service: 'openmeter',
    maxBatch,
    concurrency: 1,
    prepare(event: UsageEvent) {
      const subject = customerOf(event);
      if (!subject) return { reason: 'no_customer', detail: 'the event has no customer to meter it for' };
      const record: CloudEvent = { specversion: '1.0', id: event.id, source, type, subject, time: event.time, datacontenttype: 'application/json', data: billingFigures(event) };
      return { record, lane: '' };
    },
    send: (records) => send(records, url, apiKey, settings),
  };
  return billingSink(target, settings);
}

async function send(records: readonly CloudEvent[], url: string, apiKey: string | undefined, settings: BillingSettings): Promise<SendOutcome> {
  const reply = await postJson({ service: 'openmeter', url, contentType: 'application/cloudevents-batch+json', apiKey, body: records, settings });
  if (reply.status >= 200 && reply.status < 300) return { accepted: true };
  return { accepted: false, status: reply.status, detail: `HTTP ${reply.status}: ${reply.body}` };
}
