import { audioSeconds } from '../../audio/audio-seconds.js';
import type { SpeakRequest } from '../../operations/speech.js';
import type { TranscribeRequest } from '../../operations/transcription.js';
import { isTokenBilledTranscription, speechBilling } from '../../pricing/audio-billing.js';
import { characterCount, creditsFor } from '../../pricing/elevenlabs-credits.js';
import { SPEECH_AUDIO_TOKENS_PER_SECOND as SPEECH_AUDIO_TOKENS_BILLED } from '../../pricing/openai-speech-audio.js';
import { estimateTokens } from '../../estimate-tokens.js';
import { estimated, type Usage } from '../../usage.js';

// Speech runs at about 15 characters a second at speed 1 (150 words a minute).
const SPEECH_CHARACTERS_PER_SECOND = 15;
// Audio tokens a second of token-billed speech, reserved one above the rate a cut stream is priced at (20, see
// pricing/openai-speech-audio.ts): OpenAI quotes gpt-4o-mini-tts at about $0.015 a minute, which at $12 per
// million audio tokens is 1 250 a minute, 20.8 a second.
const SPEECH_AUDIO_TOKENS_PER_SECOND = SPEECH_AUDIO_TOKENS_BILLED + 1;
// Audio tokens a second of token-billed transcription input (about 600 a minute).
const TRANSCRIPTION_AUDIO_TOKENS_PER_SECOND = 10;
// Transcript tokens a second of audio: about 2.5 words a second at 1.3 tokens a word, rounded up.
const TRANSCRIPT_TOKENS_PER_SECOND = 4;

/**
 * What a speech request is expected to bill: its characters (what `tts-1*` and ElevenLabs bill, exact), ElevenLabs
 * credits at the model's factor, and for token-billed OpenAI speech (`gpt-4o-mini-tts`) the text's tokens in and
 * the audio tokens out for the speech's expected length (15 characters a second over the `speed` asked for,
 * at least half a second, 21 audio tokens a second).
 *
 * @example
 * ```ts
 * estimateSpeech('openai', 'gpt-4o-mini-tts', { text: 'Hello there', voice: 'alloy' }).outputTokens; // { value: 16, provenance: 'estimated' }
 * ```
 */
export function estimateSpeech(provider: string, model: string, request: SpeakRequest): Usage {
  const characters = characterCount(request.text);
  const billing = speechBilling(provider, model);
  if (billing.creditsPerCharacter !== undefined) {
    return { requests: 1, characters: estimated(characters), credits: estimated(creditsFor(characters, billing.creditsPerCharacter)) };
  }
  if (!billing.tokens) return { requests: 1, characters: estimated(characters) };
  const options = request.providerOptions?.[provider] as { instructions?: unknown; speed?: unknown } | undefined;
  const instructions = typeof options?.instructions === 'string' ? estimateTokens(options.instructions) : 0;
  const speed = typeof options?.speed === 'number' && options.speed >= 0.25 ? options.speed : 1;
  const seconds = Math.max(0.5, characters / SPEECH_CHARACTERS_PER_SECOND) / speed;
  return {
    requests: 1,
    characters: estimated(characters),
    inputTokens: estimated(estimateTokens(request.text) + instructions),
    outputTokens: estimated(Math.ceil(seconds * SPEECH_AUDIO_TOKENS_PER_SECOND)),
  };
}

/**
 * What a transcription is expected to bill, from the audio's length ({@link audioSeconds}: exact for a WAV, by
 * size at 128 kbit/s otherwise): whole seconds for a duration-billed model (`whisper-1`, and any provider other
 * than OpenAI), else 10 audio tokens a second plus the prompt's tokens in and 4 transcript tokens a second out.
 *
 * @example
 * ```ts
 * estimateTranscription('openai', 'whisper-1', { audio: silentWav(3, 16_000) }).audioSeconds; // { value: 3, provenance: 'estimated' }
 * ```
 */
export function estimateTranscription(provider: string, model: string, request: TranscribeRequest): Usage {
  const { seconds } = audioSeconds(request.audio);
  if (!isTokenBilledTranscription(provider, model)) return { requests: 1, audioSeconds: estimated(Math.ceil(seconds)) };
  const prompt = typeof request.prompt === 'string' ? estimateTokens(request.prompt) : 0;
  return {
    requests: 1,
    inputTokens: estimated(Math.ceil(seconds * TRANSCRIPTION_AUDIO_TOKENS_PER_SECOND) + prompt),
    outputTokens: estimated(Math.ceil(seconds * TRANSCRIPT_TOKENS_PER_SECOND) + 1),
  };
}
