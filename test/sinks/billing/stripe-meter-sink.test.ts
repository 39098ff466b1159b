import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { ConfigError } from '../../../src/errors/config-error.js';
import { readBillingDeadLetters } from '../../../src/sinks/billing/dead-letter-file.js';
import { stripeMeterSink, type StripeMeterSinkOptions } from '../../../src/sinks/billing/stripe-meter-sink.js';
import { billedEvent, deadLetterPath, fakeKey, recordingClock } from '../../support/billing/billing-fixtures.js';
import { parseForm, startFakeStripe, type FakeStripe } from '../../support/billing/fake-stripe.js';
import { isConfigError } from '../../support/config-error-check.js';
import { assertNoKey } from '../../support/keys.js';

const DAY = 86_400_000;

describe('stripeMeterSink against a loopback Stripe', () => {
  const apiKey = fakeKey('sk_test_');
  let stripe: FakeStripe;
  before(async () => (stripe = await startFakeStripe(apiKey)));
  after(() => stripe.close());

  const sink = (options: Partial<StripeMeterSinkOptions> = {}) =>
    stripeMeterSink({ apiKey, eventName: 'llm_tokens', host: '127.0.0.1', port: stripe.port, protocol: 'http', deadLetterPath: deadLetterPath('stripe'), clock: recordingClock(), ...options });

  it('sends nothing until it is handed events', async () => {
    const before = stripe.received.length;
    sink();
    await new Promise((r) => setImmediate(r));
    assert.equal(stripe.received.length, before);
  });

  it('sends one meter event per usage event, field by field as Stripe documents them', async () => {
    const event = billedEvent({ customer: 'cus_wire1' });
    const from = stripe.received.length;
    await sink().writeBatch!([event]);
    const [request] = stripe.received.slice(from);
    assert.ok(request);
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/v1/billing/meter_events');
    assert.equal(request.headers.authorization, `Bearer ${apiKey}`);
    assert.match(String(request.headers['content-type']), /^application\/x-www-form-urlencoded/);
    assert.deepEqual(parseForm(request.body), {
      event_name: 'llm_tokens',
      identifier: event.id,
      timestamp: Math.floor(Date.parse(event.time) / 1000),
      payload: { stripe_customer_id: 'cus_wire1', value: '15' },
    });
    assert.equal(stripe.billed.get(event.id)?.payload.value, '15');
  });

  it('bills cost with markup in the meter unit, rounded to a whole number, under the meter payload keys', async () => {
    const event = billedEvent(
      { stripeCustomer: 'cus_cost1' },
      { cost: { usd: 0.0012, markupUsd: 0.00024, snapshot: { source: 'test', version: '1', rates: {} } } },
    );
    await sink({ value: 'cost', unitsPerUsd: 1_000_000, customer: 'stripeCustomer', customerPayloadKey: 'account', valuePayloadKey: 'micro_usd' }).writeBatch!([event]);
    const last = parseForm(stripe.received.at(-1)!.body);
    assert.deepEqual(last.payload, { account: 'cus_cost1', micro_usd: '1440' });
  });

  it('replays idempotently: the same events twice are billed once, with the same identifiers', async () => {
    const events = [billedEvent({ customer: 'cus_replay' }), billedEvent({ customer: 'cus_replay' }), billedEvent({ customer: 'cus_replay2' })];
    const path = deadLetterPath('stripe-replay');
    const s = sink({ deadLetterPath: path });
    const from = stripe.received.length;
    await s.writeBatch!(events);
    await s.writeBatch!(events);
    const sent = stripe.received.slice(from).map((r) => parseForm(r.body).identifier);
    assert.equal(sent.length, 6);
    assert.deepEqual([...sent].sort(), [...events.map((e) => e.id), ...events.map((e) => e.id)].sort());
    for (const e of events) assert.ok(stripe.billed.has(e.id));
    assert.equal([...stripe.billed.values()].filter((b) => b.payload.stripe_customer_id?.startsWith('cus_replay')).length, 3);
    assert.deepEqual(await readBillingDeadLetters(path), [], 'a duplicate is delivered, not dead-lettered');
  });

  it('dead-letters events older than Stripe\'s 35-day window without sending them', async () => {
    const path = deadLetterPath('stripe-old');
    const old = billedEvent({ customer: 'cus_old' }, { time: new Date(Date.now() - 36 * DAY).toISOString() });
    const fresh = billedEvent({ customer: 'cus_old' }, { time: new Date(Date.now() - 34 * DAY).toISOString() });
    await sink({ deadLetterPath: path }).writeBatch!([old, fresh]);
    assert.equal(stripe.billed.has(old.id), false);
    assert.equal(stripe.billed.has(fresh.id), true);
    const letters = await readBillingDeadLetters(path);
    assert.deepEqual(letters.map((l) => [l.reason, l.event.id, l.service]), [['too_old', old.id, 'stripe']]);
  });

  it('dead-letters what Stripe refuses for good (its own 35-day check here)', async () => {
    const path = deadLetterPath('stripe-refused');
    // The sink's clock runs 2 days behind: it believes the 36-day-old event 34 days old, Stripe does not.
    const stale = billedEvent({ customer: 'cus_ref' }, { time: new Date(Date.now() - 36 * DAY).toISOString() });
    await sink({ deadLetterPath: path, clock: recordingClock(-2 * DAY) }).writeBatch!([stale]);
    assert.equal(stripe.billed.has(stale.id), false);
    const [letter, ...rest] = await readBillingDeadLetters(path);
    assert.equal(rest.length, 0);
    assert.equal(letter?.reason, 'refused');
    assert.equal(letter?.status, 400);
    assert.match(letter.detail, /timestamp_too_far_in_past/);
    assert.deepEqual(letter?.event, stale);
    assertNoKey(apiKey, await readFile(path, 'utf8'));
  });

  it('retries 429 and 5xx, waiting the Retry-After Stripe asks for, then bills the event once', async () => {
    const clock = recordingClock();
    const event = billedEvent({ customer: 'cus_retry' });
    stripe.fault({ status: 429, headers: { 'retry-after': '2' }, body: { error: { type: 'rate_limit_error', message: 'Too many requests' } } }, { status: 500, body: { error: { type: 'api_error', message: 'boom' } } });
    const from = stripe.received.length;
    await sink({ clock, minRetryDelayMs: 10 }).writeBatch!([event]);
    assert.equal(stripe.received.length - from, 3);
    assert.ok(stripe.billed.has(event.id));
    assert.equal(clock.waits.length, 2);
    assert.equal(clock.waits[0], 2000, 'the first wait is the Retry-After');
    assert.ok(clock.waits[1]! >= 20 && clock.waits[1]! <= 25, `the second is the doubled backoff with jitter: ${clock.waits[1]}`);
  });

  it('dead-letters an event still failing after every retry, as undelivered', async () => {
    const path = deadLetterPath('stripe-undelivered');
    const event = billedEvent({ customer: 'cus_down' });
    const down = { status: 503, body: { error: { type: 'api_error', message: 'unavailable' } } };
    const other = billedEvent({ customer: 'cus_up' });
    stripe.fault(down, down, down);
    await sink({ deadLetterPath: path, retries: 2, minRetryDelayMs: 1, concurrency: 1 }).writeBatch!([event, other]);
    const letters = await readBillingDeadLetters(path);
    assert.deepEqual(letters.map((l) => [l.reason, l.status, l.event.id]), [['undelivered', 503, event.id]]);
    assert.ok(stripe.billed.has(other.id), 'the next customer\'s event is billed');
  });

  it('sends one customer\'s events one after another (Stripe allows one concurrent call per customer and meter)', async () => {
    const events = ['cus_a', 'cus_b', 'cus_c'].flatMap((c) => Array.from({ length: 4 }, () => billedEvent({ customer: c })));
    await sink({ concurrency: 8 }).writeBatch!(events);
    for (const e of events) assert.ok(stripe.billed.has(e.id));
    assert.equal(stripe.maxConcurrentPerCustomer(), 1);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    const events = Array.from({ length: 12 }, (_, i) => billedEvent({ customer: `cus_pool${i}` }));
    stripe.resetConcurrency();
    await sink({ concurrency: 3 }).writeBatch!(events);
    for (const e of events) assert.ok(stripe.billed.has(e.id));
    assert.ok(stripe.maxConcurrent() <= 3, `${stripe.maxConcurrent()} in flight at once`);
  });

  it('dead-letters events without a customer or with an unknown figure, and skips events worth nothing', async () => {
    const path = deadLetterPath('stripe-unsendable');
    const noCustomer = billedEvent({});
    const unknown = billedEvent({ customer: 'cus_x' }, { usage: { requests: 1, inputTokens: { value: 3, provenance: 'reported' }, outputTokens: { value: null, provenance: 'missing' } } });
    const nothing = billedEvent({ customer: 'cus_x' }, { usage: { requests: 1 } });
    const from = stripe.received.length;
    await sink({ deadLetterPath: path }).writeBatch!([noCustomer, unknown, nothing]);
    assert.equal(stripe.received.length, from, 'nothing was sent');
    const letters = await readBillingDeadLetters(path);
    assert.deepEqual(letters.map((l) => [l.reason, l.event.id]), [['no_customer', noCustomer.id], ['no_value', unknown.id]]);
  });
});

describe('stripeMeterSink options', () => {
  const base: StripeMeterSinkOptions = { apiKey: fakeKey('sk_test_'), eventName: 'llm_tokens', deadLetterPath: 'dead.jsonl' };
  const build = (o: Record<string, unknown>) => () => stripeMeterSink({ ...base, ...o });

  it('refuses bad or missing options with a ConfigError naming the option', () => {
    assert.ok(isConfigError(build({ deadLetterPath: undefined }), 'deadLetterPath'));
    assert.ok(isConfigError(build({ apiKey: '' }), 'apiKey'));
    assert.ok(isConfigError(build({ eventName: undefined }), 'eventName'));
    assert.ok(isConfigError(build({ value: 'tokenz' }), 'value'));
    assert.ok(isConfigError(build({ unitsPerUsd: 0 }), 'unitsPerUsd'));
    assert.ok(isConfigError(build({ retries: -1 }), 'retries'));
    assert.ok(isConfigError(build({ protocol: 'ftp' }), 'protocol'));
    assert.throws(build({ evntName: 'x' }), (e: unknown) => ConfigError.isInstance(e) && /did you mean eventName/.test(e.message));
  });
});
