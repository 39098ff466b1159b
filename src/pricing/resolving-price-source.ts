import type { PriceQuote, PriceSource } from './price-source.js';
import { modelNameCandidates, type ModelAliases } from './resolve-model-name.js';

/**
 * Options of {@link resolvingPriceSource}.
 *
 * @example
 * ```ts
 * const options: ResolvingPriceSourceOptions = { aliases: { 'gemini:gemini-flash-latest': [{ from: '2026-09-15', model: 'gemini-3.8-flash' }] } };
 * ```
 */
export interface ResolvingPriceSourceOptions {
  /** `-latest` alias targets by `'provider:alias'`, replacing the table's entry for that alias. @default MODEL_ALIASES */
  readonly aliases?: ModelAliases;
}

/**
 * Wraps `source` so that a model it does not know under its own name is priced under the names the model
 * stands for ({@link modelNameCandidates}): without a provider prefix, as a `-latest` alias's target at the
 * request's time, without a trailing snapshot date. The exact name is always asked first. A quote found
 * through another name records it in its snapshot (`model`, `resolvedVia`), so a price that came from an alias
 * can be told apart.
 *
 * @example
 * ```ts
 * const source = resolvingPriceSource(openaiAudioPriceSource());
 * source.price({ provider: 'openai', model: 'gpt-4o-mini-tts-2025-12-15', operation: 'speak', usage, time: new Date() })
 *   ?.snapshot.model; // 'gpt-4o-mini-tts'
 * ```
 */
export function resolvingPriceSource(source: PriceSource, options: ResolvingPriceSourceOptions = {}): PriceSource {
  const aliases = options.aliases ?? {};
  const resolving: PriceSource = {
    specificationVersion: 'v1',
    name: source.name,
    price(query) {
      const quote = source.price(query);
      if (quote) return quote;
      for (const candidate of modelNameCandidates(query.provider, query.model, query.time, aliases)) {
        const found = source.price({ ...query, model: candidate.model });
        if (found) return resolved(found, found.snapshot.model ?? candidate.model, candidate.via);
      }
      return undefined;
    },
  };
  if (source.preload) resolving.preload = () => source.preload?.() ?? Promise.resolve();
  return resolving;
}

function resolved(quote: PriceQuote, model: string, via: NonNullable<PriceQuote['snapshot']['resolvedVia']>): PriceQuote {
  return { usd: quote.usd, snapshot: { ...quote.snapshot, model, resolvedVia: via } };
}
