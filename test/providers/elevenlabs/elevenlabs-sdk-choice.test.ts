import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../src/errors/config-error.js';
import { elevenlabs } from '../../../src/providers/elevenlabs/index.js';
import { replyFacts } from '../../../src/providers/elevenlabs/reply-headers.js';
import { fakeKey, speechCall } from '../../support/providers/elevenlabs.js';
import { ELEVENLABS_SDKS, ONLY_CURRENT_SDKS } from '../../support/sdk-generations.js';
import { useSimulator } from '../../support/use-simulator.js';

describe('elevenlabs(): which SDK', () => {
  it('the successor by default; a bad sdk or a client of neither SDK is a ConfigError', async () => {
    assert.equal(await elevenlabs().sdk(), '@elevenlabs/elevenlabs-js');
    assert.equal(await elevenlabs({ sdk: '@elevenlabs/elevenlabs-js' }).sdk(), '@elevenlabs/elevenlabs-js');
    if (!ONLY_CURRENT_SDKS) assert.equal(await elevenlabs({ sdk: 'elevenlabs' }).sdk(), 'elevenlabs');
    const bad: [unknown, string][] = [
      [{ sdk: 'elevenlabs-js' }, 'elevenlabs.sdk'],
      [{ client: { textToSpeech: { convert() {} } } }, 'elevenlabs.client'],
      [{ client: null }, 'elevenlabs.client'],
    ];
    for (const [options, field] of bad) {
      assert.throws(() => elevenlabs(options as never), (e: unknown) => ConfigError.isInstance(e) && e.field === field);
    }
  });

  it('reply headers: character-cost, else x-character-count; request-id; the concurrency pair kept', () => {
    const facts = replyFacts(new Headers({ 'x-character-count': '12', 'request-id': 'abc', 'current-concurrent-requests': '2', 'maximum-concurrent-requests': '5', server: 'uvicorn' }));
    assert.deepEqual(facts, {
      credits: 12,
      requestId: 'abc',
      headers: { 'x-character-count': '12', 'request-id': 'abc', 'current-concurrent-requests': '2', 'maximum-concurrent-requests': '5' },
    });
    assert.equal(replyFacts(new Headers({ 'character-cost': '7', 'x-character-count': '12' })).credits, 7);
    assert.equal(replyFacts(new Headers({ 'character-cost': 'many' })).credits, undefined);
    assert.deepEqual(replyFacts(undefined), { credits: undefined, requestId: undefined, headers: undefined });
  });
});

if (!ONLY_CURRENT_SDKS) {
  describe('elevenlabs 1.59: why credits are estimated', () => {
    const sim = useSimulator({ chunkIntervalMs: 2 });

    it('a process warning says so, once', async () => {
      const warnings: Error[] = [];
      const listen = (warning: Error): void => void warnings.push(warning);
      process.on('warning', listen);
      try {
        const adapter = elevenlabs({ sdk: 'elevenlabs', baseURL: sim.elevenlabsBaseUrl });
        await adapter.speak(speechCall('eleven_flash_v2_5', 'hi', fakeKey()));
        await adapter.speak(speechCall('eleven_flash_v2_5', 'hi', fakeKey()));
        await new Promise((resolve) => setImmediate(resolve));
      } finally {
        process.off('warning', listen);
      }
      const ours = warnings.filter((w) => (w as { code?: string }).code === 'AIMETER_ELEVENLABS_CREDITS_ESTIMATED');
      // The first speech through 1.59 in this process (this test runs before any other here).
      assert.equal(ours.length, 1);
      assert.match(ours[0]!.message, /elevenlabs 1\.59 SDK hides the character-cost header/);
    });
  });
}

describe('@elevenlabs/elevenlabs-js 2.x: what .withRawResponse() gives', () => {
  const sim = useSimulator({ chunkIntervalMs: 2, quotas: { elevenlabs: { concurrency: 4 } } });

  it('speak and streamSpeak: requestId from request-id, the concurrency pair and character-cost in headers', async () => {
    const adapter = elevenlabs({ sdk: '@elevenlabs/elevenlabs-js', baseURL: sim.elevenlabsBaseUrl });
    const spoken = await adapter.speak(speechCall('eleven_multilingual_v2', 'Hello there', fakeKey()));
    const streamed = await adapter.streamSpeak(speechCall('eleven_flash_v2_5', 'Hello there', fakeKey()));
    for await (const _ of streamed.stream) void _;
    const end = await streamed.final;
    for (const [result, credits] of [[spoken, '11'], [streamed, '6']] as const) {
      assert.match(result.requestId ?? '', /^\w{20}$/);
      assert.deepEqual(result.headers, {
        'character-cost': credits,
        'request-id': result.requestId,
        'history-item-id': result.headers?.['history-item-id'],
        'current-concurrent-requests': '1',
        'maximum-concurrent-requests': '4',
      });
    }
    assert.deepEqual(end.usage.credits, { value: 6, provenance: 'reported' });
  });
});

for (const sdk of ELEVENLABS_SDKS) {
  describe(`providerOptions.elevenlabs with ${sdk}`, () => {
    const sim = useSimulator({ chunkIntervalMs: 2 });

    it('camelCase keys are sent in the API names; query fields go to the query; text and model_id are ours', async () => {
      const providerOptions = { elevenlabs: { voiceSettings: { stability: 0.5, similarityBoost: 0.7 }, seed: 7, enableLogging: false, model_id: 'ignored' } };
      await elevenlabs({ sdk, baseURL: sim.elevenlabsBaseUrl }).speak(speechCall('eleven_flash_v2_5', 'hi', fakeKey(), { providerOptions }));
      const logged = sim.requests[0]!;
      assert.deepEqual(logged.body, { voice_settings: { stability: 0.5, similarity_boost: 0.7 }, seed: 7, text: 'hi', model_id: 'eleven_flash_v2_5' });
      assert.match(logged.path, /enable_logging=false/);
      assert.match(logged.path, /output_format=mp3_44100_128/);
    });
  });
}
