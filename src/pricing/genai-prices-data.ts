import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Provider } from '@pydantic/genai-prices';
import { PriceDataError } from '../errors/price-data-error.js';
import { isRecord } from '../is-record.js';

/** The `format` field of a price data file this version of aimeter writes and reads. */
export const PRICE_DATA_FORMAT = 'aimeter-genai-prices/1';

/**
 * Price data in `@pydantic/genai-prices`' own format (its published `data.json`: a list of providers with their
 * models, match rules and dated prices), as `aimeter prices update` stores it, with where and when it came from.
 *
 * @example
 * ```ts
 * const data: GenaiPricesData = readGenaiPricesData('.aimeter/genai-prices.json');
 * console.log(data.version, data.date, data.providers.length);
 * ```
 */
export interface GenaiPricesData {
  /** Identifies the data: `sha256:` and the first 16 hex digits of the SHA-256 of the downloaded bytes. */
  readonly version: string;
  /** When the data was last changed: the download's `Last-Modified`, else the time it was fetched (ISO 8601). */
  readonly date: string;
  /** Where it was downloaded from. */
  readonly source: string;
  /** When it was downloaded (ISO 8601). */
  readonly fetchedAt: string;
  /** The providers, as genai-prices' `data.json` holds them. */
  readonly providers: readonly Provider[];
}

/**
 * Reads and checks a price data file written by `aimeter prices update` (or by {@link updateGenaiPricesData}).
 * Synchronous: a price source reads it once, on its first price or in its preload. Throws
 * {@link PriceDataError} when the file is missing, unreadable or not price data.
 *
 * @example
 * ```ts
 * const data = readGenaiPricesData('.aimeter/genai-prices.json');
 * ```
 */
export function readGenaiPricesData(path: string): GenaiPricesData {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PriceDataError(path, `cannot read the price data file (${(error as NodeJS.ErrnoException).code ?? String(error)}); run \`aimeter prices update\` to create it`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PriceDataError(path, 'the price data file is not JSON', { cause: error });
  }
  if (!isRecord(json) || json['format'] !== PRICE_DATA_FORMAT) {
    throw new PriceDataError(path, `expected a price data file of format ${PRICE_DATA_FORMAT}, as \`aimeter prices update\` writes`);
  }
  for (const field of ['version', 'date', 'source', 'fetchedAt'] as const) {
    if (typeof json[field] !== 'string') throw new PriceDataError(path, `the price data file has no ${field}`);
  }
  return {
    version: json['version'] as string,
    date: json['date'] as string,
    source: json['source'] as string,
    fetchedAt: json['fetchedAt'] as string,
    providers: checkProviders(json['providers'], path),
  };
}

/**
 * Checks downloaded bytes as genai-prices provider data and wraps them with their version and date. Throws
 * {@link PriceDataError} naming `source` when they are not a list of providers with models.
 *
 * @example
 * ```ts
 * const data = genaiPricesDataFrom(body, { source: url, lastModified: response.headers.get('last-modified'), fetchedAt: new Date() });
 * ```
 */
export function genaiPricesDataFrom(
  body: Uint8Array,
  origin: { readonly source: string; readonly lastModified?: string | null; readonly fetchedAt: Date },
): GenaiPricesData {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch (error) {
    throw new PriceDataError(origin.source, 'the download is not JSON', { cause: error });
  }
  const providers = checkProviders(json, origin.source);
  const modified = origin.lastModified ? new Date(origin.lastModified) : undefined;
  const fetchedAt = origin.fetchedAt.toISOString();
  return {
    version: `sha256:${createHash('sha256').update(body).digest('hex').slice(0, 16)}`,
    date: modified && !Number.isNaN(modified.getTime()) ? modified.toISOString() : fetchedAt,
    source: origin.source,
    fetchedAt,
    providers,
  };
}

/**
 * The file text of `data`: what {@link readGenaiPricesData} reads back.
 *
 * @example
 * ```ts
 * writeFileSync(path, genaiPricesDataText(data));
 * ```
 */
export function genaiPricesDataText(data: GenaiPricesData): string {
  const { version, date, source, fetchedAt, providers } = data;
  return `${JSON.stringify({ format: PRICE_DATA_FORMAT, version, date, source, fetchedAt, providers })}\n`;
}

function checkProviders(value: unknown, location: string): readonly Provider[] {
  if (!Array.isArray(value) || value.length === 0) throw new PriceDataError(location, 'expected a non-empty list of providers (genai-prices data.json)');
  for (const [index, provider] of value.entries()) {
    if (!isRecord(provider) || typeof provider['id'] !== 'string' || !Array.isArray(provider['models'])) {
      throw new PriceDataError(location, `provider ${index}: expected an object with an id and a list of models`);
    }
    for (const model of provider['models'] as unknown[]) {
      if (!isRecord(model) || typeof model['id'] !== 'string' || !isRecord(model['match']) || typeof model['prices'] !== 'object' || model['prices'] === null) {
        throw new PriceDataError(location, `provider ${provider['id']}: expected each model to have an id, a match rule and prices`);
      }
    }
  }
  return value as Provider[];
}
