import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AdapterCall } from '../../../src/adapter.js';
import { silentWav } from '../../../src/audio/silent-wav.js';
import { createAIClient } from '../../../src/client/index.js';
import { ProviderError } from '../../../src/errors/provider-error.js';
import { elevenlabs } from '../../../src/providers/elevenlabs/index.js';
import { memorySink } from '../../../src/sinks/memory-sink.js';
import { estimated, reported } from '../../../src/usage.js';
import { resolved } from '../../support/keys.js';
import { assertNoKey, fakeKey } from '../../support/providers/elevenlabs.js';
import { ELEVENLABS_SDKS } from '../../support/sdk-generations.js';
import { useSimulator } from '../../support/use-simulator.js';

function transcribeCall(model: string, audio: Uint8Array | Blob, key: string, extra: Record<string, unknown> = {}): AdapterCall<'transcribe'> {
  return { model, request: { model: `elevenlabs:${model}`, audio, fileName: 'turn.wav', ...extra }, key: resolved(key), signal: undefined };
}

for (const sdk of ELEVENLABS_SDKS) {
  describe(`elevenlabs transcribe (Scribe) ↔ ${sdk} ↔ simulator`, () => {
    const sim = useSimulator({ quotas: { elevenlabs: { concurrency: 3 } } });

    for (const model of ['scribe_v1', 'scribe_v2']) {
      it(`${model}: the transcript, audioSeconds reported from audio_duration_secs`, async () => {
        const key = fakeKey();
        const audio = silentWav(3.5, 16_000);
        const result = await elevenlabs({ sdk, baseURL: sim.elevenlabsBaseUrl }).transcribe(transcribeCall(model, audio, key, { language: 'de' }));
        const logged = sim.requests[0]!;
        assert.equal(logged.path, '/v1/speech-to-text');
        assert.equal(logged.operation, 'transcribe');
        assert.equal(logged.model, model);
        const form = logged.body as { fields: Record<string, string>; files: { field: string; name: string; bytes: number }[] };
        assert.deepEqual([form.fields['model_id'], form.fields['language_code']], [model, 'de']);
        assert.deepEqual(form.files.map((f) => [f.field, f.name, f.bytes]), [['file', 'turn.wav', audio.byteLength]]);
        assert.deepEqual(logged.usage, { audio_duration_secs: 3.5 });
        assert.deepEqual(result.usage, { requests: 1, audioSeconds: reported(3.5) });
        assert.equal(result.output.durationSeconds, 3.5);
        assert.equal(result.output.language, 'de');
        assert.match(result.output.text, /^\w.*\.$/);
        assert.equal(result.status, 200);
        if (sdk === 'elevenlabs') {
          assert.equal(result.requestId, undefined);
        } else {
          assert.match(result.requestId ?? '', /^\w{20}$/);
          assert.deepEqual(result.headers, { 'request-id': result.requestId, 'current-concurrent-requests': '1', 'maximum-concurrent-requests': '3' });
        }
        assertNoKey(key, result);
      });
    }

    it('providerOptions.elevenlabs in the API names (or camelCase) reach the form', async () => {
      const adapter = elevenlabs({ sdk, baseURL: sim.elevenlabsBaseUrl });
      await adapter.transcribe(transcribeCall('scribe_v1', silentWav(1, 16_000), fakeKey(), { providerOptions: { elevenlabs: { tag_audio_events: false, numSpeakers: 2 } } }));
      const form = sim.requests[0]!.body as { fields: Record<string, string> };
      assert.deepEqual([form.fields['tag_audio_events'], form.fields['num_speakers']], ['false', '2']);
    });

    it('an unknown model → 422 invalid_request; the key appears nowhere', async () => {
      const key = fakeKey();
      const error = await elevenlabs({ sdk, baseURL: sim.elevenlabsBaseUrl }).transcribe(transcribeCall('whisper-1', silentWav(1, 16_000), key)).catch((e: unknown) => e);
      assert.ok(ProviderError.isInstance(error));
      assert.deepEqual([error.kind, error.status, error.providerCode], ['invalid_request', 422, 'literal_error']);
      assertNoKey(key, error);
    });

    it('through createAIClient: one usage event, priced at the plan\'s Scribe rate per hour', async () => {
      const key = fakeKey();
      const sink = memorySink();
      const ai = createAIClient({ providers: { elevenlabs: elevenlabs({ sdk, baseURL: sim.elevenlabsBaseUrl }) }, keys: { byProvider: { elevenlabs: key } }, sinks: [sink], env: {} });
      try {
        const { usage } = await ai.transcribe({ model: 'elevenlabs:scribe_v1', audio: silentWav(36, 8_000) });
        assert.deepEqual(usage, { requests: 1, audioSeconds: reported(36) });
        await ai.flush();
        assert.equal(sink.events.length, 1);
        const cost = sink.events[0]!.cost;
        // Creator: $0.35 an hour of audio, so 36 s = 1/100 h.
        assert.ok(cost && Math.abs(cost.usd! - 0.0035) < 1e-12, JSON.stringify(cost));
        assertNoKey(key, sink.events);
      } finally {
        await ai.close();
      }
    });
  });
}

describe('elevenlabs transcribe usage without a duration in the reply', () => {
  it('audioSeconds estimated from the audio, whole seconds', async () => {
    const { transcriptionUsage } = await import('../../../src/providers/elevenlabs/transcription-usage.js');
    assert.deepEqual(transcriptionUsage(undefined, silentWav(2.2, 16_000)), { requests: 1, audioSeconds: estimated(3) });
    assert.deepEqual(transcriptionUsage(1.25, silentWav(2.2, 16_000)), { requests: 1, audioSeconds: reported(1.25) });
  });
});
