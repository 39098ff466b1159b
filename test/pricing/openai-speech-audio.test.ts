import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SPEECH_AUDIO_TOKENS_PER_SECOND, speechAudioTokens, speechSecondsReceived } from '../../src/pricing/openai-speech-audio.js';

describe('OpenAI speech audio received → seconds → audio tokens', () => {
  it('pcm and wav are 24 kHz 16-bit mono (the wav header is not audio); mp3 160 kbit/s; the others 128 kbit/s', () => {
    assert.equal(speechSecondsReceived('pcm', 96_000), 2);
    assert.equal(speechSecondsReceived('wav', 44 + 96_000), 2);
    assert.equal(speechSecondsReceived('wav', 20), 0, 'a header cut short is no audio');
    assert.equal(speechSecondsReceived('mp3', 40_000), 2);
    for (const format of ['opus', 'aac', 'flac', 'some-new-format']) assert.equal(speechSecondsReceived(format, 32_000), 2, format);
  });

  it('tokens are the seconds at 20 a second, rounded up', () => {
    assert.equal(SPEECH_AUDIO_TOKENS_PER_SECOND, 20);
    assert.equal(speechAudioTokens('pcm', 96_000), 40);
    assert.equal(speechAudioTokens('pcm', 96_002), 41);
    assert.equal(speechAudioTokens('pcm', 0), 0);
    assert.equal(speechAudioTokens('pcm', 28_800), 12);
    assert.equal(speechAudioTokens('mp3', 4096), 5);
  });
});
