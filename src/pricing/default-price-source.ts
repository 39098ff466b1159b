import { chainPriceSources } from './chain-price-sources.js';
import { elevenLabsPriceSource, type ElevenLabsPriceOptions } from './elevenlabs-price-source.js';
import { genaiPricesSource, type GenaiPricesSourceOptions } from './genai-prices-source.js';
import { openaiAudioPriceSource } from './openai-audio-source.js';
import type { PriceSource } from './price-source.js';
import type { ModelAliases } from './resolve-model-name.js';
import { resolvingPriceSource } from './resolving-price-source.js';

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
  /** How to reach `@pydantic/genai-prices`, or a price data file to use instead of its bundled data. @default the installed package's bundled data */
  readonly genaiPrices?: GenaiPricesSourceOptions;
  /**
   * `-latest` alias targets by `'provider:alias'`, each a list of `{ from: 'YYYY-MM-DD', model }`, replacing
   * the table's entry for that alias. @default MODEL_ALIASES
   */
  readonly aliases?: ModelAliases;
}

/**
 * aimeter's default prices: OpenAI audio from aimeter's dated table, ElevenLabs credits by plan, and every LLM
 * and embedding model from `@pydantic/genai-prices`, asked in that order. A model none of them knows by its
 * name is asked again under the names it stands for: without a provider prefix (`openai/gpt-4o`), as a
 * `-latest` alias's target (`gemini-flash-latest`), without its snapshot date (`gpt-4o-mini-tts-2025-12-15`);
 * the snapshot then names the model priced and how (`model`, `resolvedVia`).
 *
 * @example
 * ```ts
 * const calculator = createCostCalculator({ source: defaultPriceSource({ elevenlabs: { plan: 'scale' } }) });
 * ```
 */
export function defaultPriceSource(options: DefaultPriceSourceOptions = {}): PriceSource {
  const chain = chainPriceSources('default', openaiAudioPriceSource(), elevenLabsPriceSource(options.elevenlabs), genaiPricesSource(options.genaiPrices));
  return resolvingPriceSource(chain, options.aliases === undefined ? {} : { aliases: options.aliases });
}
