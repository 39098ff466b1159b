/**
 * Whether an OpenAI speech model is billed per token (`gpt-4o-mini-tts` and later) rather than per input
 * character (`tts-1`, `tts-1-hd`). Token-billed speech is requested with `stream_format: "sse"`, the only reply
 * that carries its usage.
 *
 * @example
 * ```ts
 * isTokenBilledSpeech('gpt-4o-mini-tts'); // true
 * isTokenBilledSpeech('tts-1-hd'); // false
 * ```
 */
export function isTokenBilledSpeech(model: string): boolean {
  return !/^tts-1/.test(model);
}

/**
 * Whether an OpenAI transcription model is billed by audio duration (`whisper-1`) rather than by tokens
 * (`gpt-4o-transcribe`, `gpt-4o-mini-transcribe`).
 *
 * @example
 * ```ts
 * isDurationBilledTranscription('whisper-1'); // true
 * ```
 */
export function isDurationBilledTranscription(model: string): boolean {
  return model.startsWith('whisper');
}
