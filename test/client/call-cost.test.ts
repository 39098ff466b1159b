// A non-streaming call's result carries its cost: the cost on the usage event of the provider request that
// produced the result (the real OpenAI SDK against the simulator).
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
