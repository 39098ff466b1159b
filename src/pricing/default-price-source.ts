import { chainPriceSources } from './chain-price-sources.js';
import { elevenLabsPriceSource, type ElevenLabsPriceOptions } from './elevenlabs-price-source.js';
import { genaiPricesSource, type GenaiPricesSourceOptions } from './genai-prices-source.js';
import { openaiAudioPriceSource } from './openai-audio-source.js';
import type { PriceSource } from './price-source.js';

/**
 * Options of {@link defaultPriceSource}.
 *
 * @example
 * ```ts
 * const options: DefaultPriceSourceOptions = { elevenlabs: { plan: 'pro' } };
 * ```
 */
export interface DefaultPriceSourceOptions {
  /** Your ElevenLabs plan or price per credit. @default the Creator plan */
  readonly elevenlabs?: ElevenLabsPriceOptions;
  /** How to reach `@pydantic/genai-prices`. @default the installed package's bundled data */
  readonly genaiPrices?: GenaiPricesSourceOptions;
}

/**
 * aimeter's default prices: OpenAI audio from aimeter's dated table, ElevenLabs credits by plan, and every LLM
 * and embedding model from `@pydantic/genai-prices`, asked in that order.
 *
 * @example
 * ```ts
 * const calculator = createCostCalculator({ source: defaultPriceSource({ elevenlabs: { plan: 'scale' } }) });
 * ```
 */
export function defaultPriceSource(options: DefaultPriceSourceOptions = {}): PriceSource {
  return chainPriceSources(
    'default',
    openaiAudioPriceSource(),
    elevenLabsPriceSource(options.elevenlabs),
    genaiPricesSource(options.genaiPrices),
  );
}
