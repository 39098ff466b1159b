// A call's result (and a stream's final) carries its cost: the cost on the usage event of the provider request
// that produced the result (the real OpenAI SDK against the simulator).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAIClient, type AIClient } from '../../src/client/index.js';
import type { AIClientOptions } from '../../src/client-options.js';
import type { ChatRequest } from '../../src/operations/chat.js';
import { openai } from '../../src/providers/openai/index.js';
import type { UsageEvent } from '../../src/usage-event.js';
import { fakeKey } from '../support/providers/openai.js';
import { useSimulator } from '../support/use-simulator.js';

const request: ChatRequest = { model: 'openai:gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hi' }] };

describe('AIResponse.cost', () => {
  const sim = useSimulator();
  const client = (options: Partial<AIClientOptions> = {}): { ai: AIClient; events: UsageEvent[] } => {
    const ai = createAIClient({ providers: { openai: openai({ baseURL: sim.openaiBaseURL }) }, keys: { byProvider: { openai: fakeKey() } }, flushOnExit: false, ...options });
    const events: UsageEvent[] = [];
    ai.on('usage', (event) => events.push(event));
    return { ai, events };
  };

  it('is the cost of the call\'s usage event, priced in USD', async () => {
    const { ai, events } = client({ pricing: { markup: { default: 10 } } });
    const reply = await ai.chat(request);
    await ai.close();
    assert.equal(events.length, 1);
    assert.ok(reply.cost?.usd !== undefined && reply.cost.usd > 0);
    assert.deepEqual(reply.cost, events[0]!.cost);
    assert.ok(reply.cost.markupUsd !== undefined && reply.cost.markupUsd > 0);
  });

  it('after a retry, is the cost of the attempt that answered', async () => {
    const { ai, events } = client({ retry: { baseDelayMs: 1 } });
    sim.fault({ match: { provider: 'openai' }, times: 1, action: { status: 503 } });
    const reply = await ai.embed({ model: 'openai:text-embedding-3-small', input: 'hello there' });
    await ai.close();
    assert.deepEqual(events.map((e) => [e.attempt, e.status]), [[1, 'error'], [2, 'ok']]);
    assert.ok(reply.cost?.usd !== undefined && reply.cost.usd > 0);
    assert.deepEqual(reply.cost, events[1]!.cost);
  });

  it("a stream's final carries the cost of its usage event, whole or cut by a break; absent with pricing: false", async () => {
    const { ai, events } = client();
    const whole = ai.streamChat(request);
    for await (const _ of whole);
    const end = await whole.final;
    const cut = ai.streamSpeak({ model: 'openai:gpt-4o-mini-tts', voice: 'alloy', text: 'x'.repeat(300) });
    for await (const _ of cut) break;
    const cutEnd = await cut.final;
    await ai.close();
    assert.deepEqual(events.map((e) => [e.operation, e.status]), [['streamChat', 'ok'], ['streamSpeak', 'aborted']]);
    assert.ok(end.cost?.usd !== undefined && end.cost.usd > 0);
    assert.deepEqual(end.cost, events[0]!.cost);
    assert.equal(cutEnd.outcome, 'aborted');
    assert.ok(cutEnd.cost?.usd !== undefined && cutEnd.cost.usd > 0);
    assert.deepEqual(cutEnd.cost, events[1]!.cost);
    const unpriced = client({ pricing: false });
    const stream = unpriced.ai.streamChat(request);
    for await (const _ of stream);
    assert.equal('cost' in (await stream.final), false);
    await unpriced.ai.close();
  });

  it('is absent with pricing: false, and when a middleware answers without a provider request', async () => {
    const unpriced = client({ pricing: false });
    assert.equal('cost' in (await unpriced.ai.chat(request)), false);
    await unpriced.ai.close();
    const cached = client();
    const first = await cached.ai.chat(request);
    cached.ai.use(() => Promise.resolve({ output: first.output, usage: { requests: 0 } }));
    assert.equal('cost' in (await cached.ai.chat(request)), false);
    await cached.ai.close();
  });
});
