// The simulator's server: fault matching against the operation a request really is, and pauses that scale.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import OpenAI from 'openai';
import { startSimulator } from '../../src/simulator/index.js';
import { fakeKey } from '../support/providers/openai.js';
import { useSimulator } from '../support/use-simulator.js';

const messages = [{ role: 'user' as const, content: 'Hi' }];

describe('simulator fault rules match the refined OpenAI operation', () => {
  let client: OpenAI;
  const sim = useSimulator();
  beforeEach(() => {
    client = new OpenAI({ apiKey: fakeKey(), baseURL: sim.openaiBaseURL, maxRetries: 0 });
  });

  it('a streamChat-only fault fires on a streamed chat and never on a plain one', async () => {
    sim.fault({ match: { provider: 'openai', operation: 'streamChat' }, action: { status: 503 } });
    const plain = await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
    assert.equal(plain.object, 'chat.completion');
    await assert.rejects(client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true }), { status: 503 });
    assert.deepEqual(sim.requests.map((r) => [r.operation, r.status, r.fault]), [['chat', 200, undefined], ['streamChat', 503, 'status']]);
  });

  it('a chat-only fault leaves streamed chats alone', async () => {
    sim.fault({ match: { provider: 'openai', operation: 'chat' }, action: { status: 500 } });
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true });
    let chunks = 0;
    for await (const _ of stream) chunks += 1;
    assert.ok(chunks > 1);
    await assert.rejects(client.chat.completions.create({ model: 'gpt-4o-mini', messages }), { status: 500 });
    assert.deepEqual(sim.requests.map((r) => [r.operation, r.status]), [['streamChat', 200], ['chat', 500]]);
  });

  it('a streamSpeak-only fault fires on SSE speech and never on binary speech', async () => {
    sim.fault({ match: { provider: 'openai', operation: 'streamSpeak' }, action: { status: 503 } });
    const binary = await client.audio.speech.create({ model: 'gpt-4o-mini-tts', voice: 'alloy', input: 'Hello there' });
    assert.ok((await binary.arrayBuffer()).byteLength > 0);
    await assert.rejects(client.audio.speech.create({ model: 'gpt-4o-mini-tts', voice: 'alloy', input: 'Hello there', stream_format: 'sse' }), { status: 503 });
    assert.deepEqual(sim.requests.map((r) => [r.operation, r.status, r.fault]), [['speak', 200, undefined], ['streamSpeak', 503, 'status']]);
  });

  it('a speak-only fault leaves SSE speech alone', async () => {
    sim.fault({ match: { provider: 'openai', operation: 'speak' }, action: { status: 500 } });
    const sse = await client.audio.speech.create({ model: 'gpt-4o-mini-tts', voice: 'alloy', input: 'Hello there', stream_format: 'sse' });
    assert.match(await sse.text(), /speech\.audio\.done/);
    await assert.rejects(client.audio.speech.create({ model: 'gpt-4o-mini-tts', voice: 'alloy', input: 'Hello there' }), { status: 500 });
    assert.deepEqual(sim.requests.map((r) => [r.operation, r.status]), [['streamSpeak', 200], ['speak', 500]]);
  });
});

describe('simulator pauses', () => {
  it('20 exchanges paused at once raise no MaxListenersExceededWarning, and close() ends every pause', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on('warning', onWarning);
    const sim = await startSimulator();
    try {
      sim.fault({ match: { provider: 'openai' }, action: { delayMs: 3_600_000 } });
      const client = new OpenAI({ apiKey: fakeKey(), baseURL: sim.openaiBaseURL, maxRetries: 0 });
      const calls = Array.from({ length: 20 }, () => client.embeddings.create({ model: 'text-embedding-3-small', input: 'x' }).then(() => 'answered', () => 'failed'));
      // Every one of the 20 is inside its pause once the fault is recorded on its log entry.
      while (sim.requests.filter((r) => r.fault === 'delay').length < 20) await new Promise((resolve) => setTimeout(resolve, 5));
      await sim.close();
      assert.deepEqual(new Set(await Promise.all(calls)), new Set(['failed']), 'close() ended the hour-long pauses');
      // Warnings are emitted on a later tick.
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(warnings.map((w) => `${w.name}: ${w.message}`), []);
    } finally {
      process.off('warning', onWarning);
      await sim.close();
    }
  });
});
