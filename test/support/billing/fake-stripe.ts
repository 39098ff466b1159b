// Stripe's v1 meter event endpoint as documented (https://docs.stripe.com/api/billing/meter-event/create and
// https://docs.stripe.com/billing/subscriptions/usage-based/recording-usage-api, read 2026-12-05), played on a
// loopback server for the official SDK to talk to: Bearer auth with the secret key, a form-encoded body,
// required event_name and payload keys, whole-number values, timestamps within the past 35 days or 5 minutes
// ahead, and identifiers unique (a second one is refused with 400 "An event already exists with identifier …").
import { startLoopback, type Answer, type LoopbackServer, type Received } from './loopback-server.js';

export interface StripeMeterEventRecord {
  readonly event_name: string;
  readonly identifier: string;
  readonly timestamp: number;
  readonly payload: Record<string, string>;
}

export interface FakeStripe extends LoopbackServer {
  /** Meter events billed, by identifier. */
  readonly billed: Map<string, StripeMeterEventRecord>;
  /** The most requests for one customer that were in flight at once. */
  maxConcurrentPerCustomer(): number;
  /** The most requests in flight at once since the last {@link FakeStripe.resetConcurrency}. */
  maxConcurrent(): number;
  resetConcurrency(): void;
}

const DAY_S = 86_400;

function refuse(status: number, message: string, code?: string): Answer {
  return { status, body: { error: { type: 'invalid_request_error', message, ...(code ? { code } : {}) } } };
}

/** The form body as Stripe's SDK encodes it (`payload[value]=…`), as a meter event. */
export function parseForm(body: string): StripeMeterEventRecord {
  const form = new URLSearchParams(body);
  const payload: Record<string, string> = {};
  for (const [key, value] of form) {
    const m = /^payload\[(.+)\]$/.exec(key);
    if (m) payload[m[1]!] = value;
  }
  return { event_name: form.get('event_name') ?? '', identifier: form.get('identifier') ?? '', timestamp: Number(form.get('timestamp')), payload };
}

export async function startFakeStripe(apiKey: string): Promise<FakeStripe> {
  const billed = new Map<string, StripeMeterEventRecord>();
  const inFlight = new Map<string, number>();
  let maxConcurrent = 0;
  let total = 0;
  let maxTotal = 0;
  const check = (request: Received): Answer | StripeMeterEventRecord => {
    if (request.method !== 'POST' || request.path !== '/v1/billing/meter_events') return refuse(404, `Unrecognized request URL (${request.method}: ${request.path})`);
    if (request.headers.authorization !== `Bearer ${apiKey}`) return refuse(401, 'Invalid API Key provided');
    if (!String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded')) return refuse(400, 'Invalid request: expected a form body');
    const event = parseForm(request.body);
    if (!event.event_name) return refuse(400, 'Missing required param: event_name.', 'parameter_missing');
    if (!event.payload.stripe_customer_id || event.payload.value === undefined) return refuse(400, 'Missing required param: payload.', 'parameter_missing');
    if (!/^-?\d+$/.test(event.payload.value)) return refuse(400, 'The value must be a whole number.', 'parameter_invalid_integer');
    const now = Date.now() / 1000;
    if (!(event.timestamp >= now - 35 * DAY_S)) return refuse(400, 'Timestamp must be within the past 35 calendar days.', 'timestamp_too_far_in_past');
    if (event.timestamp > now + 300) return refuse(400, 'Timestamp must not be more than 5 minutes in the future.', 'timestamp_in_future');
    return event;
  };
  const server = await startLoopback(async (request) => {
    const checked = check(request);
    if (!('identifier' in checked)) return checked;
    const customer = checked.payload.stripe_customer_id!;
    const now = (inFlight.get(customer) ?? 0) + 1;
    inFlight.set(customer, now);
    maxConcurrent = Math.max(maxConcurrent, now);
    maxTotal = Math.max(maxTotal, ++total);
    // Held open across a few turns of the loop, so requests for one customer sent at once would overlap here.
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
    inFlight.set(customer, now - 1);
    total--;
    if (billed.has(checked.identifier)) return refuse(400, `An event already exists with identifier ${checked.identifier}.`);
    billed.set(checked.identifier, checked);
    return { status: 200, body: { object: 'billing.meter_event', created: Math.floor(Date.now() / 1000), livemode: false, ...checked } };
  });
  return Object.assign(server, {
    billed,
    maxConcurrentPerCustomer: () => maxConcurrent,
    maxConcurrent: () => maxTotal,
    resetConcurrency: () => {
      maxTotal = 0;
    },
  });
}
