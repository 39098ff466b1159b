// Recorded replies: a matching request is answered with the given body or event stream, as is.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import OpenAI from 'openai';
import { fakeKey } from '../support/providers/openai.js';
import { useSimulator } from '../support/use-simulator.js';

const messages = [{ role: 'user' as const, content: 'Hi' }];
const recorded = {
  id: 'chatcmpl-recorded',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o-audio-preview-2024-12-17',
  choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Recorded.' } }],
  usage: { prompt_tokens: 64, completion_tokens: 9, total_tokens: 73, prompt_tokens_details: { audio_tokens: 44, cached_tokens: 0 } },
};

describe('simulator recorded replies', () => {
  let client: OpenAI;
  const sim = useSimulator();
  beforeEach(() => {
    client = new OpenAI({ apiKey: fakeKey(), baseURL: sim.openaiBaseURL, maxRetries: 0 });
  });

  it('answers the matching request with the recorded body, once, and logs its usage', async () => {
    sim.replay({ match: { provider: 'openai', operation: 'chat' }, times: 1, reply: { body: recorded } });
    const first = await client.chat.completions.create({ model: 'gpt-4o-audio-preview', messages });
    const second = await client.chat.completions.create({ model: 'gpt-4o-audio-preview', messages });
    assert.deepEqual(first, recorded);
    assert.notEqual(second.id, recorded.id);
    assert.deepEqual(sim.requests[0]?.usage, recorded.usage);
  });

  it('leaves requests that do not match to the simulator, and a removed rule answers nothing', async () => {
    const remove = sim.replay({ match: { model: 'gpt-4o-audio-preview' }, reply: { body: recorded } });
    const other = await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
    assert.notEqual(other.id, recorded.id);
    remove();
    const after = await client.chat.completions.create({ model: 'gpt-4o-audio-preview', messages });
    assert.notEqual(after.id, recorded.id);
  });

  it('sends an event stream as data: events and a status other than 200', async () => {
    const chunk = { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: null }] };
    sim.replay({ match: { operation: 'streamChat' }, reply: { events: [chunk, '[DONE]'] } });
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true });
    const seen = [];
    for await (const part of stream) seen.push(part);
    assert.deepEqual(seen, [chunk]);
    sim.replay({ match: { operation: 'chat' }, reply: { status: 418, body: { error: { message: 'teapot' } } } });
    await assert.rejects(client.chat.completions.create({ model: 'gpt-4o-mini', messages }), { status: 418 });
  });
});
