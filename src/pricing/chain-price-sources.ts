import type { PriceSource } from './price-source.js';

/**
 * A source that asks each of `sources` in turn and returns the first quote: put a more specific source (your
 * negotiated prices, a provider aimeter does not know) before a general one.
 *
 * @example
 * ```ts
 * const source = chainPriceSources('mine', myContractPrices, defaultPriceSource());
 * ```
 */
export function chainPriceSources(name: string, ...sources: readonly PriceSource[]): PriceSource {
  return {
    specificationVersion: 'v1',
    name,
    price(query) {
      for (const source of sources) {
        const quote = source.price(query);
        if (quote) return quote;
      }
      return undefined;
    },
    async preload() {
      await Promise.all(sources.map((source) => source.preload?.() ?? Promise.resolve()));
    },
  };
}
