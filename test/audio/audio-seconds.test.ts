import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { audioSeconds } from '../../src/audio/audio-seconds.js';
import { silentWav } from '../../src/audio/silent-wav.js';

describe('audioSeconds', () => {
  it('reads a WAV header exactly, whatever its rate', () => {
    assert.deepEqual(audioSeconds(silentWav(2, 16_000)), { seconds: 2, exact: true });
    assert.deepEqual(audioSeconds(silentWav(0.5, 24_000)), { seconds: 0.5, exact: true });
  });

  it('takes other audio, a torn WAV and a Blob as 128 kbit/s by size', () => {
    assert.deepEqual(audioSeconds(new Uint8Array(32_000)), { seconds: 2, exact: false });
    assert.deepEqual(audioSeconds(silentWav(1, 16_000).subarray(0, 30)), { seconds: 30 / 16_000, exact: false });
    assert.deepEqual(audioSeconds(new Blob([new Uint8Array(48_000)])), { seconds: 3, exact: false });
  });
});
