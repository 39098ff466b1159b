import type { PriceRates } from '../price-rates.js';

/**
 * OpenAI audio prices, compiled on this date. Speech per character (tts-1, tts-1-hd) and per token
 * (gpt-4o-mini-tts: text input, audio output); transcription per minute (whisper-1) and per token
 * (gpt-4o-transcribe, gpt-4o-mini-transcribe).
 *
 * Sources: platform.openai.com/docs/pricing as quoted in community.openai.com/t/1151816 (gpt-4o-mini-tts) and
 * /t/634297 (tts-1, tts-1-hd); the per-token and per-minute figures agree with `@pydantic/genai-prices` 0.1.8
 * (test/pricing checks that). None was read off the vendor's page itself, so all of these are
 * UNCONFIRMED: set `overrides` if yours differ.
 *
 * @example
 * ```ts
 * OPENAI_AUDIO_PRICES.speech['tts-1']; // { perMillionCharacters: 15 }
 * ```
 */
export const OPENAI_AUDIO_PRICES = {
  /** When the table was compiled. */
  date: '2026-11-23',
  /** `speak` and `streamSpeak`. */
  speech: {
    'tts-1': { perMillionCharacters: 15 },
    'tts-1-hd': { perMillionCharacters: 30 },
    // Billed per token: text (and instructions) in, audio tokens out. The binary response carries no usage
    // (only the SSE `speech.audio.done` event does); a stream cut before it is priced from estimates (the text's
    // tokens in, the audio received at 20 tokens a second out: `pricing/openai-speech-audio.ts`).
    'gpt-4o-mini-tts': { inputPerMillion: 0.6, outputPerMillion: 12 },
  },
  /** `transcribe`. */
  transcription: {
    'whisper-1': { perAudioMinute: 0.006 },
    // Audio input is $6 / $3 per million tokens, text input (the optional prompt) $2.50 / $1.25. `Usage` does
    // not split the two, so every input token is priced as audio, the bulk of a transcription's input: a prompt
    // is over-priced by the difference. UNCONFIRMED whether OpenAI reports prompt tokens inside `input_tokens`.
    'gpt-4o-transcribe': { inputPerMillion: 6, outputPerMillion: 10 },
    'gpt-4o-mini-transcribe': { inputPerMillion: 3, outputPerMillion: 5 },
  },
} as const satisfies {
  date: string;
  speech: Readonly<Record<string, PriceRates>>;
  transcription: Readonly<Record<string, PriceRates>>;
};
