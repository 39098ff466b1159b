import type { PriceQuote } from './price-source.js';
import { applyRateCard, chargesAnything, type RateCard } from './rate-card.js';
import type { Usage } from '../usage.js';

/**
 * A quote for `usage` at `card`, or `undefined` when the card prices none of aimeter's units.
 *
 * @example
 * ```ts
 * quoteFromCard({ character: 15 / 1e6 }, usage, 'aimeter:openai-audio', '2026-11-23');
 * ```
 */
export function quoteFromCard(card: RateCard, usage: Usage, source: string, version: string): PriceQuote | undefined {
  if (!chargesAnything(card)) return undefined;
  const { usd, rates } = applyRateCard(card, usage);
  return { usd, snapshot: { source, version, rates } };
}
