import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BillingExportError } from '../../../src/errors/billing-export-error.js';
import { readBillingDeadLetters } from '../../../src/sinks/billing/dead-letter-file.js';
import { lagoSink, verdicts, type LagoSinkOptions } from '../../../src/sinks/billing/lago-sink.js';
import { billedEvent, deadLetterPath, fakeKey, recordingClock } from '../../support/billing/billing-fixtures.js';
import { startFakeLago, type FakeLago, type LagoEventRecord } from '../../support/billing/fake-lago.js';
import { isConfigError } from '../../support/config-error-check.js';

describe('lagoSink against a loopback Lago', () => {
  const apiKey = fakeKey('lago_');
  let lago: FakeLago;
  before(async () => (lago = await startFakeLago(apiKey, new Set(['llm_tokens']), new Set(['sub_acme', 'sub_bulk']))));
  after(() => lago.close());

  const sink = (options: Partial<LagoSinkOptions> = {}) =>
    lagoSink({ apiKey, code: 'llm_tokens', baseURL: lago.url, deadLetterPath: deadLetterPath('lago'), clock: recordingClock(), ...options });
  const sentSince = (from: number): LagoEventRecord[][] => lago.received.slice(from).map((r) => (JSON.parse(r.body) as { events: LagoEventRecord[] }).events);

  it('posts an events batch, field by field as Lago documents it', async () => {
    const event = billedEvent({ subscription: 'sub_acme' }, { operation: 'speak', model: 'eleven_flash_v2_5', provider: 'elevenlabs', usage: { requests: 1, characters: { value: 120, provenance: 'reported' }, credits: { value: 60, provenance: 'reported' } } });
    const from = lago.received.length;
    await sink().writeBatch!([event]);
    const [request] = lago.received.slice(from);
    assert.ok(request);
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/api/v1/events/batch');
    assert.equal(request.headers.authorization, `Bearer ${apiKey}`);
    assert.equal(request.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(request.body), {
      events: [
        {
          transaction_id: event.id,
          external_subscription_id: 'sub_acme',
          code: 'llm_tokens',
          timestamp: Math.floor(Date.parse(event.time) / 1000),
          properties: { provider: 'elevenlabs', model: 'eleven_flash_v2_5', operation: 'speak', environment: 'test', status: 'ok', requests: 1, characters: 120, credits: 60 },
        },
      ],
    });
    assert.ok(lago.billed.has(event.id));
  });

  it('keeps to Lago\'s 100-event batch limit', async () => {
    const events = Array.from({ length: 230 }, () => billedEvent({ subscription: 'sub_bulk' }));
    const from = lago.received.length;
    await sink().writeBatch!(events);
    assert.deepEqual(sentSince(from).map((b) => b.length), [100, 100, 30]);
    for (const e of events) assert.ok(lago.billed.has(e.id));
  });

  it('replays idempotently: Lago answers value_already_exist for the same transaction_ids, which count as delivered', async () => {
    const path = deadLetterPath('lago-replay');
    const events = Array.from({ length: 3 }, () => billedEvent({ subscription: 'sub_acme' }));
    const s = sink({ deadLetterPath: path });
    const before = lago.billed.size;
    const from = lago.received.length;
    await s.writeBatch!(events);
    await s.writeBatch!(events);
    const [first, second, ...rest] = sentSince(from);
    assert.equal(rest.length, 0, 'no resend after a batch of duplicates');
    assert.deepEqual(first!.map((e) => e.transaction_id), second!.map((e) => e.transaction_id));
    assert.equal(lago.billed.size - before, 3);
    assert.deepEqual(await readBillingDeadLetters(path), []);
  });

  it('dead-letters the event Lago refuses (422, by position) and sends the rest of its batch again', async () => {
    const path = deadLetterPath('lago-refused');
    const events = [billedEvent({ subscription: 'sub_acme' }), billedEvent({ subscription: 'sub_gone' }), billedEvent({ subscription: 'sub_acme' })];
    const from = lago.received.length;
    await sink({ deadLetterPath: path }).writeBatch!(events);
    assert.deepEqual(sentSince(from).map((b) => b.map((e) => e.transaction_id)), [events.map((e) => e.id), [events[0]!.id, events[2]!.id]]);
    assert.ok(lago.billed.has(events[0]!.id) && lago.billed.has(events[2]!.id));
    const letters = await readBillingDeadLetters(path);
    assert.deepEqual(letters.map((l) => [l.reason, l.status, l.detail, l.event.id]), [['refused', 422, 'external_subscription_id:subscription_not_found', events[1]!.id]]);
  });

  it('dead-letters events without a subscription, and retries a 5xx', async () => {
    const path = deadLetterPath('lago-retry');
    const clock = recordingClock();
    const events = [billedEvent({}), billedEvent({ subscription: 'sub_acme' })];
    lago.fault({ status: 500, body: { status: 500, error: 'Internal Server Error' } });
    await sink({ deadLetterPath: path, clock, minRetryDelayMs: 40 }).writeBatch!(events);
    assert.ok(lago.billed.has(events[1]!.id));
    assert.equal(clock.waits.length, 1);
    assert.ok(clock.waits[0]! >= 40 && clock.waits[0]! <= 50);
    assert.deepEqual((await readBillingDeadLetters(path)).map((l) => [l.reason, l.event.id]), [['no_customer', events[0]!.id]]);
  });
});

describe('lagoSink when its dead-letter file cannot be written', () => {
  it('rejects the batch with a BillingExportError, so the client retries it rather than lose the events', async () => {
    const blocker = deadLetterPath('lago-blocked');
    const file = join(dirname(dirname(blocker)), 'a-file');
    writeFileSync(file, '');
    const sink = lagoSink({ apiKey: 'k', code: 'c', baseURL: 'http://127.0.0.1:9', deadLetterPath: join(file, 'dead.jsonl') });
    await assert.rejects(Promise.resolve(sink.writeBatch!([billedEvent({})])), (e: unknown) => BillingExportError.isInstance(e) && e.code === 'billing_export_failed' && e.service === 'lago' && !e.retryable);
  });
});

describe('lagoSink options and verdicts', () => {
  it('refuses a batch limit above Lago\'s 100 and missing settings', () => {
    const base = { apiKey: 'k', code: 'c', deadLetterPath: 'd.jsonl' };
    assert.ok(isConfigError(() => lagoSink({ ...base, maxBatch: 101 }), 'maxBatch'));
    assert.ok(isConfigError(() => lagoSink({ ...base, code: '' }), 'code'));
    assert.ok(isConfigError(() => lagoSink({ ...base, apiKey: undefined } as unknown as LagoSinkOptions), 'apiKey'));
    assert.ok(isConfigError(() => lagoSink({ ...base, baseURL: 'not a url' }), 'baseURL'));
  });

  it('reads per-position 422 details, telling duplicates from refusals', () => {
    const body = { status: 422, code: 'validation_errors', error_details: { 0: { transaction_id: ['value_already_exist'] }, 2: { timestamp: ['invalid_format'], code: ['metric_not_found'] } } };
    assert.deepEqual(verdicts(body, 3), new Map([[0, 'duplicate'], [2, 'timestamp:invalid_format,code:metric_not_found']]));
    assert.equal(verdicts({ error_details: { events: ['too_many_events'] } }, 3), undefined, 'not keyed by position');
    assert.equal(verdicts({ error_details: { 5: { code: ['x'] } } }, 3), undefined, 'a position outside the batch');
  });
});
