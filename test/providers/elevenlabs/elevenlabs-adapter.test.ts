import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAIClient } from '../../../src/client/index.js';
import { AbortedError } from '../../../src/errors/aborted-error.js';
import { ConfigError } from '../../../src/errors/config-error.js';
import { ProviderError } from '../../../src/errors/provider-error.js';
import { keyFingerprint } from '../../../src/keys/fingerprint.js';
import { elevenlabs } from '../../../src/providers/elevenlabs/index.js';
import { memorySink } from '../../../src/sinks/memory-sink.js';
import { assertNoKey, expectedUsage, fakeKey, speechCall, userClient, VOICE } from '../../support/providers/elevenlabs.js';
import { ELEVENLABS_SDKS } from '../../support/sdk-generations.js';
import { useSimulator } from '../../support/use-simulator.js';

const TEXT = 'Hello there, world!';

for (const sdk of ELEVENLABS_SDKS) {
  describe(`elevenlabs adapter ↔ ${sdk} ↔ simulator`, () => {
    const sim = useSimulator({ chunkIntervalMs: 2, quotas: { elevenlabs: { anchorDay: 15 } } });

    for (const [model, credits] of [['eleven_flash_v2_5', 10], ['eleven_turbo_v2', 10], ['eleven_multilingual_v2', 19]] as const) {
      it(`speak on ${model}: the audio, characters reported, credits equal to character-cost`, async () => {
        const key = fakeKey();
        const result = await elevenlabs({ sdk, baseURL: sim.elevenlabsBaseUrl }).speak(speechCall(model, TEXT, key));
        assert.equal(sim.requests.length, 1);
        const logged = sim.requests[0]!;
        assert.deepEqual(result.usage, expectedUsage(logged.usage, TEXT.length, true, sdk));
        assert.equal(result.usage.credits?.value, credits);
        assert.equal(result.output.mediaType, 'audio/mpeg');
        assert.equal(result.output.audio.byteLength, Math.round((TEXT.length / 15) * 16_000));
        assert.deepEqual([...result.output.audio.subarray(0, 2)], [0xff, 0xfb]);
        assert.equal(result.status, 200);
        assert.equal(logged.path, `/v1/text-to-speech/${VOICE}?output_format=mp3_44100_128`);
        assert.deepEqual(logged.body, { text: TEXT, model_id: model });
        assert.equal(logged.keyFingerprint, keyFingerprint(key));
        assertNoKey(key, result.usage, result.output, sim.requests);
      });
    }

    it('streamSpeak: several chunks, bytes and usage once the stream ends', async () => {
      const result = await elevenlabs({ sdk, baseURL: sim.elevenlabsBaseUrl }).streamSpeak(speechCall('eleven_flash_v2_5', TEXT, fakeKey(), { format: 'pcm_16000' }));
      let bytes = 0;
      let chunks = 0;
      for await (const chunk of result.stream) {
        assert.ok(chunk instanceof Uint8Array);
        bytes += chunk.byteLength;
        chunks += 1;
      }
      const end = await result.final;
      assert.equal(end.outcome, 'ok');
      assert.ok(chunks >= 3, `expected several chunks, got ${chunks}`);
      assert.deepEqual(end.output, { bytes, mediaType: 'audio/pcm' });
      assert.equal(bytes, Math.round((TEXT.length / 15) * 32_000));
      assert.deepEqual(end.usage, expectedUsage(sim.requests[0]!.usage, TEXT.length, true, sdk));
      assert.equal(sim.requests.length, 1);
      assert.equal(sim.requests[0]!.path, `/v1/text-to-speech/${VOICE}/stream?output_format=pcm_16000`);
    });

    it('counts characters as code points, like the API', async () => {
      const text = 'héllo 👋';
      const result = await elevenlabs({ sdk, baseURL: sim.elevenlabsBaseUrl }).speak(speechCall('eleven_multilingual_v2', text, fakeKey()));
      assert.deepEqual(result.usage, expectedUsage(sim.requests[0]!.usage, 7, true, sdk));
    });

    it('passes providerOptions.elevenlabs into the body and query, the model ref deciding model_id', async () => {
      const providerOptions = { elevenlabs: { voice_settings: { stability: 0.5, similarity_boost: 0.7 }, enable_logging: false, model_id: 'ignored' } };
      await elevenlabs({ sdk, baseURL: sim.elevenlabsBaseUrl }).speak(speechCall('eleven_flash_v2_5', 'hi', fakeKey(), { providerOptions }));
      const logged = sim.requests[0]!;
      assert.deepEqual(logged.body, { voice_settings: { stability: 0.5, similarity_boost: 0.7 }, text: 'hi', model_id: 'eleven_flash_v2_5' });
      assert.match(logged.path, /enable_logging=false/);
    });

    it('creditsPerCharacter overrides the credit factor of a model', async () => {
      const adapter = elevenlabs({ sdk, baseURL: sim.elevenlabsBaseUrl, creditsPerCharacter: { eleven_flash_v2_5: 1 } });
      const result = await adapter.speak(speechCall('eleven_flash_v2_5', TEXT, fakeKey()));
      // With 1.59 the factor computes the credits; with 2.x the header is the figure.
      assert.deepEqual(result.usage.credits, sdk === 'elevenlabs' ? { value: 19, provenance: 'estimated' } : { value: 10, provenance: 'reported' });
    });

    it('subscription(): credits used this cycle (the sum of character-cost), limit and the next anchor day', async () => {
      const key = fakeKey();
      const adapter = elevenlabs({ sdk, baseURL: sim.elevenlabsBaseUrl });
      await adapter.speak(speechCall('eleven_flash_v2_5', TEXT, key));
      await adapter.speak(speechCall('eleven_multilingual_v2', TEXT, key));
      const subscription = await adapter.subscription({ key });
      assert.equal(subscription.used, 10 + 19);
      assert.equal(subscription.limit, 10_000_000);
      assert.equal(subscription.remaining, 10_000_000 - 29);
      assert.equal(subscription.tier, 'creator');
      assert.equal(subscription.status, 'active');
      const reset = subscription.resetAt!;
      assert.equal(reset.getUTCDate(), 15);
      assert.ok(reset.getTime() > Date.now() && reset.getTime() <= Date.now() + 31 * 86_400_000);
      assert.equal(sim.requests.at(-1)!.path, '/v1/user/subscription');
      assertNoKey(key, subscription);
      await assert.rejects(adapter.subscription(), (e: unknown) => ConfigError.isInstance(e));
    });

    it('a client the user built is used as is, and needs no key', async () => {
      const key = fakeKey();
      const client = await userClient(sdk, key, sim.elevenlabsBaseUrl);
      const adapter = elevenlabs({ client: client as never });
      assert.equal(await adapter.sdk(), sdk);
      assert.deepEqual(adapter.keyVariables, []);
      const result = await adapter.speak({ model: 'eleven_flash_v2_5', request: { model: 'elevenlabs:eleven_flash_v2_5', voice: VOICE, text: 'hi' }, key: undefined, signal: undefined });
      assert.equal(result.usage.credits?.value, 1);
      assert.equal(sim.requests[0]!.keyFingerprint, keyFingerprint(key));
      assert.equal((await adapter.subscription()).used, 1);
    });

    it('validates its options', () => {
      assert.deepEqual(elevenlabs().keyVariables, ['ELEVENLABS_API_KEY']);
      const bad: [unknown, string][] = [
        [{ baseURL: 'not a url' }, 'elevenlabs.baseURL'],
        [{ timeoutMs: 0 }, 'elevenlabs.timeoutMs'],
        [{ client: {} }, 'elevenlabs.client'],
        [{ creditsPerCharacter: { eleven_flash_v2_5: -1 } }, 'elevenlabs.creditsPerCharacter.eleven_flash_v2_5'],
        [{ apiKey: 'x' }, 'elevenlabs.apiKey'],
      ];
      for (const [options, field] of bad) {
        assert.throws(() => elevenlabs(options as never), (e: unknown) => ConfigError.isInstance(e) && e.field === field);
      }
    });

    it('fails before any request when no key was resolved', async () => {
      await assert.rejects(
        elevenlabs({ sdk, baseURL: sim.elevenlabsBaseUrl }).speak({ ...speechCall('eleven_flash_v2_5', 'hi', fakeKey()), key: undefined }),
        (e: unknown) => ConfigError.isInstance(e),
      );
      assert.equal(sim.requests.length, 0);
    });
  });

  describe(`elevenlabs adapter through createAIClient (${sdk})`, () => {
    const rejected = fakeKey();
    const sim = useSimulator({ chunkIntervalMs: 2, keys: { reject: [rejected] } });

    it('speak and streamSpeak: one usage event each, equal to what the simulator billed; the key appears nowhere', async () => {
      const key = fakeKey();
      const sink = memorySink();
      const ai = createAIClient({ providers: { elevenlabs: elevenlabs({ sdk, baseURL: sim.elevenlabsBaseUrl }) }, keys: { byProvider: { elevenlabs: key } }, sinks: [sink], env: {} });
      const events: unknown[] = [];
      ai.on('usage', (e) => events.push(e));
      try {
        const spoken = await ai.speak({ model: 'elevenlabs:eleven_flash_v2_5', voice: VOICE, text: TEXT, tags: { customer: 'acme' } });
        assert.deepEqual(spoken.usage, expectedUsage(sim.requests[0]!.usage, TEXT.length, true, sdk));
        let bytes = 0;
        const stream = ai.streamSpeak({ model: 'elevenlabs:eleven_multilingual_v2', voice: VOICE, text: TEXT });
        for await (const chunk of stream) bytes += chunk.byteLength;
        await ai.flush();
        assert.equal(sink.events.length, 2);
        const [first, second] = sink.events;
        assert.deepEqual(
          [first!.operation, first!.status, first!.httpStatus, first!.keyFingerprint, first!.tags['customer']],
          ['speak', 'ok', 200, keyFingerprint(key), 'acme'],
        );
        assert.deepEqual(first!.usage, expectedUsage(sim.requests[0]!.usage, TEXT.length, true, sdk));
        assert.deepEqual([second!.operation, second!.status, second!.model], ['streamSpeak', 'ok', 'eleven_multilingual_v2']);
        assert.deepEqual(second!.usage, expectedUsage(sim.requests[1]!.usage, TEXT.length, true, sdk));
        assert.equal(bytes, Math.round((TEXT.length / 15) * 16_000));
        assert.equal(sim.requests.length, 2);
        assertNoKey(key, sink.events, events, spoken.usage);
      } finally {
        await ai.close();
      }
    });

    it('a refused key: a ProviderError and one error usage event, neither holding the key', async () => {
      const sink = memorySink();
      const ai = createAIClient({ providers: { elevenlabs: elevenlabs({ sdk, baseURL: sim.elevenlabsBaseUrl }) }, keys: { byProvider: { elevenlabs: rejected } }, sinks: [sink], env: {} });
      const errors: unknown[] = [];
      ai.on('error', (e) => errors.push(e));
      try {
        const error = await ai.speak({ model: 'elevenlabs:eleven_flash_v2_5', voice: VOICE, text: TEXT }).catch((e: unknown) => e);
        assert.ok(ProviderError.isInstance(error));
        assert.deepEqual([error.kind, error.providerCode, error.status], ['auth', 'invalid_api_key', 401]);
        await ai.flush();
        assert.equal(sink.events.length, 1);
        assert.deepEqual([sink.events[0]!.status, sink.events[0]!.httpStatus, sink.events[0]!.errorKind], ['error', 401, 'auth']);
        assert.equal(errors.length, 1);
        assertNoKey(rejected, error, errors, sink.events, sim.requests);
      } finally {
        await ai.close();
      }
    });

    it('a consumer break mid-stream: one aborted usage event, estimated, and the simulator sees the connection closed', async () => {
      const key = fakeKey();
      const sink = memorySink();
      const ai = createAIClient({ providers: { elevenlabs: elevenlabs({ sdk, baseURL: sim.elevenlabsBaseUrl }) }, keys: { byProvider: { elevenlabs: key } }, sinks: [sink], env: {} });
      try {
        const text = 'A long reply that the caller interrupts. '.repeat(20);
        for await (const chunk of ai.streamSpeak({ model: 'elevenlabs:eleven_flash_v2_5', voice: VOICE, text })) {
          assert.ok(chunk.byteLength > 0);
          break;
        }
        await ai.flush();
        await sim.settled();
        assert.equal(sink.events.length, 1);
        assert.equal(sink.events[0]!.status, 'aborted');
        assert.deepEqual(sink.events[0]!.usage, expectedUsage(sim.requests[0]!.usage, text.length, false, sdk));
        assert.equal(sim.requests[0]!.clientClosedEarly, true);
        assertNoKey(key, sink.events);
      } finally {
        await ai.close();
      }
    });
  });

  describe(`elevenlabs adapter: interrupted streams (${sdk})`, () => {
    const text = 'The agent speaks for a while before the caller barges in. '.repeat(10);
    const sim = useSimulator({ chunkIntervalMs: 20 });

    it('break: usage of the whole text billed on request, marked estimated; the connection is closed', async () => {
      const result = await elevenlabs({ sdk, baseURL: sim.elevenlabsBaseUrl }).streamSpeak(speechCall('eleven_flash_v2_5', text, fakeKey()));
      let received = 0;
      for await (const chunk of result.stream) {
        assert.ok(chunk.byteLength > 0);
        if (++received === 2) break;
      }
      const end = await result.final;
      assert.equal(end.outcome, 'aborted');
      assert.equal(end.chunks, 2);
      assert.deepEqual(end.usage, expectedUsage(sim.requests[0]!.usage, text.length, false, sdk));
      assert.ok(end.output.bytes > 0);
      await sim.settled();
      assert.equal(sim.requests[0]!.clientClosedEarly, true);
      assert.ok(sim.requests[0]!.chunksSent < Math.ceil((text.length / 15) * 16_000 / 4096));
    });

    it('AbortSignal mid-stream: AbortedError, estimated usage, the connection closed', async () => {
      const controller = new AbortController();
      const result = await elevenlabs({ sdk, baseURL: sim.elevenlabsBaseUrl }).streamSpeak(speechCall('eleven_flash_v2_5', text, fakeKey(), {}, controller.signal));
      let received = 0;
      await assert.rejects(
        (async () => {
          for await (const chunk of result.stream) {
            assert.ok(chunk.byteLength > 0);
            if (++received === 2) controller.abort();
          }
        })(),
        (e: unknown) => AbortedError.isInstance(e),
      );
      const end = await result.final;
      assert.equal(end.outcome, 'aborted');
      assert.deepEqual(end.usage, expectedUsage(sim.requests[0]!.usage, text.length, false, sdk));
      await sim.settled();
      assert.equal(sim.requests[0]!.clientClosedEarly, true);
    });
  });
}
