/**
 * Which models the simulated OpenAI API knows. There is no list to keep current: every model exists except
 * those whose id starts with `nonexistent` or `unknown` (e.g. `nonexistent-model`), which get the API's 404
 * `model_not_found`. The simulator does not check that a model suits the endpoint.
 */
export function modelExists(model: string): boolean {
  return !/^(?:nonexistent|unknown)/i.test(model);
}

/**
 * Whether `model` reasons before answering (and reports `reasoning_tokens`): the o-series (`o1`, `o3-mini`,
 * `o4-mini`…) and the `gpt-5` family except its `-chat` variants, as on the real API.
 */
export function isReasoningModel(model: string): boolean {
  return /^o\d/.test(model) || (/^gpt-5/.test(model) && !model.includes('-chat'));
}

/** Vector size of an embedding model: 3072 for `text-embedding-3-large`, else 1536. */
export function embeddingDimensions(model: string): number {
  return model.startsWith('text-embedding-3-large') ? 3072 : 1536;
}

/** Whether a text-to-speech model is billed per character (`tts-1`, `tts-1-hd`) rather than per token. */
export function isCharacterBilledSpeech(model: string): boolean {
  return /^tts-1/.test(model);
}

/** Whether a transcription model is billed by audio duration (`whisper-1`) rather than by tokens. */
export function isDurationBilledTranscription(model: string): boolean {
  return model.startsWith('whisper');
}
