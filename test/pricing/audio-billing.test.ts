import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTokenBilledTranscription, speechBilling } from '../../src/pricing/audio-billing.js';

describe('speechBilling: how each provider bills speech, asked without naming a provider in the caller', () => {
  it('ElevenLabs bills credits at the model factor, an unknown model at the full rate', () => {
    assert.deepEqual(speechBilling('elevenlabs', 'eleven_flash_v2_5'), { creditsPerCharacter: 0.5, tokens: false });
    assert.deepEqual(speechBilling('elevenlabs', 'eleven_future_model'), { creditsPerCharacter: 1, tokens: false });
  });

  it('OpenAI bills tokens on gpt-4o-mini-tts and characters only on tts-1*', () => {
    assert.deepEqual(speechBilling('openai', 'gpt-4o-mini-tts'), { tokens: true });
    assert.deepEqual(speechBilling('openai', 'tts-1-hd'), { tokens: false });
  });

  it('a provider with no entry bills characters only', () => {
    assert.deepEqual(speechBilling('gemini', 'any-model'), { tokens: false });
  });
});

describe('isTokenBilledTranscription', () => {
  it('is true only for OpenAI models not billed by duration', () => {
    assert.equal(isTokenBilledTranscription('openai', 'gpt-4o-transcribe'), true);
    assert.equal(isTokenBilledTranscription('openai', 'whisper-1'), false);
    assert.equal(isTokenBilledTranscription('elevenlabs', 'gpt-4o-transcribe'), false);
  });
});
