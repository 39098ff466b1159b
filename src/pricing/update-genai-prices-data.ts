import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PriceDataError } from '../errors/price-data-error.js';
import { genaiPricesDataFrom, genaiPricesDataText, type GenaiPricesData } from './genai-prices-data.js';

/**
 * Options of {@link updateGenaiPricesData}.
 *
 * @example
 * ```ts
 * const options: UpdateGenaiPricesOptions = { file: '.aimeter/genai-prices.json', timeoutMs: 30_000 };
 * ```
 */
export interface UpdateGenaiPricesOptions {
  /** Where to write the data; the directory is created. @default '.aimeter/genai-prices.json' */
  readonly file?: string;
  /**
   * Where to download genai-prices' data from.
   * @default the package's `REMOTE_DATA_JSON_URL` (its data.json on GitHub, the data its own `updatePrices` uses)
   */
  readonly url?: string;
  /** Gives up after this long, in milliseconds. @default 30_000 */
  readonly timeoutMs?: number;
  /** The `fetch` to use. @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

/**
 * The default data file of `aimeter prices update`, relative to the working directory.
 *
 * @example
 * ```ts
 * const ai = createAIClient({ providers: { openai: openai() }, pricing: { dataFile: DEFAULT_PRICE_DATA_FILE } });
 * ```
 */
export const DEFAULT_PRICE_DATA_FILE = '.aimeter/genai-prices.json';

/**
 * Downloads `@pydantic/genai-prices`' newest published price data and writes it, with its version (a hash of
 * the bytes) and date, to a local file that `defaultPriceSource({ genaiPrices: { dataFile } })` (or the client's
 * `pricing.dataFile`) loads: newer prices without a new release of either package. This is the only place
 * aimeter reaches the network for prices, and only when called. The file is replaced whole (written aside,
 * then renamed); a failed download or data that is not genai-prices data throws {@link PriceDataError} and
 * leaves the previous file as it was.
 *
 * @example
 * ```ts
 * const data = await updateGenaiPricesData({ file: '.aimeter/genai-prices.json' });
 * console.log(`prices ${data.version} of ${data.date}`);
 * ```
 */
export async function updateGenaiPricesData(options: UpdateGenaiPricesOptions = {}): Promise<GenaiPricesData & { readonly file: string }> {
  const file = options.file ?? DEFAULT_PRICE_DATA_FILE;
  const url = options.url ?? (await import('@pydantic/genai-prices')).REMOTE_DATA_JSON_URL;
  const fetchData = options.fetch ?? globalThis.fetch;
  let response: Response;
  let body: Uint8Array;
  try {
    response = await fetchData(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 30_000), headers: { accept: 'application/json' } });
    body = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw new PriceDataError(url, `download failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (!response.ok) throw new PriceDataError(url, `download failed: HTTP ${response.status}`);
  const data = genaiPricesDataFrom(body, { source: url, lastModified: response.headers.get('last-modified'), fetchedAt: new Date() });
  await mkdir(dirname(file), { recursive: true });
  const aside = `${file}.${process.pid}.tmp`;
  await writeFile(aside, genaiPricesDataText(data));
  await rename(aside, file);
  return { ...data, file };
}
