// The openai adapter behind createAIClient: usage events and sink records equal what the simulator reported.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createAIClient } from '../../../src/client/index.js';
import { ProviderError } from '../../../src/errors/provider-error.js';
import { keyFingerprint } from '../../../src/keys/fingerprint.js';
import { openai } from '../../../src/providers/openai/index.js';
import { memorySink } from '../../../src/sinks/memory-sink.js';
import type { UsageEvent } from '../../../src/usage-event.js';
import { referenceTokens, warmTokenizer } from '../../support/reference-tokens.js';
import { assertNoKey, expectedChatUsage, fakeKey } from '../../support/providers/openai.js';
import { useSimulator } from '../../support/use-simulator.js';

const messages = [{ role: 'user' as const, content: 'Hello, world!' }];

describe('openai through createAIClient + memorySink', () => {
  const rejected = fakeKey();
  const sim = useSimulator({ chunkIntervalMs: 10, keys: { reject: [rejected] } });
  before(async () => {
    await warmTokenizer('o200k_base');
  });

  function client(key: string) {
    const sink = memorySink();
    const ai = createAIClient({ providers: { openai: openai({ baseURL: sim.openaiBaseURL }) }, keys: { byProvider: { openai: key } }, sinks: [sink], flushOnExit: false });
    const events: UsageEvent[] = [];
    ai.on('usage', (e) => events.push(e));
    return { ai, sink, events };
  }

  it('chat and streamChat: one usage event per request, usage equal to the simulator log, tags kept, no key anywhere', async () => {
    const key = fakeKey();
    const { ai, sink, events } = client(key);
    try {
      const reply = await ai.chat({ model: 'openai:gpt-5-mini', messages, tags: { customer: 'acme' } });
      let streamed = '';
      for await (const delta of ai.streamChat({ model: 'openai:gpt-4o-mini', messages, tags: { customer: 'acme' } })) streamed += delta.text ?? '';
      await ai.flush();
      assert.equal(sim.requests.length, 2);
      assert.deepEqual(reply.usage, expectedChatUsage(sim.requests[0]!.usage));
      assert.equal(sink.events.length, 2);
      const [chat, stream] = sink.events;
      assert.deepEqual(chat!.usage, expectedChatUsage(sim.requests[0]!.usage));
      assert.deepEqual(stream!.usage, expectedChatUsage(sim.requests[1]!.usage));
      assert.equal(streamed.length > 0, true);
      assert.deepEqual([chat!.operation, stream!.operation], ['chat', 'streamChat']);
      assert.deepEqual([chat!.status, stream!.status], ['ok', 'ok']);
      assert.equal(chat!.requestId, reply.requestId);
      assert.equal(chat!.keyFingerprint, keyFingerprint(key));
      assert.equal(chat!.tags.customer, 'acme');
      assert.deepEqual(events.map((e) => e.id), sink.events.map((e) => e.id));
      assertNoKey(key, sink.events, events, reply);
    } finally {
      await ai.close();
    }
  });

  it('a streamChat cut short by the consumer is recorded as aborted with estimated usage', async () => {
    const { ai, sink } = client(fakeKey());
    try {
      let seen = 0;
      let text = '';
      for await (const delta of ai.streamChat({ model: 'openai:gpt-4o-mini', messages })) {
        text += delta.text ?? '';
        if (++seen === 2) break;
      }
      await ai.flush();
      await sim.settled();
      const [event] = sink.events;
      assert.equal(event!.status, 'aborted');
      assert.deepEqual(event!.usage, { requests: 1, inputTokens: { value: 3 + 3 + 1 + 4, provenance: 'estimated' }, outputTokens: { value: referenceTokens(text), provenance: 'estimated' }, serviceTier: 'default' });
      assert.equal(sim.requests[0]!.clientClosedEarly, true);
    } finally {
      await ai.close();
    }
  });

  it('a rejected key: the ProviderError and the error record hold the fingerprint, never the key', async () => {
    const { ai, sink, events } = client(rejected);
    try {
      const error = await ai.chat({ model: 'openai:gpt-4o-mini', messages }).catch((e: unknown) => e);
      assert.ok(ProviderError.isInstance(error));
      assert.equal(error.kind, 'auth');
      await ai.flush();
      assert.equal(sink.events.length, 1);
      assert.equal(sink.events[0]!.status, 'error');
      assert.equal(sink.events[0]!.errorKind, 'auth');
      assert.equal(sink.events[0]!.httpStatus, 401);
      assert.equal(sim.requests.length, 1);
      assertNoKey(rejected, error, sink.events, events);
    } finally {
      await ai.close();
    }
  });
});
