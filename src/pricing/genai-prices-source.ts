import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { calcPrice, ModelPrice } from '@pydantic/genai-prices';
import type { Operation } from '../operations/operation.js';
import { reported } from '../usage.js';
import type { PriceQuery, PriceSource } from './price-source.js';
import { cardQuoter, quoteFromCard, type CardQuoter } from './quote-from-card.js';
import type { RateCard } from './rate-card.js';

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
}

/** aimeter provider names that genai-prices spells differently. */
const PROVIDER_IDS: Readonly<Record<string, string>> = { gemini: 'google' };

/**
 * LLM and embedding prices from `@pydantic/genai-prices` (bundled data, the price in force at the request's
 * time). Input tokens not cached are priced at the input rate, cache reads at the cached rate, cache writes at
 * the cache-write rate where the package has one; output tokens (reasoning and Gemini thoughts included) at the
 * output rate; tiered prices use the tier of the request's input size, as the package does. Transcriptions
 * price input tokens at the audio-input rate and audio seconds at the per-hour rate. Price keys for units
 * aimeter does not meter (images, web searches) are not applied.
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
        const found = genai.calcPrice({}, model.startsWith('models/') ? model.slice('models/'.length) : model, {
          providerId: PROVIDER_IDS[provider] ?? provider,
          timestamp: time,
        });
        if (cached >= MAX_CACHED) {
          matches.clear();
          cached = 0;
          models = undefined;
        }
        if (!models) matches.set(provider, (models = new Map<string, Match>()));
        if (!models.has(model)) cached += 1;
        match = newMatch(minute, found ? found.model_price : null);
        models.set(model, match);
      }
      if (match.price === null) return undefined;
      const version = options.version ?? genai.version ?? 'unknown';
      if (match.tiered) return quoteFromCard(rateCard(match.price, operation, usage.inputTokens?.value ?? 0), usage, SOURCE, version);
      const kind = operation === 'transcribe' ? 'transcribe' : 'other';
      let quote = match.quoters[kind];
      if (quote === undefined) quote = match.quoters[kind] = cardQuoter(rateCard(match.price, operation, 0), SOURCE, version) ?? null;
      return quote === null ? undefined : quote(usage);
    },
    // After the data, one chat price through this source (a match, a rate card, a quote) in a turn of its own,
    // so that the first priced event runs none of that code for the first time.
    preload: () => (options.calcPrice ? Promise.resolve() : preloadGenaiPrices().then(() => nextTurn()).then(() => void source.price(sample()))),
  };
  return source;
}

const sample = (): PriceQuery => ({ provider: 'openai', model: 'gpt-4o-mini', operation: 'chat', usage: { requests: 1, inputTokens: reported(9), outputTokens: reported(2) }, time: new Date() });

const SOURCE = 'genai-prices';
const MINUTE_MS = 60_000;
const MAX_CACHED = 4096;

/** A model's price in one minute; `quoters` by card kind (null: the card charges nothing), built on first use. */
interface Match {
  readonly minute: number;
  readonly price: ModelPrice | null;
  /** Whether a price key is tiered by input size: then the card depends on each request's input tokens. */
  readonly tiered: boolean;
  readonly quoters: { transcribe?: CardQuoter | null; other?: CardQuoter | null };
}

function newMatch(minute: number, price: ModelPrice | null): Match {
  const tiered = price !== null && Object.values(price).some((value) => typeof value === 'object');
  return { minute, price, tiered, quoters: {} };
}

function rateCard(price: ModelPrice, operation: Operation, inputTokens: number): RateCard {
  const perToken = (key: string): number | undefined => {
    const perMillion = at(price, key, inputTokens);
    return perMillion === undefined ? undefined : perMillion / 1e6;
  };
  const perHour = at(price, 'audio_hours', inputTokens) ?? at(price, 'input_audio_hours', inputTokens);
  return {
    inputToken: operation === 'transcribe' ? (perToken('input_audio_mtok') ?? perToken('input_mtok')) : perToken('input_mtok'),
    cachedInputToken: perToken('cache_read_mtok'),
    cacheWriteInputToken: perToken('cache_write_mtok'),
    outputToken: perToken('output_mtok'),
    audioSecond: perHour === undefined ? undefined : perHour / 3600,
  };
}

/** A price key's value; a tiered price takes the highest tier whose start the input size exceeds. */
function at(price: ModelPrice, key: string, inputTokens: number): number | undefined {
  const value = price[key];
  if (value === undefined || typeof value === 'number') return value;
  let rate = value.base;
  let from = -1;
  for (const tier of value.tiers) {
    if (inputTokens > tier.start && tier.start > from) {
      rate = tier.price;
      from = tier.start;
    }
  }
  return rate;
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
