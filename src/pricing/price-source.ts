import type { Operation } from '../operations/operation.js';
import type { Usage } from '../usage.js';
import type { ModelResolution } from './resolve-model-name.js';

/**
 * What to price: one provider request's usage. `time` selects the price in force then (prices change; a
 * re-priced old event keeps its old price).
 *
 * @example
 * ```ts
 * const query: PriceQuery = {
 *   provider: 'openai',
 *   model: 'gpt-4o-mini',
 *   operation: 'chat',
 *   usage: { requests: 1, inputTokens: reported(1000), outputTokens: reported(500) },
 *   time: new Date(),
 * };
 * ```
 */
export interface PriceQuery {
  /** aimeter provider name (`openai`, `gemini`, `elevenlabs`, …). */
  readonly provider: string;
  /** The provider's model id. */
  readonly model: string;
  /** The operation the usage comes from: the same model can be billed differently per operation. */
  readonly operation: Operation;
  /** The billable units, with provenance. `estimated` figures are priced; `missing` ones make the price unknown. */
  readonly usage: Usage;
  /** When the request was made. */
  readonly time: Date;
}

/**
 * The prices a cost was computed with, stored with the cost so that history never changes when prices do.
 *
 * @example
 * ```ts
 * const snapshot: PriceSnapshot = {
 *   source: 'genai-prices',
 *   version: '0.1.8',
 *   rates: { inputToken: 0.15 / 1e6, cachedInputToken: 0.075 / 1e6, outputToken: 0.6 / 1e6 },
 * };
 * ```
 */
export interface PriceSnapshot {
  /** Which price source priced the usage, e.g. `genai-prices`, `aimeter:openai-audio`, `override`. */
  readonly source: string;
  /** The source's data version or its table date. */
  readonly version: string;
  /**
   * USD per unit actually applied, keyed like `RateCard` (`inputToken`, `cachedInputToken`,
   * `cacheWriteInputToken`, `outputToken`, `character`, `credit`, `creditsPerCharacter`, `audioSecond`, and the
   * modality rates such as `inputAudioToken`, `cachedAudioInputToken`, `outputAudioToken`). Empty when nothing
   * was priced.
   */
  readonly rates: Readonly<Record<string, number>>;
  /**
   * The model whose price applied, when it is not the event's model: a dated snapshot priced as its base model,
   * a `-latest` alias as its target, a provider prefix stripped, or the source's own match rule. Absent when
   * the event's model was priced under its own name.
   */
  readonly model?: string;
  /** How `model` was reached from the event's model. Absent with `model`. */
  readonly resolvedVia?: ModelResolution;
  /** The date of the price data (an updated genai-prices data file's date), when the source knows it. */
  readonly dataDate?: string;
  /**
   * The processing tier whose rates were applied (`standard`, `flex`, `priority`; for a tier without a known
   * price, the tier the reply named). Absent when the reply named no tier.
   */
  readonly serviceTier?: string;
}

/**
 * A source's answer for a model it knows. `usd` is `undefined` when a figure the price needs is `missing`
 * (never a silent 0).
 *
 * @example
 * ```ts
 * const quote: PriceQuote = { usd: 0.00045, snapshot: { source: 'genai-prices', version: '0.1.8', rates: {} } };
 * ```
 */
export interface PriceQuote {
  /** Cost in US dollars, or `undefined` when a needed usage figure is missing. */
  readonly usd: number | undefined;
  /**
   * Why `usd` is `undefined` when the reason is not a missing usage figure: `unknown_tier`, the processing tier
   * the reply named has no known price for the model. Absent otherwise.
   */
  readonly unpriced?: 'unknown_tier';
  /** The prices used. */
  readonly snapshot: PriceSnapshot;
}

/**
 * Prices provider usage. `price` returns `undefined` for a model the source does not know, so that a cost
 * calculator can report it (once) instead of recording a false 0. Sources are synchronous: they run on every
 * usage event.
 *
 * @example
 * ```ts
 * const flatRate: PriceSource = {
 *   specificationVersion: 'v1',
 *   name: 'flat',
 *   price: ({ usage }) => ({ usd: usage.requests * 0.001, snapshot: { source: 'flat', version: '1', rates: { request: 0.001 } } }),
 * };
 * ```
 */
export interface PriceSource {
  /** Version of this interface, so aimeter can evolve it without breaking custom sources. */
  readonly specificationVersion: 'v1';
  /** Name of the source, for messages. */
  readonly name: string;
  /** The price of `query`, or `undefined` when the source does not know the model. */
  price(query: PriceQuery): PriceQuote | undefined;
  /**
   * Loads the source's data ahead of the first `price` call (which would otherwise load it synchronously), in a
   * later turn of the event loop. Optional: a source with nothing to load leaves it out.
   */
  preload?(): Promise<void>;
}
