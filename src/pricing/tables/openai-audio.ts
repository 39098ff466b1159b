import type { PriceRates } from '../price-rates.js';

/**
 * OpenAI audio prices, compiled on this date. Speech per character (tts-1, tts-1-hd) and per token
 * (gpt-4o-mini-tts: text input, audio output); transcription per minute (whisper-1) and per token
 * (gpt-4o-transcribe, gpt-4o-mini-transcribe: audio and prompt text apart), or either way
 * (gpt-4o-transcribe-diarize: what the reply reports).
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
  date: '2026-12-05',
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
    // Audio input is $6 / $3 per million tokens, text input (the optional prompt) $2.50 / $1.25: a reply that
    // splits its input (`input_token_details`) is priced by modality; one that does not is priced as audio, the
    // bulk of a transcription's input. Same rates as `@pydantic/genai-prices` 0.1.8 (input_audio_mtok, input_mtok).
    'gpt-4o-transcribe': { inputPerMillion: 6, inputTextPerMillion: 2.5, outputPerMillion: 10 },
    'gpt-4o-mini-transcribe': { inputPerMillion: 3, inputTextPerMillion: 1.25, outputPerMillion: 5 },
    // Token rates as gpt-4o-transcribe (genai-prices matches it to gpt-4o-transcribe); its replies may report
    // `usage: { type: 'duration', seconds }` instead (the API spec's diarized_json example does), priced per
    // minute at the $0.006 OpenAI's pricing page estimates for gpt-4o-transcribe. UNCONFIRMED: OpenAI publishes
    // no per-minute rate of its own for this model.
    'gpt-4o-transcribe-diarize': { inputPerMillion: 6, inputTextPerMillion: 2.5, outputPerMillion: 10, perAudioMinute: 0.006 },
  },
} as const satisfies {
  date: string;
  speech: Readonly<Record<string, PriceRates>>;
  transcription: Readonly<Record<string, PriceRates>>;
};
