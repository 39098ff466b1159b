import { audioSeconds } from '../../audio/audio-seconds.js';
import { estimated, reported, type Usage } from '../../usage.js';

/**
 * The usage of one Scribe transcription, billed by the audio's duration: `audioSeconds` `reported` from the
 * reply's `audio_duration_secs` (with either SDK, when the API sends it), else `estimated` from the audio
 * itself (a WAV's exact length, other formats by size at 128 kbit/s), rounded up to whole seconds as the
 * limits' estimate reserves them.
 */
export function transcriptionUsage(durationSeconds: number | undefined, audio: Uint8Array | Blob): Usage {
  if (durationSeconds !== undefined && Number.isFinite(durationSeconds) && durationSeconds >= 0) {
    return { requests: 1, audioSeconds: reported(durationSeconds) };
  }
  return { requests: 1, audioSeconds: estimated(Math.ceil(audioSeconds(audio).seconds)) };
}
