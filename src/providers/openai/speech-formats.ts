/**
 * Output formats of OpenAI's `/v1/audio/speech`.
 *
 * @example
 * ```ts
 * const format: SpeechFormat = 'mp3';
 * ```
 */
export type SpeechFormat = 'mp3' | 'opus' | 'aac' | 'flac' | 'wav' | 'pcm';

/** Media type of each speech format (the real API's per-format `content-type` is UNCONFIRMED). */
export const SPEECH_MEDIA_TYPES: Readonly<Record<SpeechFormat, string>> = {
  mp3: 'audio/mpeg',
  opus: 'audio/opus',
  aac: 'audio/aac',
  flac: 'audio/flac',
  wav: 'audio/wav',
  pcm: 'audio/pcm',
};
