import { toRateCard } from './price-rates.js';
import type { RateCard } from './rate-card.js';
import { OPENAI_SERVICE_TIERS } from './tables/openai-service-tiers.js';

/**
 * A card for one processing tier: the rates, and the tier they are the price of (`standard`, `flex`, `priority`;
 * absent when the reply named no tier).
 *
 * @example
 * ```ts
 * const flex: TierCard = { card: { inputToken: 0.625e-6, outputToken: 5e-6 }, tier: 'flex' };
 * ```
 */
export interface TierCard {
  readonly card: RateCard;
  readonly tier?: string;
}

const PRIORITY: Readonly<Record<string, RateCard>> = Object.fromEntries(
  Object.entries(OPENAI_SERVICE_TIERS.priority).map(([model, rates]) => [model, toRateCard(rates)]),
);
const STANDARD_NAMES: ReadonlySet<string> = new Set(OPENAI_SERVICE_TIERS.standard);

/**
 * The rates `standard` becomes under the processing tier a reply named (`Usage.serviceTier`), for `model` (the
 * model id the price source matched). OpenAI's tiers are priced ({@link OPENAI_SERVICE_TIERS}): flex halves
 * every rate, priority takes the model's priority prices; Gemini's `standard` is the standard card, its other
 * tiers are not priced (`@pydantic/genai-prices` mentions them only in comments). `undefined` when the tier's price is not known (a
 * priority reply for a model without a priority price, a tier name aimeter does not know): the cost is then
 * left unknown rather than priced at the standard rate.
 *
 * @example
 * ```ts
 * serviceTierCard('openai', 'gpt-5', 'flex', { inputToken: 1.25e-6, outputToken: 10e-6 });
 * // { card: { inputToken: 0.625e-6, outputToken: 5e-6 }, tier: 'flex' }
 * ```
 */
export function serviceTierCard(provider: string, model: string, tier: string | undefined, standard: RateCard): TierCard | undefined {
  if (tier === undefined) return { card: standard };
  // Gemini's usageMetadata.serviceTier: its flex and priority prices are not in the package's data.
  if (provider === 'gemini') return tier === 'standard' ? { card: standard, tier: 'standard' } : undefined;
  if (provider !== 'openai') return { card: standard };
  if (STANDARD_NAMES.has(tier)) return { card: standard, tier: 'standard' };
  if (tier === 'flex') return { card: scaled(standard, OPENAI_SERVICE_TIERS.flexFactor), tier: 'flex' };
  const priority = tier === 'priority' ? PRIORITY[model] : undefined;
  if (priority === undefined) return undefined;
  const { inputToken, cachedInputToken, outputToken, ...rest } = standard;
  void inputToken;
  void cachedInputToken;
  void outputToken;
  return { card: { ...rest, ...priority }, tier: 'priority' };
}

function scaled(card: RateCard, factor: number): RateCard {
  const out: Record<string, number> = {};
  for (const [unit, rate] of Object.entries(card)) if (typeof rate === 'number') out[unit] = unit === 'creditsPerCharacter' ? rate : rate * factor;
  return out;
}
