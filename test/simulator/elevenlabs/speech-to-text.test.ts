import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { silentWav } from '../../../src/audio/silent-wav.js';
import type { Simulator } from '../../../src/simulator/types.js';
import { useSimulator } from '../../support/use-simulator.js';

const fakeKey = (): string => `sk_${randomBytes(24).toString('hex')}`;

async function stt(sim: Simulator, key: string, fields: Record<string, string>, audio?: Uint8Array): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (audio) form.append('file', new Blob([audio], { type: 'audio/wav' }), 'turn.wav');
  return fetch(`${sim.url}/v1/speech-to-text`, { method: 'POST', headers: { 'xi-api-key': key }, body: form });
}

describe('simulator: ElevenLabs speech-to-text (Scribe) wire format', () => {
  const sim = useSimulator({ quotas: { elevenlabs: { concurrency: 2 } } });

  it('answers the documented transcript with audio_duration_secs (the WAV length) and a request-id', async () => {
    const response = await stt(sim, fakeKey(), { model_id: 'scribe_v2', language_code: 'fr' }, silentWav(2, 16_000));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('request-id') ?? '', /^[A-Za-z0-9]{20}$/);
    assert.equal(response.headers.get('maximum-concurrent-requests'), '2');
    const body = (await response.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['audio_duration_secs', 'language_code', 'language_probability', 'text', 'transcription_id', 'words']);
    assert.equal(body['audio_duration_secs'], 2);
    assert.equal(body['language_code'], 'fr');
    const words = body['words'] as { text: string; type: string; start: number; end: number }[];
    assert.equal(words.filter((w) => w.type === 'word').length, 5);
    assert.ok(words.every((w) => w.start <= w.end && w.end <= 2));
    assert.deepEqual(sim.requests[0]!.usage, { audio_duration_secs: 2 });
    assert.equal(sim.requests[0]!.operation, 'transcribe');
  });

  it('422 in FastAPI shape for a missing file or model, or a model that is not Scribe', async () => {
    const key = fakeKey();
    const missing = await stt(sim, key, {});
    assert.equal(missing.status, 422);
    const issues = ((await missing.json()) as { detail: { loc: string[] }[] }).detail.map((d) => d.loc.join('.'));
    assert.deepEqual(issues, ['body.model_id', 'body.file']);
    const wrong = await stt(sim, key, { model_id: 'whisper-1' }, silentWav(1, 16_000));
    assert.equal(wrong.status, 422);
  });
});
