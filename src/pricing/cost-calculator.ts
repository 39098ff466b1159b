import { assertKnownKeys } from '../config/known-keys.js';
import { ConfigError } from '../errors/config-error.js';
import type { Cost } from './cost.js';
import { defaultPriceSource } from './default-price-source.js';
import { markupPercent, validateMarkup, type MarkupOptions } from './markup.js';
import { toRateCard, validatePriceRates, type PriceRates } from './price-rates.js';
import type { PriceQuery, PriceQuote, PriceSource } from './price-source.js';
import { cardQuoter, type CardQuoter } from './quote-from-card.js';

/**
 * Your own price for one model, replacing the source's entirely (fields left out are not charged; cached and
 * cache-write input fall back to the input price).
 *
 * @example
 * ```ts
 * const negotiated: PriceOverride = { inputPerMillion: 0.12, outputPerMillion: 0.5, version: '2026-10 contract' };
 * ```
 */
export interface PriceOverride extends PriceRates {
  /** Recorded as the snapshot's version, e.g. the contract date. @default 'override' */
  readonly version?: string;
}

/**
 * The warning for a model no source could price: sent once per `provider:model`. Shaped like the client's
 * `warning` event, so it can be forwarded as is.
 *
 * @example
 * ```ts
 * createCostCalculator({ onUnknownModel: (warning) => emit('warning', warning) });
 * ```
 */
export interface UnknownModelWarning {
  /** Always `unknown_price`. */
  readonly code: 'unknown_price';
  /** Explanation naming the model. */
  readonly message: string;
  /** Provider of the model. */
  readonly provider: string;
  /** The model. */
  readonly model: string;
}

/**
 * Options of {@link createCostCalculator}.
 *
 * @example
 * ```ts
 * const options: CostCalculatorOptions = {
 *   overrides: { 'openai:gpt-4o-mini': { inputPerMillion: 0.12, outputPerMillion: 0.5 } },
 *   markup: { default: 20, byCustomer: { acme: 35 } },
 * };
 * ```
 */
export interface CostCalculatorOptions {
  /** Where prices come from. @default defaultPriceSource(), with `dataFile` when given */
  readonly source?: PriceSource;
  /**
   * A price data file written by `aimeter prices update`, used by the default source instead of the bundled
   * genai-prices data (ignored when `source` is set). @default none: the bundled data
   */
  readonly dataFile?: string;
  /** Your prices by `'provider:model'`, taking precedence over the source. */
  readonly overrides?: Readonly<Record<string, PriceOverride>>;
  /** Percentage added on top of the cost, per customer. */
  readonly markup?: MarkupOptions;
  /** Called once per `provider:model` that no price is known for; its cost stays `undefined`. */
  readonly onUnknownModel?: (warning: UnknownModelWarning) => void;
}

/**
 * A {@link PriceQuery} plus who the request is billed to.
 *
 * @example
 * ```ts
 * const query: CostQuery = { provider: 'openai', model: 'gpt-4o-mini', operation: 'chat', usage, time: new Date(), customer: 'acme' };
 * ```
 */
export interface CostQuery extends PriceQuery {
  /** The `customer` tag, selecting the markup. */
  readonly customer?: string;
}

/**
 * Turns usage into a {@link Cost}.
 *
 * @example
 * ```ts
 * const cost = calculator.cost(query);
 * ```
 */
export interface CostCalculator {
  /** The cost of one provider request; `usd` is `undefined` (never 0) for an unknown model or missing usage. */
  cost(query: CostQuery): Cost;
  /** Loads the price source's data ahead of the first `cost` call (see {@link PriceSource.preload}). */
  preload?(): Promise<void>;
}

/**
 * Creates a cost calculator: overrides first, then the price source; a per-customer markup on top. An unknown
 * model gets `usd: undefined` and one `onUnknownModel` call per `provider:model`; a known model whose needed
 * usage figure is `missing` gets `usd: undefined` too. Throws {@link ConfigError} naming the invalid option.
 *
 * @example
 * ```ts
 * const calculator = createCostCalculator({ markup: { default: 20 } });
 * const cost = calculator.cost({
 *   provider: 'openai', model: 'gpt-4o-mini', operation: 'chat', time: new Date(), customer: 'acme',
 *   usage: { requests: 1, inputTokens: reported(1000), outputTokens: reported(500) },
 * });
 * // cost.usd === (1000 * 0.15 + 500 * 0.6) / 1e6, cost.markupUsd === cost.usd * 0.2
 * ```
 */
export function createCostCalculator(options: CostCalculatorOptions = {}): CostCalculator {
  assertKnownKeys(options, ['source', 'dataFile', 'overrides', 'markup', 'onUnknownModel'], '');
  if (options.dataFile !== undefined && (typeof options.dataFile !== 'string' || options.dataFile === '')) throw new ConfigError('dataFile', 'expected a file path');
  const source = options.source ?? defaultPriceSource(options.dataFile === undefined ? {} : { genaiPrices: { dataFile: options.dataFile } });
  const overrides = overrideQuoters(validatePriceOverrides(options.overrides, 'overrides'));
  const markup = options.markup === undefined ? undefined : validateMarkup(options.markup, 'markup');
  const warned = new Set<string>();
  return {
    cost(query) {
      // The key is built only when there are overrides: this runs for every usage event.
      const override = overrides.size === 0 ? undefined : overrides.get(`${query.provider}:${query.model}`);
      const quote = override ? override(query.usage) : source.price(query);
      if (!quote) {
        const key = `${query.provider}:${query.model}`;
        if (!warned.has(key)) {
          warned.add(key);
          options.onUnknownModel?.({
            code: 'unknown_price',
            message: `no price is known for ${key} (source "${source.name}"); its cost is left undefined, not 0. Add it to the pricing overrides.`,
            provider: query.provider,
            model: query.model,
          });
        }
        return { usd: undefined, unpriced: 'unknown_model', snapshot: { source: source.name, version: 'none', rates: {} } };
      }
      return withMarkup(quote, markupPercent(markup, query.customer));
    },
    async preload() {
      await source.preload?.();
    },
  };
}

function withMarkup(quote: PriceQuote, percent: number | undefined): Cost {
  if (quote.usd === undefined) return { usd: undefined, unpriced: quote.unpriced ?? 'missing_usage', snapshot: quote.snapshot };
  if (percent === undefined) return { usd: quote.usd, snapshot: quote.snapshot };
  return { usd: quote.usd, markupUsd: (quote.usd * percent) / 100, snapshot: quote.snapshot };
}

/** Each override's quoter, by `provider:model`. */
function overrideQuoters(overrides: ReadonlyMap<string, PriceOverride>): ReadonlyMap<string, CardQuoter> {
  const quoters = new Map<string, CardQuoter>();
  for (const [key, override] of overrides) {
    const quote = cardQuoter(toRateCard(override), 'override', override.version ?? 'override');
    if (quote) quoters.set(key, quote);
  }
  return quoters;
}

/**
 * Checks the `overrides` option of {@link createCostCalculator}: keys `provider:model`, values known price
 * fields. Throws {@link ConfigError} naming the field under `field`.
 *
 * @example
 * ```ts
 * const overrides = validatePriceOverrides({ 'openai:ft-mini': { inputPerMillion: 0.3 } }, 'pricing.overrides');
 * ```
 */
export function validatePriceOverrides(overrides: unknown, field: string): ReadonlyMap<string, PriceOverride> {
  if (overrides === undefined) return new Map();
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    throw new ConfigError(field, "expected an object keyed by 'provider:model'");
  }
  const valid = new Map<string, PriceOverride>();
  for (const [key, value] of Object.entries(overrides)) {
    const at = `${field}['${key}']`;
    if (!/^[^:]+:.+$/.test(key)) throw new ConfigError(at, "expected a key of the form 'provider:model', e.g. 'openai:gpt-4o-mini'");
    const rates = validatePriceRates(value, at, ['version']);
    const version: unknown = (value as { version?: unknown }).version;
    if (version !== undefined && typeof version !== 'string') throw new ConfigError(`${at}.version`, 'expected a string');
    valid.set(key, rates);
  }
  return valid;
}
