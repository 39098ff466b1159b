import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { calcPrice, ModelPrice, PriceCalculation, Provider } from '@pydantic/genai-prices';
import type { Operation } from '../operations/operation.js';
import { reported, type Usage } from '../usage.js';
import { readGenaiPricesData } from './genai-prices-data.js';
import { genaiRateCard } from './genai-rate-card.js';
import type { PriceQuery, PriceQuote, PriceSnapshot, PriceSource } from './price-source.js';
import { cardQuoter, quoteFromCard, type CardQuoter } from './quote-from-card.js';
import { resolutionOf } from './resolve-model-name.js';
import { serviceTierCard } from './service-tier.js';

/**
 * The type of `calcPrice` from `@pydantic/genai-prices`.
 *
 * @example
 * ```ts
 * import { calcPrice } from '@pydantic/genai-prices';
 * const fn: GenaiCalcPrice = calcPrice;
 * ```
 */
export type GenaiCalcPrice = typeof calcPrice;

/**
 * Options of {@link genaiPricesSource}.
 *
 * @example
 * ```ts
 * import { calcPrice, updatePrices } from '@pydantic/genai-prices';
 * updatePrices(myStorage); // fresher data than the bundled copy
 * const source = genaiPricesSource({ calcPrice, version: 'auto-updated' });
 * ```
 */
export interface GenaiPricesSourceOptions {
  /**
   * The package's `calcPrice`. Pass your own import when you call its `updatePrices`, so that aimeter sees the
   * updated data (aimeter otherwise loads its own copy on first use, keeping `import 'aimeter'` fast).
   * @default the installed package's, loaded on first use
   */
  readonly calcPrice?: GenaiCalcPrice;
  /** Version recorded in price snapshots. @default the installed package's version, e.g. `0.1.8` */
  readonly version?: string;
  /**
   * A price data file written by `aimeter prices update`: its providers' prices replace the bundled ones (a
   * provider the file lacks keeps the bundled prices), and snapshots carry the file's version and date. Read
   * once, when the source is created (so at `createAIClient`), which throws `PriceDataError` for a file that
   * cannot be used: never during a call.
   * @default none: the bundled data
   */
  readonly dataFile?: string;
}

/** aimeter provider names that genai-prices spells differently. */
const PROVIDER_IDS: Readonly<Record<string, string>> = { gemini: 'google' };

/**
 * LLM and embedding prices from `@pydantic/genai-prices` (bundled data, the price in force at the request's
 * time). Input tokens not cached are priced at the input rate, cache reads at the cached rate, cache writes at
 * the cache-write rate where the package has one; output tokens (reasoning and Gemini thoughts included) at the
 * output rate; tokens the reply assigns to a modality (`Usage.modalities`: audio, image, video, text) at that
 * modality's rate where the package has one (`input_audio_mtok`, `cache_audio_read_mtok`, `output_audio_mtok`,
 * …), completed by aimeter's audio rates for OpenAI's audio-preview chat models; tiered prices use the tier of
 * the request's input size, as the package does. Transcriptions price unsplit input tokens at the audio-input
 * rate and audio seconds at the per-hour rate. The processing tier the reply names (`Usage.serviceTier`) selects
 * OpenAI's flex or priority rates (flex at Batch rates, priority by model); the snapshot names the tier. Price keys for units
 * aimeter does not meter (web searches) are not applied.
 *
 * @example
 * ```ts
 * const source = genaiPricesSource();
 * source.price({ provider: 'openai', model: 'gpt-4o-mini', operation: 'chat', usage, time: new Date() })?.usd;
 * ```
 */
export function genaiPricesSource(options: GenaiPricesSourceOptions = {}): PriceSource {
  // Matching a model in the package's data is too slow to repeat on every call (BENCHMARKS.md). Prices change
  // at most at a minute boundary (dated changes, time-of-day tiers), so a match is reused within its minute,
  // and so is the quoter built from it unless the price is tiered by input size.
  const matches = new Map<string, Map<string, Match>>();
  const fileData = dataFileReader(options.dataFile);
  let cached = 0;
  const source: PriceSource = {
    specificationVersion: 'v1',
    name: 'genai-prices',
    price({ provider, model, operation, usage, time }) {
      const genai = options.calcPrice ? { calcPrice: options.calcPrice, version: options.version } : loadGenaiPrices();
      const minute = Math.floor(time.getTime() / MINUTE_MS);
      let models = matches.get(provider);
      let match = models?.get(model);
      if (match === undefined || match.minute !== minute) {
        const name = model.startsWith('models/') ? model.slice('models/'.length) : model;
        const providerId = PROVIDER_IDS[provider] ?? provider;
        const data = fileData();
        const fromFile = data?.providers.get(providerId);
        const found = genai.calcPrice({}, name, fromFile ? { provider: fromFile, timestamp: time } : { providerId, timestamp: time });
        if (cached >= MAX_CACHED) {
          matches.clear();
          cached = 0;
          models = undefined;
        }
        if (!models) matches.set(provider, (models = new Map<string, Match>()));
        if (!models.has(model)) cached += 1;
        const origin = fromFile && data ? { version: data.version, dataDate: data.date } : { version: options.version ?? genai.version ?? 'unknown' };
        match = newMatch(minute, found, model, origin);
        models.set(model, match);
      }
      if (match.price === null) return undefined;
      if (match.tiered) return withAbout(tieredQuote(match, provider, operation, usage), match.about);
      // One quoter per card kind and processing tier, built on first use.
      const tier = usage.serviceTier;
      const kind = `${operation === 'transcribe' ? 'transcribe' : 'other'}:${tier ?? ''}`;
      let quote = match.quoters.get(kind);
      if (quote === undefined) {
        const card = serviceTierCard(provider, match.modelId, tier, genaiRateCard(match.price, operation, 0, provider, match.modelId));
        quote = card ? (aboutQuoter(cardQuoter(card.card, SOURCE, match.version, card.tier), match.about) ?? null) : UNKNOWN_TIER;
        match.quoters.set(kind, quote);
      }
      if (quote === UNKNOWN_TIER) return withAbout(unknownTier(match.version, tier), match.about);
      return quote === null ? undefined : quote(usage);
    },
    // After the data, one chat price through this source (a match, a rate card, a quote) in a turn of its own,
    // so that the first priced event runs none of that code for the first time.
    preload: () => (options.calcPrice ? Promise.resolve() : preloadGenaiPrices().then(() => nextTurn()).then(() => void source.price(sample()))),
  };
  return source;
}

/** The price data file's providers by id, read now; `undefined` without a file. */
function dataFileReader(path: string | undefined): () => { version: string; date: string; providers: ReadonlyMap<string, Provider> } | undefined {
  if (path === undefined) return () => undefined;
  const read = readGenaiPricesData(path);
  const data = { version: read.version, date: read.date, providers: new Map(read.providers.map((provider) => [provider.id, provider])) };
  return () => data;
}

const sample = (): PriceQuery => ({ provider: 'openai', model: 'gpt-4o-mini', operation: 'chat', usage: { requests: 1, inputTokens: reported(9), outputTokens: reported(2) }, time: new Date() });

const SOURCE = 'genai-prices';
const MINUTE_MS = 60_000;
const MAX_CACHED = 4096;

/** What a snapshot says beyond its rates: the entry priced when it is not the event's model, how, the data's date. */
type SnapshotAbout = { -readonly [K in 'model' | 'resolvedVia' | 'dataDate']?: PriceSnapshot[K] };

/** `quoter` with `about` added to its snapshot (built once, shared by every quote like the quoter's own). */
function aboutQuoter(quoter: CardQuoter | undefined, about: SnapshotAbout): CardQuoter | undefined {
  if (quoter === undefined || Object.keys(about).length === 0) return quoter;
  let snapshot: PriceSnapshot | undefined;
  return (usage) => {
    const quote = quoter(usage);
    snapshot ??= Object.freeze({ ...quote.snapshot, ...about });
    return { usd: quote.usd, snapshot };
  };
}

function withAbout(quote: PriceQuote | undefined, about: SnapshotAbout): PriceQuote | undefined {
  return quote === undefined || Object.keys(about).length === 0 ? quote : { usd: quote.usd, snapshot: { ...quote.snapshot, ...about } };
}

/** A model's price in one minute; `quoters` by card kind and tier (null: the card charges nothing), built on first use. */
interface Match {
  readonly minute: number;
  readonly price: ModelPrice | null;
  /** The package's id of the model the name matched, e.g. `gpt-4o-audio-preview` for `gpt-4o-audio-preview-2024-12-17`. */
  readonly modelId: string;
  /** The data's version (the package's, or the data file's) and what the snapshot says beyond its rates. */
  readonly version: string;
  readonly about: SnapshotAbout;
  /** Whether a price key is tiered by input size: then the card depends on each request's input tokens. */
  readonly tiered: boolean;
  readonly quoters: Map<string, CardQuoter | null | typeof UNKNOWN_TIER>;
}

/** A processing tier whose price is not known for the model. */
const UNKNOWN_TIER = Symbol('unknown tier');

function newMatch(minute: number, found: PriceCalculation | null, model: string, origin: { version: string; dataDate?: string }): Match {
  const price = found ? found.model_price : null;
  const tiered = price !== null && Object.values(price).some((value) => typeof value === 'object');
  const about: SnapshotAbout = {};
  const via = found ? resolutionOf(model, found.model.id) : undefined;
  if (found && via !== undefined) {
    about.model = found.model.id;
    about.resolvedVia = via;
  }
  if (origin.dataDate !== undefined) about.dataDate = origin.dataDate;
  return { minute, price, modelId: found?.model.id ?? model, version: origin.version, about, tiered, quoters: new Map() };
}

/** A quote at a price tiered by input size: the card follows this request's input tokens. */
function tieredQuote(match: Match, provider: string, operation: Operation, usage: Usage): PriceQuote | undefined {
  const standard = genaiRateCard(match.price ?? {}, operation, usage.inputTokens?.value ?? 0, provider, match.modelId);
  const card = serviceTierCard(provider, match.modelId, usage.serviceTier, standard);
  if (!card) return unknownTier(match.version, usage.serviceTier);
  return quoteFromCard(card.card, usage, SOURCE, match.version, card.tier);
}

/** The answer for a processing tier without a known price: the model is known, its cost is not. */
function unknownTier(version: string, tier: string | undefined): PriceQuote {
  return { usd: undefined, unpriced: 'unknown_tier', snapshot: { source: SOURCE, version, rates: {}, ...(tier ? { serviceTier: tier } : {}) } };
}

/**
 * Loads the bundled package in a turn of the event loop of its own (its evaluation blocks the loop for 60–170 ms
 * whatever the import style: the data is one large JavaScript literal) and runs one match, which builds the
 * package's lookup state, so that the first priced event does neither.
 */
function preloadGenaiPrices(): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    setImmediate(() => {
      try {
        loadGenaiPrices().calcPrice({}, 'gpt-4o-mini', { providerId: 'openai' });
        resolve();
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

let bundled: { readonly calcPrice: GenaiCalcPrice; readonly version: string } | undefined;

/** Loads the package synchronously on first use: its bundled price data takes tens of milliseconds to parse. */
function loadGenaiPrices(): { readonly calcPrice: GenaiCalcPrice; readonly version: string } {
  if (!bundled) {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('@pydantic/genai-prices');
    const manifest = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
    const genai = require('@pydantic/genai-prices') as { calcPrice: GenaiCalcPrice };
    bundled = { calcPrice: genai.calcPrice, version: manifest.version };
  }
  return bundled;
}
