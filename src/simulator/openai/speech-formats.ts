/**
 * The output formats the simulated `/v1/audio/speech` takes (`response_format`) and the `content-type` it
 * answers each with. The formats are OpenAI's documented list; the real API's per-format `content-type` is
 * UNCONFIRMED, these are the codecs' registered media types. The simulator's own copy:
 * test/simulator/facts-agree.test.ts compares it with the library's `providers/openai/speech-formats.ts`.
 */
export type SpeechFormat = 'mp3' | 'opus' | 'aac' | 'flac' | 'wav' | 'pcm';

/** `content-type` of each speech format. */
export const SPEECH_MEDIA_TYPES: Readonly<Record<SpeechFormat, string>> = {
  mp3: 'audio/mpeg',
  opus: 'audio/opus',
  aac: 'audio/aac',
  flac: 'audio/flac',
  wav: 'audio/wav',
  pcm: 'audio/pcm',
};

/** Whether `format` is one the endpoint takes. */
export function isSpeechFormat(format: string): format is SpeechFormat {
  return Object.hasOwn(SPEECH_MEDIA_TYPES, format);
}
