// Pricing: turns metered usage into dollars, with the prices used kept alongside.
export type { Cost, UnpricedReason } from './cost.js';
export type { PriceQuery, PriceQuote, PriceSnapshot, PriceSource } from './price-source.js';
export type { RateCard } from './rate-card.js';
export type { PriceRates } from './price-rates.js';
export type { MarkupOptions } from './markup.js';
export {
  createCostCalculator,
  type CostCalculator,
  type CostCalculatorOptions,
  type CostQuery,
  type PriceOverride,
  type UnknownModelWarning,
} from './cost-calculator.js';
export { chainPriceSources } from './chain-price-sources.js';
export { defaultPriceSource, type DefaultPriceSourceOptions } from './default-price-source.js';
export { genaiPricesSource, type GenaiCalcPrice, type GenaiPricesSourceOptions } from './genai-prices-source.js';
export { openaiAudioPriceSource } from './openai-audio-source.js';
export { elevenLabsPriceSource, type ElevenLabsPriceOptions } from './elevenlabs-price-source.js';
export { OPENAI_AUDIO_PRICES } from './tables/openai-audio.js';
export {
  DEFAULT_ELEVENLABS_PLAN,
  ELEVENLABS_CREDITS_PER_CHARACTER,
  ELEVENLABS_PLAN_TABLES,
  ELEVENLABS_PLANS,
  ELEVENLABS_SCRIBE_USD_PER_HOUR,
  elevenLabsPlanTable,
  type ElevenLabsPlan,
  type ElevenLabsPlanRow,
} from './tables/elevenlabs-plans.js';
export { resolvingPriceSource, type ResolvingPriceSourceOptions } from './resolving-price-source.js';
export { modelNameCandidates, type ModelAliases, type ModelNameCandidate, type ModelResolution } from './resolve-model-name.js';
export { MODEL_ALIASES, type ModelAliasTarget } from './tables/model-aliases.js';
export { readGenaiPricesData, type GenaiPricesData } from './genai-prices-data.js';
export { DEFAULT_PRICE_DATA_FILE, updateGenaiPricesData, type UpdateGenaiPricesOptions } from './update-genai-prices-data.js';
