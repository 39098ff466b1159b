import { assertKnownKeys } from '../config/known-keys.js';
import { ConfigError } from '../errors/config-error.js';
import type { RateCard } from './rate-card.js';

/**
 * Prices in the units providers publish them in. Used for price overrides and for aimeter's own tables.
 * Each field is optional; a field left out is not charged (cached and cache-write input fall back to the
 * input price).
 *
 * @example
 * ```ts
 * const gpt4oMini: PriceRates = { inputPerMillion: 0.15, cachedInputPerMillion: 0.075, outputPerMillion: 0.6 };
 * const tts1: PriceRates = { perMillionCharacters: 15 };
 * const whisper: PriceRates = { perAudioMinute: 0.006 };
 * const audioChat: PriceRates = { inputPerMillion: 2.5, outputPerMillion: 10, inputAudioPerMillion: 40, outputAudioPerMillion: 80 };
 * ```
 */
export interface PriceRates {
  /** USD per million input tokens. */
  readonly inputPerMillion?: number;
  /** USD per million input tokens read from the prompt cache. @default inputPerMillion */
  readonly cachedInputPerMillion?: number;
  /** USD per million input tokens written to the prompt cache. @default inputPerMillion */
  readonly cacheWriteInputPerMillion?: number;
  /** USD per million output tokens (reasoning and thoughts included). */
  readonly outputPerMillion?: number;
  /** USD per million text-to-speech characters. */
  readonly perMillionCharacters?: number;
  /** USD per provider credit (ElevenLabs). */
  readonly perCredit?: number;
  /** Credits per character, used when the provider's credit figure is unknown. */
  readonly creditsPerCharacter?: number;
  /** USD per minute of transcribed audio. */
  readonly perAudioMinute?: number;
  /** USD per second of transcribed audio (an alternative to `perAudioMinute`; give one of them). */
  readonly perAudioSecond?: number;
  /** USD per million input tokens of text, where the reply splits input by modality. @default inputPerMillion */
  readonly inputTextPerMillion?: number;
  /** USD per million input tokens of audio. @default inputPerMillion */
  readonly inputAudioPerMillion?: number;
  /** USD per million input tokens of images. @default inputPerMillion */
  readonly inputImagePerMillion?: number;
  /** USD per million input tokens of video. @default inputPerMillion */
  readonly inputVideoPerMillion?: number;
  /** USD per million cached input tokens of audio. @default cachedInputPerMillion, else inputAudioPerMillion */
  readonly cachedAudioInputPerMillion?: number;
  /** USD per million cached input tokens of images. @default cachedInputPerMillion, else inputImagePerMillion */
  readonly cachedImageInputPerMillion?: number;
  /** USD per million cached input tokens of video. @default cachedInputPerMillion, else inputVideoPerMillion */
  readonly cachedVideoInputPerMillion?: number;
  /** USD per million output tokens of text. @default outputPerMillion */
  readonly outputTextPerMillion?: number;
  /** USD per million output tokens of audio. @default outputPerMillion */
  readonly outputAudioPerMillion?: number;
  /** USD per million output tokens of images. @default outputPerMillion */
  readonly outputImagePerMillion?: number;
}

const PER_UNIT: Readonly<Record<keyof PriceRates, readonly [keyof RateCard, number]>> = {
  inputPerMillion: ['inputToken', 1e6],
  cachedInputPerMillion: ['cachedInputToken', 1e6],
  cacheWriteInputPerMillion: ['cacheWriteInputToken', 1e6],
  outputPerMillion: ['outputToken', 1e6],
  perMillionCharacters: ['character', 1e6],
  perCredit: ['credit', 1],
  creditsPerCharacter: ['creditsPerCharacter', 1],
  perAudioMinute: ['audioSecond', 60],
  perAudioSecond: ['audioSecond', 1],
  inputTextPerMillion: ['inputTextToken', 1e6],
  inputAudioPerMillion: ['inputAudioToken', 1e6],
  inputImagePerMillion: ['inputImageToken', 1e6],
  inputVideoPerMillion: ['inputVideoToken', 1e6],
  cachedAudioInputPerMillion: ['cachedAudioInputToken', 1e6],
  cachedImageInputPerMillion: ['cachedImageInputToken', 1e6],
  cachedVideoInputPerMillion: ['cachedVideoInputToken', 1e6],
  outputTextPerMillion: ['outputTextToken', 1e6],
  outputAudioPerMillion: ['outputAudioToken', 1e6],
  outputImagePerMillion: ['outputImageToken', 1e6],
};

/**
 * Converts published prices to USD per single unit.
 *
 * @example
 * ```ts
 * toRateCard({ perAudioMinute: 0.006 }); // { audioSecond: 0.0001 }
 * ```
 */
export function toRateCard(rates: PriceRates): RateCard {
  const card: Record<string, number> = {};
  for (const [field, [unit, per]] of Object.entries(PER_UNIT)) {
    const value = rates[field as keyof PriceRates];
    if (value !== undefined) card[unit] = value / per;
  }
  return card;
}

/**
 * Checks user-supplied {@link PriceRates}: a plain object of known fields, each a finite number ≥ 0, at least
 * one of them. Throws {@link ConfigError} naming the offending field under `field`.
 *
 * @example
 * ```ts
 * validatePriceRates({ inputPerMillion: 0.15 }, "pricing.overrides['openai:gpt-4o-mini']");
 * ```
 */
export function validatePriceRates(value: unknown, field: string, extraFields: readonly string[] = []): PriceRates {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(field, 'expected an object of prices such as { inputPerMillion: 0.15, outputPerMillion: 0.6 }');
  }
  assertKnownKeys(value, [...Object.keys(PER_UNIT), ...extraFields], field);
  let prices = 0;
  for (const [key, rate] of Object.entries(value as Record<string, unknown>)) {
    if (extraFields.includes(key)) continue;
    if (rate === undefined) continue;
    if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0) {
      throw new ConfigError(`${field}.${key}`, 'expected a finite number ≥ 0 (US dollars)');
    }
    prices += 1;
  }
  if (prices === 0) throw new ConfigError(field, 'expected at least one price');
  return value;
}
