import type { PriceRates } from '../price-rates.js';

/**
 * OpenAI's processing tiers, as the reply's `service_tier` names them, and what each costs, compiled on `date`.
 *
 * - `flex`: "Tokens are priced at Batch API rates, with additional discounts from prompt caching"
 *   (developers.openai.com/api/docs/guides/flex-processing, read 2026-12-05); the Batch API is half the standard
 *   rates (developers.openai.com/api/docs/guides/batch). A reply says `flex` only when the model served it so
 *   (an unsupported model is refused with 400), so every rate of the standard card is halved.
 * - `priority`: USD per million tokens per model from openai.com/api-priority-processing (read 2026-12-05;
 *   "excludes long context": requests over 128K prompt tokens are not covered). A model missing here has no
 *   known priority price, and its cost is left undefined (`unpriced: 'unknown_tier'`), never the standard one.
 * - `default`, `auto`, `standard` and `scale` (Scale Tier units are bought in advance by the day; their
 *   per-token figure is the standard one for reporting): the standard rates.
 *
 * @example
 * ```ts
 * OPENAI_SERVICE_TIERS.priority['gpt-5']; // { inputPerMillion: 2.5, cachedInputPerMillion: 0.25, outputPerMillion: 20 }
 * ```
 */
export const OPENAI_SERVICE_TIERS = {
  /** When the table was compiled. */
  date: '2026-12-05',
  /** The factor on every standard rate for flex processing. */
  flexFactor: 0.5,
  /** Tier names billed at the standard rates. */
  standard: ['default', 'auto', 'standard', 'scale'],
  /** Priority processing prices by model (the id `@pydantic/genai-prices` matches the name to). */
  priority: {
    'gpt-5.5': { inputPerMillion: 12.5, cachedInputPerMillion: 1.25, outputPerMillion: 75 },
    'gpt-5.4': { inputPerMillion: 5, cachedInputPerMillion: 0.5, outputPerMillion: 30 },
    'gpt-5.4-mini': { inputPerMillion: 1.5, cachedInputPerMillion: 0.15, outputPerMillion: 9 },
    'gpt-5.2': { inputPerMillion: 3.5, cachedInputPerMillion: 0.35, outputPerMillion: 28 },
    'gpt-5.1': { inputPerMillion: 2.5, cachedInputPerMillion: 0.25, outputPerMillion: 20 },
    'gpt-5': { inputPerMillion: 2.5, cachedInputPerMillion: 0.25, outputPerMillion: 20 },
    'gpt-5-mini': { inputPerMillion: 0.45, cachedInputPerMillion: 0.045, outputPerMillion: 3.6 },
    'gpt-5.1-codex': { inputPerMillion: 2.5, cachedInputPerMillion: 0.25, outputPerMillion: 20 },
    'gpt-5-codex': { inputPerMillion: 2.5, cachedInputPerMillion: 0.25, outputPerMillion: 20 },
    'gpt-4.1': { inputPerMillion: 3.5, cachedInputPerMillion: 0.875, outputPerMillion: 14 },
    'gpt-4.1-mini': { inputPerMillion: 0.7, cachedInputPerMillion: 0.175, outputPerMillion: 2.8 },
    'gpt-4.1-nano': { inputPerMillion: 0.2, cachedInputPerMillion: 0.05, outputPerMillion: 0.8 },
    'gpt-4o': { inputPerMillion: 4.25, cachedInputPerMillion: 2.125, outputPerMillion: 17 },
    'gpt-4o-2024-05-13': { inputPerMillion: 8.75, outputPerMillion: 26.25 },
    'gpt-4o-mini': { inputPerMillion: 0.25, cachedInputPerMillion: 0.125, outputPerMillion: 1 },
    o3: { inputPerMillion: 3.5, cachedInputPerMillion: 0.875, outputPerMillion: 14 },
    'o4-mini': { inputPerMillion: 2, cachedInputPerMillion: 0.5, outputPerMillion: 8 },
  },
} as const satisfies {
  date: string;
  flexFactor: number;
  standard: readonly string[];
  priority: Readonly<Record<string, PriceRates>>;
};
