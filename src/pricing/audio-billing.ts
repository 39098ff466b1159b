import { creditFactor } from './elevenlabs-credits.js';
import { isDurationBilledTranscription, isTokenBilledSpeech } from './openai-audio-billing.js';

/**
 * What a speech model bills besides its characters: credits at a factor per character, or the text's tokens in
 * and the audio's tokens out.
 *
 * @example
 * ```ts
 * const billing: SpeechBilling = { creditsPerCharacter: 0.5, tokens: false };
 * ```
 */
export interface SpeechBilling {
  /** Credits a character costs, where the provider bills credits. */
  readonly creditsPerCharacter?: number;
  /** Whether the model bills tokens (input text, output audio). */
  readonly tokens: boolean;
}

const CHARACTERS_ONLY: SpeechBilling = { tokens: false };

// Each provider's billing of speech; a provider not listed bills its characters only.
const SPEECH_BILLING: Readonly<Record<string, (model: string) => SpeechBilling>> = {
  elevenlabs: (model) => ({ creditsPerCharacter: creditFactor(model), tokens: false }),
  openai: (model) => (isTokenBilledSpeech(model) ? { tokens: true } : CHARACTERS_ONLY),
};

/**
 * How `provider` bills speech on `model`, so that an estimate need not know which provider bills what.
 *
 * @example
 * ```ts
 * speechBilling('elevenlabs', 'eleven_flash_v2_5'); // { creditsPerCharacter: 0.5, tokens: false }
 * speechBilling('openai', 'gpt-4o-mini-tts'); // { tokens: true }
 * ```
 */
export function speechBilling(provider: string, model: string): SpeechBilling {
  return SPEECH_BILLING[provider]?.(model) ?? CHARACTERS_ONLY;
}

/**
 * Whether `provider` bills transcription on `model` by tokens (audio and prompt in, transcript out) rather than
 * by the audio's duration; only OpenAI's token-billed models do.
 *
 * @example
 * ```ts
 * isTokenBilledTranscription('openai', 'gpt-4o-transcribe'); // true
 * isTokenBilledTranscription('openai', 'whisper-1'); // false
 * ```
 */
export function isTokenBilledTranscription(provider: string, model: string): boolean {
  return provider === 'openai' && !isDurationBilledTranscription(model);
}
