import type { PriceSnapshot } from './price-source.js';

/**
 * Why a {@link Cost} has no `usd`: no source knows the model, a usage figure its price needs is `missing`, or the
 * processing tier the reply named (`Usage.serviceTier`, e.g. `priority`) has no known price for the model.
 *
 * @example
 * ```ts
 * if (cost.unpriced === 'unknown_model') console.warn('add a price override for', event.model);
 * ```
 */
export type UnpricedReason = 'unknown_model' | 'missing_usage' | 'unknown_tier';

/**
 * The cost of one provider request, as stored in a usage event.
 *
 * @example
 * ```ts
 * const cost: Cost = {
 *   usd: (1000 * 0.15 + 500 * 0.6) / 1e6,
 *   markupUsd: ((1000 * 0.15 + 500 * 0.6) / 1e6) * 0.2,
 *   snapshot: { source: 'genai-prices', version: '0.1.8', rates: { inputToken: 0.15 / 1e6, outputToken: 0.6 / 1e6 } },
 * };
 * ```
 */
export interface Cost {
  /** What the provider charges, in US dollars; `undefined` (never 0) when it cannot be known. */
  readonly usd: number | undefined;
  /**
   * The markup added on top of `usd` for this customer, in US dollars (the amount added, so the price to
   * the customer is `usd + markupUsd`). Absent when no markup applies or `usd` is unknown.
   */
  readonly markupUsd?: number;
  /** Why `usd` is `undefined`; absent when it is known. */
  readonly unpriced?: UnpricedReason;
  /** The prices used; for an unknown model, the source consulted and empty rates. */
  readonly snapshot: PriceSnapshot;
}
