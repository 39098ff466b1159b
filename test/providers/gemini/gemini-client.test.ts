import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createAIClient } from '../../../src/client/index.js';
import { ProviderError } from '../../../src/errors/provider-error.js';
import { keyFingerprint } from '../../../src/keys/fingerprint.js';
import { gemini } from '../../../src/providers/gemini/index.js';
import { memorySink } from '../../../src/sinks/memory-sink.js';
import type { UsageEvent } from '../../../src/usage-event.js';
import { referenceTokens, warmTokenizer } from '../../support/reference-tokens.js';
import { assertNoKey, expectedUsage, fakeKey } from '../../support/providers/gemini.js';
import { GEMINI_SDKS } from '../../support/sdk-generations.js';
import { useSimulator } from '../../support/use-simulator.js';

const messages = [{ role: 'user' as const, content: 'Hello, world!' }];

for (const sdk of GEMINI_SDKS) {
  describe(`gemini through createAIClient and memorySink (${sdk})`, () => {
    const rejected = fakeKey();
    const sim = useSimulator({ keys: { reject: [rejected] }, chunkIntervalMs: 5 });
    before(async () => {
      await warmTokenizer('o200k_base');
    });

    const client = (key: string) => {
      const sink = memorySink();
      const ai = createAIClient({ providers: { gemini: gemini({ sdk, baseURL: sim.geminiBaseUrl }) }, keys: { byProvider: { gemini: key } }, sinks: [sink], flushOnExit: false });
      const events: unknown[] = [];
      for (const name of ['usage', 'request', 'response', 'error', 'warning'] as const) ai.on(name, (e: unknown) => events.push(e));
      return { ai, sink, events };
    };

    it('chat and streamChat: one usage event per request, equal to the simulator usage, tagged, keyed by fingerprint only', async () => {
      const key = fakeKey();
      const { ai, sink, events } = client(key);
      try {
        const reply = await ai.chat({ model: 'gemini:gemini-2.5-flash', messages, tags: { customer: 'acme' } });
        let text = '';
        const stream = ai.streamChat({ model: 'gemini:gemini-2.5-flash', messages, tags: { customer: 'acme' } });
        for await (const delta of stream) text += delta.text ?? '';
        const end = await stream.final;
        await ai.flush();
        assert.equal(end.output.text, text);
        assert.equal(sink.events.length, 2);
        const [chatEvent, streamEvent] = sink.events as [UsageEvent, UsageEvent];
        assert.deepEqual(chatEvent.usage, expectedUsage(sim.requests[0]!.usage));
        assert.deepEqual(reply.usage, chatEvent.usage);
        assert.deepEqual(streamEvent.usage, expectedUsage(sim.requests[1]!.usage));
        for (const event of sink.events) {
          assert.equal(event.provider, 'gemini');
          assert.equal(event.status, 'ok');
          assert.equal(event.keyFingerprint, keyFingerprint(key));
          assert.equal(event.tags.customer, 'acme');
        }
        assert.deepEqual([chatEvent.operation, streamEvent.operation], ['chat', 'streamChat']);
        assertNoKey(key, sink.events, events, reply);
      } finally {
        await ai.close();
      }
    });

    it('a stream the consumer leaves early is metered as aborted with estimated usage', async () => {
      const key = fakeKey();
      const { ai, sink } = client(key);
      try {
        const stream = ai.streamChat({ model: 'gemini:gemini-2.0-flash', messages });
        let text = '';
        for await (const delta of stream) {
          text += delta.text ?? '';
          if (delta.text) break;
        }
        await stream.final;
        await ai.flush();
        const event = sink.events[0]!;
        assert.equal(event.status, 'aborted');
        assert.deepEqual(event.usage.outputTokens, { value: referenceTokens(text), provenance: 'estimated' });
        await sim.settled();
        assert.equal(sim.requests[0]!.clientClosedEarly, true);
        assertNoKey(key, sink.events);
      } finally {
        await ai.close();
      }
    });

    it('a bad key fails with an auth ProviderError and an error usage event, neither holding the key', async () => {
      const { ai, sink, events } = client(rejected);
      try {
        const error = await ai.chat({ model: 'gemini:gemini-2.0-flash', messages }).then(
          () => assert.fail('the call succeeded'),
          (e: unknown) => e,
        );
        assert.ok(ProviderError.isInstance(error));
        assert.deepEqual([error.kind, error.status, error.providerCode], ['auth', 400, 'API_KEY_INVALID']);
        let streamError: unknown;
        try {
          for await (const _ of ai.streamChat({ model: 'gemini:gemini-2.0-flash', messages })) assert.fail('no chunk expected');
        } catch (e) {
          streamError = e;
        }
        assert.ok(ProviderError.isInstance(streamError) && streamError.kind === 'auth');
        await ai.flush();
        assert.deepEqual(sink.events.map((e) => [e.status, e.httpStatus, e.errorKind]), [['error', 400, 'auth'], ['error', 400, 'auth']]);
        assert.equal(sim.requests.length, 2);
        assertNoKey(rejected, error, streamError, sink.events, events);
      } finally {
        await ai.close();
      }
    });
  });
}
