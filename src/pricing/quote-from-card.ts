import type { PriceQuote, PriceSnapshot } from './price-source.js';
import { definedRates, rateCardUsd, type RateCard } from './rate-card.js';
import type { Usage } from '../usage.js';

/**
 * Quotes usage at one fixed card.
 *
 * @example
 * ```ts
 * const quote: CardQuoter = cardQuoter({ character: 15 / 1e6 }, 'aimeter:openai-audio', '2026-11-23')!;
 * quote(usage).usd;
 * ```
 */
export type CardQuoter = (usage: Usage) => PriceQuote;

/**
 * The quoter of `card`, or `undefined` when the card prices none of aimeter's units. Its snapshot is built
 * once and frozen: every quote of the card shares it, so a price source can keep the quoter for as long as
 * the price holds instead of rebuilding the card for every usage event. `serviceTier` names the processing tier
 * whose rates the card holds, for the snapshot.
 *
 * @example
 * ```ts
 * const quote = cardQuoter({ inputToken: 0.15 / 1e6, outputToken: 0.6 / 1e6 }, 'override', '2026-10 contract');
 * quote?.(usage).usd;
 * ```
 */
export function cardQuoter(card: RateCard, source: string, version: string, serviceTier?: string): CardQuoter | undefined {
  const rates = definedRates(card);
  if (Object.keys(rates).length === 0) return undefined;
  const snapshot: PriceSnapshot = Object.freeze({ source, version, rates: Object.freeze(rates), ...(serviceTier ? { serviceTier } : {}) });
  return (usage) => ({ usd: rateCardUsd(card, usage), snapshot });
}

/**
 * A quote for `usage` at `card`, or `undefined` when the card prices none of aimeter's units.
 *
 * @example
 * ```ts
 * quoteFromCard({ character: 15 / 1e6 }, usage, 'aimeter:openai-audio', '2026-11-23');
 * ```
 */
export function quoteFromCard(card: RateCard, usage: Usage, source: string, version: string, serviceTier?: string): PriceQuote | undefined {
  return cardQuoter(card, source, version, serviceTier)?.(usage);
}
