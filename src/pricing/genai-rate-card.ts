import type { ModelPrice } from '@pydantic/genai-prices';
import type { Operation } from '../operations/operation.js';
import { toRateCard } from './price-rates.js';
import type { RateCard } from './rate-card.js';
import { OPENAI_MODALITY_RATES } from './tables/openai-modality-rates.js';

/** Card keys priced per million tokens, and the genai-prices price key of each (its `prices/units.yml` names). */
const PER_MILLION: readonly (readonly [keyof RateCard, string])[] = [
  ['cachedInputToken', 'cache_read_mtok'],
  ['cacheWriteInputToken', 'cache_write_mtok'],
  ['outputToken', 'output_mtok'],
  ['inputImageToken', 'input_image_mtok'],
  ['inputVideoToken', 'input_video_mtok'],
  ['cachedAudioInputToken', 'cache_audio_read_mtok'],
  ['cachedImageInputToken', 'cache_image_read_mtok'],
  ['cachedVideoInputToken', 'cache_video_read_mtok'],
  ['outputTextToken', 'output_text_mtok'],
  ['outputAudioToken', 'output_audio_mtok'],
  ['outputImageToken', 'output_image_mtok'],
];

const MODALITY_SUPPLEMENTS: Readonly<Record<string, Readonly<Record<string, RateCard>>>> = {
  openai: Object.fromEntries(Object.entries(OPENAI_MODALITY_RATES.models).map(([id, rates]) => [id, toRateCard(rates)])),
};

/**
 * The rate card of a `@pydantic/genai-prices` model price for one request: every price key aimeter meters, per
 * single unit (the tier of the request's input size where a key is tiered), plus aimeter's modality rates the
 * package lacks for the model (`provider`, genai-prices `modelId`; {@link OPENAI_MODALITY_RATES}). A
 * transcription's input tokens are audio unless the reply splits them (`input_audio_mtok` is the plain input
 * rate, `input_mtok` the text rate of its prompt); anything else's are text unless split. Audio by the hour is
 * `audioSecond`.
 *
 * @example
 * ```ts
 * genaiRateCard({ input_mtok: 2.5, output_mtok: 10, input_audio_mtok: 6 }, 'transcribe', 0, 'openai', 'gpt-4o-transcribe');
 * // { inputToken: 6e-6, inputTextToken: 2.5e-6, inputAudioToken: 6e-6, outputToken: 10e-6 }
 * ```
 */
export function genaiRateCard(price: ModelPrice, operation: Operation, inputTokens: number, provider: string, modelId: string): RateCard {
  const perToken = (key: string): number | undefined => {
    const perMillion = genaiPriceAt(price, key, inputTokens);
    return perMillion === undefined ? undefined : perMillion / 1e6;
  };
  const card: Record<string, number> = {};
  for (const [unit, key] of PER_MILLION) {
    const rate = perToken(key);
    if (rate !== undefined) card[unit] = rate;
  }
  const input = perToken('input_mtok');
  const audio = perToken('input_audio_mtok');
  const text = perToken('input_text_mtok') ?? (operation === 'transcribe' && audio !== undefined ? input : undefined);
  const plain = operation === 'transcribe' ? (audio ?? input) : input;
  if (plain !== undefined) card['inputToken'] = plain;
  if (audio !== undefined) card['inputAudioToken'] = audio;
  if (text !== undefined) card['inputTextToken'] = text;
  const perHour = genaiPriceAt(price, 'audio_hours', inputTokens) ?? genaiPriceAt(price, 'input_audio_hours', inputTokens);
  if (perHour !== undefined) card['audioSecond'] = perHour / 3600;
  return { ...MODALITY_SUPPLEMENTS[provider]?.[modelId], ...card };
}

/**
 * A price key's value per its unit (USD per million tokens, per hour); a tiered price takes the highest tier
 * whose start the input size exceeds, as the package does.
 *
 * @example
 * ```ts
 * genaiPriceAt({ input_mtok: { base: 1.25, tiers: [{ start: 200_000, price: 2.5 }] } }, 'input_mtok', 250_000); // 2.5
 * ```
 */
export function genaiPriceAt(price: ModelPrice, key: string, inputTokens: number): number | undefined {
  const value = price[key];
  if (value === undefined || typeof value === 'number') return value;
  let rate = value.base;
  let from = -1;
  for (const tier of value.tiers) {
    if (inputTokens > tier.start && tier.start > from) {
      rate = tier.price;
      from = tier.start;
    }
  }
  return rate;
}
