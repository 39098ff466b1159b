// Retry through the real SDKs and simulator faults: the simulator's own log says how many requests were sent.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createAIClient } from '../../src/client/index.js';
import { AbortedError } from '../../src/errors/aborted-error.js';
import { ProviderError } from '../../src/errors/provider-error.js';
import { QuotaExhaustedError } from '../../src/errors/quota-exhausted-error.js';
import type { RetryEvent } from '../../src/events.js';
import type { RetryOptions } from '../../src/middleware/retry.js';
import { elevenlabs } from '../../src/providers/elevenlabs/index.js';
import { gemini } from '../../src/providers/gemini/index.js';
import { openai } from '../../src/providers/openai/index.js';
import { nextPacificDayStart } from '../../src/time/pacific-day.js';
import type { UsageEvent } from '../../src/usage-event.js';
import { assertNoKey } from '../support/keys.js';
import { useSimulator } from '../support/use-simulator.js';

const messages = [{ role: 'user' as const, content: 'Hello, world!' }];
const keys = { openai: `sk-proj-${randomBytes(16).toString('hex')}`, gemini: `AIza${randomBytes(16).toString('hex')}`, elevenlabs: `sk_${randomBytes(24).toString('hex')}` };
const VOICE = '21m00Tcm4TlvDq8ikWAM';

describe('retry through the simulator', () => {
  const now = Date.parse('2026-03-10T18:00:00Z');
  const sim = useSimulator({ now: () => now, chunkIntervalMs: 5, quotas: { gemini: { models: { 'gemini-2.5-pro': { rpd: 1 } } }, elevenlabs: { characterLimit: 20, anchorDay: 3 } } });

  function client(retry: RetryOptions = {}) {
    const el = elevenlabs({ baseURL: sim.elevenlabsBaseUrl });
    const ai = createAIClient({
      providers: { openai: openai({ baseURL: sim.openaiBaseURL }), gemini: gemini({ baseURL: sim.geminiBaseUrl }), elevenlabs: el },
      keys: { byProvider: keys },
      retry: { baseDelayMs: 1, random: () => 0, ...retry },
      flushOnExit: false,
    });
    const retries: RetryEvent[] = [];
    const usage: UsageEvent[] = [];
    ai.on('retry', (e) => retries.push(e));
    ai.on('usage', (e) => usage.push(e));
    return { ai, el, retries, usage };
  }

  it('a 429 with retry-after is retried after exactly that delay, and each billed attempt is recorded once', async () => {
    const { ai, retries, usage } = client();
    sim.fault({ match: { provider: 'openai' }, times: 1, action: { status: 429, headers: { 'retry-after': '1' } } });
    const reply = await ai.chat({ model: 'openai:gpt-4o-mini', messages });
    await sim.settled();
    assert.deepEqual(sim.requests.map((r) => r.status), [429, 200]);
    assert.deepEqual(sim.requests.map((r) => r.retryCount), [0, 0], 'the SDK itself never retried');
    assert.deepEqual(retries.map((r) => [r.attempt, r.delayMs, r.reason]), [[1, 1000, 'rate_limited']]);
    assert.deepEqual(usage.map((u) => [u.attempt, u.status, u.httpStatus]), [[1, 'error', 429], [2, 'ok', 200]]);
    assert.equal(new Set(usage.map((u) => u.callId)).size, 1);
    assert.equal(usage[1]!.callId, reply.callId);
    assertNoKey(keys.openai, retries, usage);
    await ai.close();
  });

  it('an absurd retry-after is capped by maxRetryAfterMs', async () => {
    const { ai, retries } = client({ maxRetryAfterMs: 20 });
    sim.fault({ match: { provider: 'openai' }, times: 1, action: { status: 429, headers: { 'retry-after': '3600' } } });
    await ai.chat({ model: 'openai:gpt-4o-mini', messages });
    assert.deepEqual(retries.map((r) => r.delayMs), [20]);
    assert.equal(sim.requests.length, 2);
    await ai.close();
  });

  it('a 500 is retried up to the limit and no further: the log shows exactly retries + 1 attempts', async () => {
    const { ai, retries, usage } = client({ retries: 3 });
    sim.fault({ match: { provider: 'openai' }, action: { status: 500 } });
    const error = await ai.chat({ model: 'openai:gpt-4o-mini', messages }).catch((e: unknown) => e);
    await sim.settled();
    assert.ok(ProviderError.isInstance(error) && error.kind === 'server');
    assert.equal(sim.requests.length, 4);
    assert.deepEqual(retries.map((r) => r.attempt), [1, 2, 3]);
    assert.deepEqual(usage.map((u) => u.attempt), [1, 2, 3, 4]);
    assert.equal(new Set(usage.map((u) => u.id)).size, 4);
    assertNoKey(keys.openai, error, usage);
    await ai.close();
  });

  it('a Gemini per-day 429 is not retried and surfaces as QuotaExhaustedError resetting at midnight Pacific', async () => {
    const { ai, retries } = client();
    await ai.chat({ model: 'gemini:gemini-2.5-pro', messages });
    const error = await ai.chat({ model: 'gemini:gemini-2.5-pro', messages }).catch((e: unknown) => e);
    assert.ok(QuotaExhaustedError.isInstance(error), String(error));
    assert.equal(error.quota, 'per_day');
    assert.equal(error.resetAt?.getTime(), nextPacificDayStart(Date.now()));
    assert.deepEqual(sim.requests.map((r) => r.status), [200, 429]);
    assert.equal(retries.length, 0);
    assertNoKey(keys.gemini, error);
    await ai.close();
  });

  it('an exhausted per-day quota fails with the same error class whether retry is on (default) or off (`retry: false`)', async () => {
    const caught: unknown[] = [];
    for (const retry of [undefined, false] as const) {
      sim.reset();
      const ai = createAIClient({ providers: { gemini: gemini({ baseURL: sim.geminiBaseUrl }) }, keys: { byProvider: keys }, ...(retry === undefined ? {} : { retry }), flushOnExit: false });
      await ai.chat({ model: 'gemini:gemini-2.5-pro', messages });
      caught.push(await ai.chat({ model: 'gemini:gemini-2.5-pro', messages }).catch((e: unknown) => e));
      assert.deepEqual(sim.requests.map((r) => r.status), [200, 429], 'the quota was used up, and its refusal not retried');
      await ai.close();
    }
    const [on, off] = caught;
    assert.ok(QuotaExhaustedError.isInstance(on), `retry on: ${String(on)}`);
    assert.ok(QuotaExhaustedError.isInstance(off), `retry: false: ${String(off)}`);
    assert.deepEqual([off.quota, off.resetAt?.getTime(), off.status], [on.quota, on.resetAt?.getTime(), on.status]);
  });

  it('an ElevenLabs quota_exceeded is not retried and surfaces as QuotaExhaustedError with the cycle end as resetAt', async () => {
    const { ai, el, retries } = client();
    const subscription = await el.subscription({ key: keys.elevenlabs });
    const error = await ai.speak({ model: 'elevenlabs:eleven_multilingual_v2', voice: VOICE, text: 'x'.repeat(21) }).catch((e: unknown) => e);
    assert.ok(QuotaExhaustedError.isInstance(error), String(error));
    assert.deepEqual([error.providerCode, error.status, error.quota], ['quota_exceeded', 401, 'monthly_characters']);
    assert.equal(error.resetAt?.toISOString(), '2026-04-03T00:00:00.000Z');
    assert.equal(error.resetAt?.getTime(), subscription.resetAt?.getTime());
    assert.deepEqual(sim.requests.filter((r) => r.operation === 'speak').map((r) => r.status), [401]);
    assert.equal(retries.length, 0);
    assertNoKey(keys.elevenlabs, error);
    await ai.close();
  });

  it('a stream cut after its first chunk is not retried', async () => {
    const { ai, retries, usage } = client();
    sim.fault({ match: { provider: 'openai', operation: 'streamChat' }, times: 1, action: { cutAfterChunks: 4 } });
    const stream = ai.streamChat({ model: 'openai:gpt-4o-mini', messages });
    let chunks = 0;
    const error = await (async () => {
      for await (const _ of stream) chunks += 1;
    })().catch((e: unknown) => e);
    await sim.settled();
    assert.ok(chunks >= 1, 'the caller got a chunk before the cut');
    assert.ok(ProviderError.isInstance(error) && error.kind === 'network', `${String(error)} after ${chunks}`);
    assert.equal(sim.requests.length, 1);
    assert.equal(retries.length, 0);
    await ai.flush(); // a cut stream's usage follows its token count
    assert.deepEqual(usage.map((u) => u.status), ['error']);
    await ai.close();
  });

  it('a stream refused before its head (a streamChat-only 503) is retried, and a plain chat never meets that fault', async () => {
    const { ai, retries, usage } = client();
    sim.fault({ match: { provider: 'openai', operation: 'streamChat' }, times: 1, action: { status: 503 } });
    await ai.chat({ model: 'openai:gpt-4o-mini', messages });
    let text = '';
    const stream = ai.streamChat({ model: 'openai:gpt-4o-mini', messages });
    for await (const delta of stream) text += delta.text ?? '';
    assert.equal((await stream.final).output.text, text);
    await sim.settled();
    assert.deepEqual(sim.requests.map((r) => [r.operation, r.status]), [['chat', 200], ['streamChat', 503], ['streamChat', 200]]);
    assert.deepEqual(retries.map((r) => [r.attempt, r.reason]), [[1, 'server']]);
    assert.deepEqual(usage.map((u) => [u.operation, u.attempt, u.status]), [['chat', 1, 'ok'], ['streamChat', 1, 'error'], ['streamChat', 2, 'ok']]);
    await ai.close();
  });

  it('a Gemini stream whose first event is an error event is retried; one that errs after its first chunk is not', async () => {
    const { ai, retries, usage } = client();
    sim.fault({ match: { provider: 'gemini', operation: 'streamChat' }, times: 1, action: { errorAfterChunks: 0, error: { status: 503 } } });
    const clean = ai.streamChat({ model: 'gemini:gemini-2.0-flash', messages });
    for await (const _ of clean) void _;
    assert.equal((await clean.final).outcome, 'ok');
    sim.fault({ match: { provider: 'gemini', operation: 'streamChat' }, times: 1, action: { errorAfterChunks: 1, error: { status: 503 } } });
    let chunks = 0;
    const error = await (async () => {
      for await (const _ of ai.streamChat({ model: 'gemini:gemini-2.0-flash', messages })) chunks += 1;
    })().catch((e: unknown) => e);
    assert.ok(ProviderError.isInstance(error) && error.kind === 'server' && error.status === 503, String(error));
    assert.equal(chunks, 1);
    await sim.settled();
    assert.deepEqual(sim.requests.map((r) => r.fault), ['stream-error', undefined, 'stream-error']);
    assert.deepEqual(retries.map((r) => [r.attempt, r.reason]), [[1, 'server']]);
    await ai.flush(); // a cut stream's usage follows its token count
    assert.deepEqual(usage.map((u) => [u.attempt, u.status]), [[1, 'error'], [2, 'ok'], [1, 'error']]);
    await ai.close();
  });

  it('an abort during the backoff returns at once, with no further attempt', async () => {
    const { ai } = client();
    sim.fault({ match: { provider: 'openai' }, times: 1, action: { status: 503, headers: { 'retry-after': '60' } } });
    const controller = new AbortController();
    ai.on('retry', () => controller.abort(new Error('barge-in')));
    const error = await ai.chat({ model: 'openai:gpt-4o-mini', messages, signal: controller.signal }).catch((e: unknown) => e);
    assert.ok(AbortedError.isInstance(error), String(error));
    await sim.settled();
    assert.equal(sim.requests.length, 1);
    await ai.close();
  });
});
