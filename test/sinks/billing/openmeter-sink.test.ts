import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readBillingDeadLetters } from '../../../src/sinks/billing/dead-letter-file.js';
import { openMeterSink, type OpenMeterSinkOptions } from '../../../src/sinks/billing/openmeter-sink.js';
import { billedEvent, deadLetterPath, fakeKey, recordingClock } from '../../support/billing/billing-fixtures.js';
import { startFakeOpenMeter, type CloudEventRecord, type FakeOpenMeter } from '../../support/billing/fake-openmeter.js';
import { isConfigError } from '../../support/config-error-check.js';
import { deferred } from '../../support/deferred.js';
import { assertNoKey } from '../../support/keys.js';

describe('openMeterSink against a loopback OpenMeter', () => {
  const apiKey = fakeKey('om_');
  let openmeter: FakeOpenMeter;
  before(async () => (openmeter = await startFakeOpenMeter(apiKey, new Set(['blocked']))));
  after(() => openmeter.close());

  const sink = (options: Partial<OpenMeterSinkOptions> = {}) =>
    openMeterSink({ apiKey, baseURL: openmeter.url, deadLetterPath: deadLetterPath('openmeter'), clock: recordingClock(), ...options });
  const sentSince = (from: number): CloudEventRecord[][] => openmeter.received.slice(from).map((r) => JSON.parse(r.body) as CloudEventRecord[]);

  it('posts a CloudEvents batch, field by field as OpenMeter documents it', async () => {
    const event = billedEvent(
      { customer: 'acme' },
      { cost: { usd: 0.002, markupUsd: 0.0004, snapshot: { source: 'test', version: '1', rates: {} } } },
    );
    const from = openmeter.received.length;
    await sink({ type: 'llm-usage', source: 'voice-bot' }).writeBatch!([event]);
    const [request] = openmeter.received.slice(from);
    assert.ok(request);
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/api/v1/events');
    assert.equal(request.headers['content-type'], 'application/cloudevents-batch+json');
    assert.equal(request.headers.authorization, `Bearer ${apiKey}`);
    assert.deepEqual(JSON.parse(request.body), [
      {
        specversion: '1.0',
        id: event.id,
        source: 'voice-bot',
        type: 'llm-usage',
        subject: 'acme',
        time: event.time,
        datacontenttype: 'application/json',
        data: {
          provider: 'openai',
          model: 'gpt-4o-mini',
          operation: 'chat',
          environment: 'test',
          status: 'ok',
          requests: 1,
          input_tokens: 10,
          output_tokens: 5,
          tokens: 15,
          cost_usd: 0.002,
          markup_usd: 0.0004,
          cost_with_markup_usd: 0.002 + 0.0004,
        },
      },
    ]);
    assert.ok(openmeter.ingested.has(`voice-bot/${event.id}`));
  });

  it('splits a backlog into requests of maxBatch events (100 by default)', async () => {
    const events = Array.from({ length: 250 }, () => billedEvent({ customer: 'bulk' }));
    const from = openmeter.received.length;
    await sink().writeBatch!(events);
    assert.deepEqual(sentSince(from).map((b) => b.length), [100, 100, 50]);
    const from2 = openmeter.received.length;
    await sink({ maxBatch: 7 }).writeBatch!(events.slice(0, 20));
    assert.deepEqual(sentSince(from2).map((b) => b.length), [7, 7, 6]);
  });

  it('replays idempotently: the same events twice are ingested once, with the same ids', async () => {
    const events = Array.from({ length: 3 }, () => billedEvent({ customer: 'replay' }));
    const s = sink();
    const before = openmeter.ingested.size;
    const from = openmeter.received.length;
    await s.writeBatch!(events);
    await s.writeBatch!(events);
    const [first, second] = sentSince(from);
    assert.deepEqual(first!.map((e) => e.id), second!.map((e) => e.id));
    assert.equal(openmeter.ingested.size - before, 3);
  });

  it('isolates the event OpenMeter refuses by splitting the batch, dead-letters it and ingests the rest', async () => {
    const path = deadLetterPath('openmeter-refused');
    const events = Array.from({ length: 8 }, (_, i) => billedEvent({ customer: i === 5 ? 'blocked' : 'fine' }));
    await sink({ deadLetterPath: path }).writeBatch!(events);
    for (const [i, e] of events.entries()) assert.equal(openmeter.ingested.has(`aimeter/${e.id}`), i !== 5);
    const letters = await readBillingDeadLetters(path);
    assert.deepEqual(letters.map((l) => [l.reason, l.status, l.event.id, l.service]), [['refused', 400, events[5]!.id, 'openmeter']]);
    assert.match(letters[0]!.detail, /subject blocked is not allowed/);
  });

  it('retries a 429 after its Retry-After and a 5xx after the backoff', async () => {
    const clock = recordingClock();
    const events = [billedEvent({ customer: 'retry' })];
    openmeter.fault({ status: 429, headers: { 'retry-after': '3' } }, { status: 502 });
    await sink({ clock, minRetryDelayMs: 100 }).writeBatch!(events);
    assert.ok(openmeter.ingested.has(`aimeter/${events[0]!.id}`));
    assert.equal(clock.waits[0], 3000);
    assert.ok(clock.waits[1]! >= 200 && clock.waits[1]! <= 250);
  });

  it('dead-letters a batch when the token is refused (401), without splitting it, and never writes the token', async () => {
    const path = deadLetterPath('openmeter-auth');
    const wrongKey = fakeKey('om_');
    const events = Array.from({ length: 4 }, () => billedEvent({ customer: 'acme' }));
    const from = openmeter.received.length;
    await sink({ apiKey: wrongKey, deadLetterPath: path }).writeBatch!(events);
    assert.equal(openmeter.received.length - from, 1);
    const letters = await readBillingDeadLetters(path);
    assert.deepEqual(letters.map((l) => [l.reason, l.status]), events.map(() => ['refused', 401]));
    assertNoKey(wrongKey, letters);
  });

  it('abandons a request that does not answer within timeoutMs and sends it again', async () => {
    const held = deferred<{ status: number }>();
    openmeter.fault(held.promise);
    const event = billedEvent({ customer: 'slow' });
    const from = openmeter.received.length;
    // The held request never answers in time; the timeout is long enough that the retries' replies beat it even
    // on a loaded machine (and a retry that also timed out would only be sent once more).
    await sink({ timeoutMs: 1_000, minRetryDelayMs: 1 }).writeBatch!([event]);
    held.resolve({ status: 204 });
    assert.ok(openmeter.received.length - from >= 2, 'the held request was sent again');
    assert.ok(openmeter.ingested.has(`aimeter/${event.id}`));
  });
});

describe('openMeterSink options', () => {
  it('needs to be told where OpenMeter is: a baseURL, or an apiKey for OpenMeter Cloud', () => {
    assert.ok(isConfigError(() => openMeterSink({ deadLetterPath: 'd.jsonl' }), 'baseURL'));
    assert.ok(isConfigError(() => openMeterSink({ baseURL: 'ftp://x', deadLetterPath: 'd.jsonl' }), 'baseURL'));
    assert.ok(isConfigError(() => openMeterSink({ apiKey: 'k', maxBatch: 0, deadLetterPath: 'd.jsonl' }), 'maxBatch'));
    assert.ok(isConfigError(() => openMeterSink({ apiKey: 'k' } as OpenMeterSinkOptions), 'deadLetterPath'));
    assert.equal(openMeterSink({ apiKey: 'k', deadLetterPath: 'd.jsonl' }).name, 'openmeter');
  });
});
