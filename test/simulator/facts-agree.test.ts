import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { audioSeconds } from '../../src/audio/audio-seconds.js';
import { silentWav } from '../../src/audio/silent-wav.js';
import * as library from '../../src/pricing/elevenlabs-credits.js';
import { DEFAULT_OUTPUT_FORMAT, mediaTypeOf } from '../../src/providers/elevenlabs/output-format.js';
import { CANONICAL_STATUS } from '../../src/providers/gemini/canonical-status.js';
import { isDurationBilledTranscription, isTokenBilledSpeech } from '../../src/pricing/openai-audio-billing.js';
import { SPEECH_MEDIA_TYPES } from '../../src/providers/openai/speech-formats.js';
import { speechSecondsReceived, SPEECH_AUDIO_TOKENS_PER_SECOND } from '../../src/pricing/openai-speech-audio.js';
import { billingCycle } from '../../src/time/billing-cycle.js';
import { nextPacificDayStart, pacificDayStart } from '../../src/time/pacific-day.js';
import { OUTPUT_FORMATS } from '../../src/simulator/elevenlabs/audio.js';
import { billingCycle as simulatedBillingCycle } from '../../src/simulator/elevenlabs/billing-cycle.js';
import * as simulated from '../../src/simulator/elevenlabs/models.js';
import { canonicalStatus, NAMED_STATUSES } from '../../src/simulator/gemini/canonical-status.js';
import { audioDurationSeconds, synthesizeAudio } from '../../src/simulator/openai/audio.js';
import { isCharacterBilledSpeech, isDurationBilledTranscription as simulatedIsDurationBilled } from '../../src/simulator/openai/models.js';
import { SPEECH_MEDIA_TYPES as SIMULATED_SPEECH_MEDIA_TYPES } from '../../src/simulator/openai/speech-formats.js';
import { AUDIO_TOKENS_PER_SECOND as SIMULATED_AUDIO_TOKENS_PER_SECOND } from '../../src/simulator/openai/speech.js';
import {
  nextPacificDayStart as simulatedNextPacificDayStart,
  pacificDayStart as simulatedPacificDayStart,
} from '../../src/simulator/pacific-day.js';

// The library states what it believes about each provider (src/providers, src/pricing, src/time, src/audio); the simulator
// states, in its own files, how the provider behaves. Adapter-vs-simulator tests can only catch a wrong belief
// when the two are written apart, and only stay meaningful while they agree where they must: this file shows
// every disagreement, naming the fact.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('ElevenLabs: the library and the simulator bill the same credits', () => {
  const models = [...new Set([...Object.keys(library.DEFAULT_CREDITS_PER_CHARACTER), ...simulated.PRICED_MODELS])].sort();

  it('both state a credit factor for the same models', () => {
    assert.ok(models.length >= 6, `expected the six TTS models, found ${models.join(', ')}`);
    assert.deepEqual([...simulated.PRICED_MODELS].sort(), Object.keys(library.DEFAULT_CREDITS_PER_CHARACTER).sort());
  });

  it('credit factor of every model, and of a model neither side knows', () => {
    for (const model of [...models, 'eleven_future_model']) {
      assert.equal(simulated.creditFactor(model), library.creditFactor(model), `credit factor of ${model}: simulator vs library`);
    }
  });

  it('credits billed for a text, rounded up to a whole credit the same way', () => {
    for (const model of models) {
      for (const characters of [0, 1, 2, 3, 999, 1_000, 1_001, 39_999]) {
        const expected = library.creditsFor(characters, library.creditFactor(model));
        assert.equal(simulated.creditsFor(characters, model), expected, `credits of ${characters} characters on ${model}`);
      }
    }
  });

  it('characters are counted the same way (code points)', () => {
    for (const text of ['', 'Hello!', 'héllo 👋', 'e\u0301', '👩‍👩‍👧', '\ud800 lone surrogate', 'x'.repeat(5_000)]) {
      assert.equal(simulated.characterCount(text), library.characterCount(text), `characters of ${JSON.stringify(text.slice(0, 20))}`);
    }
  });

  it('the default output format and the media type of every format the simulator takes', () => {
    assert.equal(simulated.DEFAULT_OUTPUT_FORMAT, DEFAULT_OUTPUT_FORMAT);
    assert.ok(OUTPUT_FORMATS.includes(DEFAULT_OUTPUT_FORMAT));
    for (const format of [...OUTPUT_FORMATS, 'flac_48000']) {
      assert.equal(simulated.mediaTypeOf(format), mediaTypeOf(format), `media type of ${format}`);
    }
  });
});

describe('ElevenLabs: the library and the simulator count the same billing cycle', () => {
  it('start and reset of the cycle for every anchor day, at and around each UTC midnight of a leap year', () => {
    const first = Date.UTC(2027, 11, 1);
    const last = Date.UTC(2029, 0, 31);
    let compared = 0;
    for (const anchorDay of [1, 2, 15, 28, 29, 30, 31]) {
      for (let midnight = first; midnight <= last; midnight += DAY) {
        for (const at of [midnight - 1, midnight, midnight + 13 * HOUR]) {
          assert.deepEqual(simulatedBillingCycle(at, anchorDay), { ...billingCycle(at, anchorDay) }, `cycle at ${new Date(at).toISOString()}, anchor day ${anchorDay}`);
          compared += 1;
        }
      }
    }
    assert.ok(compared > 8_000);
    // Both sides wrong the same way would still agree: one cycle stated outright.
    assert.deepEqual(simulatedBillingCycle(Date.UTC(2028, 1, 28, 23), 31), { start: Date.UTC(2028, 0, 31), end: Date.UTC(2028, 1, 29) });
    assert.deepEqual(simulatedBillingCycle(Date.UTC(2028, 2, 1), 31), { start: Date.UTC(2028, 1, 29), end: Date.UTC(2028, 2, 31) });
  });

  it('every anchor day from 1 to 31 on a day in each month of a year', () => {
    for (let anchorDay = 1; anchorDay <= 31; anchorDay++) {
      for (let month = 0; month < 12; month++) {
        const at = Date.UTC(2026, month, 17, 5);
        assert.deepEqual(simulatedBillingCycle(at, anchorDay), { ...billingCycle(at, anchorDay) }, `cycle at ${new Date(at).toISOString()}, anchor day ${anchorDay}`);
      }
    }
  });
});

describe('Gemini: the library and the simulator name HTTP statuses the same', () => {
  it('the same table of canonical status names', () => {
    const simulatedTable = Object.fromEntries(NAMED_STATUSES.map((status) => [status, canonicalStatus(status)]));
    assert.deepEqual(simulatedTable, { ...CANONICAL_STATUS });
  });

  it('every HTTP status the library has no name for is UNKNOWN in the simulator', () => {
    for (let status = 100; status < 600; status++) {
      assert.equal(canonicalStatus(status), CANONICAL_STATUS[status] ?? 'UNKNOWN', `canonical status of HTTP ${status}`);
    }
  });
});

describe('Gemini: the library and the simulator reset daily quotas at the same Pacific midnight', () => {
  const assertSameDay = (at: number): void => {
    const when = new Date(at).toISOString();
    assert.equal(simulatedPacificDayStart(at), pacificDayStart(at), `Pacific day start at ${when}`);
    assert.equal(simulatedNextPacificDayStart(at), nextPacificDayStart(at), `next Pacific midnight after ${when}`);
  };

  it('every hour of a year, DST changes included', () => {
    for (let at = Date.UTC(2026, 0, 1, 0, 30); at < Date.UTC(2027, 0, 1, 12); at += HOUR) assertSameDay(at);
  });

  it('every minute around the DST changes and the Pacific midnights next to them', () => {
    // 2026-03-08 02:00 PST → PDT (10:00 UTC) and 2026-11-01 02:00 PDT → PST (09:00 UTC).
    for (const change of [Date.UTC(2026, 2, 8, 10), Date.UTC(2026, 10, 1, 9)]) {
      for (let at = change - 36 * HOUR; at <= change + 36 * HOUR; at += 60_000) assertSameDay(at);
    }
  });

  it('the last and the first millisecond of a Pacific day', () => {
    for (const midnight of [Date.UTC(2026, 0, 15, 8), Date.UTC(2026, 6, 15, 7), Date.UTC(2026, 2, 9, 7), Date.UTC(2026, 10, 2, 8)]) {
      assertSameDay(midnight - 1);
      assertSameDay(midnight);
      assert.equal(simulatedPacificDayStart(midnight), midnight);
    }
  });
});

describe('OpenAI: the library and the simulator agree on speech formats and recording lengths', () => {
  it('the same speech formats with the same media types', () => {
    assert.deepEqual({ ...SIMULATED_SPEECH_MEDIA_TYPES }, { ...SPEECH_MEDIA_TYPES });
  });

  it('the same speech models are billed per character, the same transcription models by duration', () => {
    for (const model of ['tts-1', 'tts-1-hd', 'tts-1-1106', 'gpt-4o-mini-tts', 'gpt-4o-mini-tts-2025-03-20']) {
      assert.equal(isCharacterBilledSpeech(model), !isTokenBilledSpeech(model), `billing of speech model ${model}`);
    }
    for (const model of ['whisper-1', 'gpt-4o-transcribe', 'gpt-4o-mini-transcribe']) {
      assert.equal(simulatedIsDurationBilled(model), isDurationBilledTranscription(model), `billing of transcription model ${model}`);
    }
  });

  it('a WAV lasts as long for the simulator (which bills it) as for the library (which meters it)', () => {
    for (const [seconds, rate] of [[0.5, 8_000], [2, 16_000], [3.25, 24_000], [61, 44_100]] as const) {
      const wav = silentWav(seconds, rate);
      const { seconds: metered, exact } = audioSeconds(wav);
      assert.equal(exact, true);
      assert.equal(audioDurationSeconds(wav), metered, `${seconds} s at ${rate} Hz`);
    }
    const synthesized = synthesizeAudio('wav', 2.5, 'seed');
    assert.equal(audioSeconds(synthesized).seconds, audioDurationSeconds(synthesized));
    assert.equal(audioDurationSeconds(synthesized), 2.5);
  });

  it('speech audio lasts as long for the library (which estimates a cut stream from it) as the simulator made it', () => {
    for (const format of ['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm'] as const) {
      for (const seconds of [0.5, 2.25, 61]) {
        const bytes = synthesizeAudio(format, seconds, format).byteLength;
        assert.ok(Math.abs(speechSecondsReceived(format, bytes) - seconds) < 1e-3, `${seconds} s of ${format}`);
      }
    }
    assert.equal(SPEECH_AUDIO_TOKENS_PER_SECOND, SIMULATED_AUDIO_TOKENS_PER_SECOND, 'audio tokens a second of token-billed speech');
  });

  it('audio that is not a WAV is taken at the same bitrate by both', () => {
    for (const format of ['mp3', 'opus', 'aac', 'flac', 'pcm'] as const) {
      const bytes = synthesizeAudio(format, 1.5, format);
      assert.equal(audioDurationSeconds(bytes), audioSeconds(bytes).seconds, `duration of ${format} bytes`);
    }
  });
});
