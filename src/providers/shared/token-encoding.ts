import type * as Lite from 'js-tiktoken/lite';
import type { TiktokenEncoding, TiktokenModel } from 'js-tiktoken/lite';

/**
 * A tiktoken encoding (BPE rank table): `o200k_base`, `cl100k_base`, or a legacy one.
 *
 * @example
 * ```ts
 * const encoding: TokenEncoding = encodingFor('openai', 'gpt-4o-mini'); // 'o200k_base'
 * ```
 */
export type TokenEncoding = TiktokenEncoding;

/**
 * Every {@link TokenEncoding}: the rank tables js-tiktoken ships.
 *
 * @example
 * ```ts
 * if (!TOKEN_ENCODINGS.includes(name)) throw new Error(`unknown encoding "${name}"`);
 * ```
 */
export const TOKEN_ENCODINGS: readonly TokenEncoding[] = ['o200k_base', 'cl100k_base', 'p50k_base', 'p50k_edit', 'r50k_base', 'gpt2'];

// For models js-tiktoken does not list (yet): the GPT-4 (not 4o, 4.1, 4.5), GPT-3.5 and text-embedding
// generations use cl100k_base; everything newer, and any model we cannot place, o200k_base.
const CL100K = /^(?:gpt-4(?:-|$)|gpt-3\.5|gpt-35|text-embedding-)/;
// `ft:gpt-4o-mini-2024-07-18:org::id` is tokenized like its base model.
const FINE_TUNED = /^ft:([^:]+):.*$/;

let map: typeof Lite | undefined;
let mapLoading: Promise<void> | undefined;

/**
 * Loads js-tiktoken's model map (a few kB, without any rank table) for {@link encodingFor}, which starts this on
 * its first call. Never rejects.
 *
 * @example
 * ```ts
 * await loadModelMap();
 * encodingFor('openai', 'text-davinci-003'); // 'p50k_base', from the map
 * ```
 */
export function loadModelMap(): Promise<void> {
  mapLoading ??= import('js-tiktoken/lite').then(
    (loaded) => void (map = loaded),
    () => undefined,
  );
  return mapLoading;
}

/**
 * The encoding that counts `model`'s tokens. OpenAI: js-tiktoken's own model map (`getEncodingNameForModel`)
 * where it knows the model, else by generation (see above; until the map is loaded, by generation, which agrees
 * with the map on every chat and embedding model). Gemini has no public JavaScript tokenizer: `o200k_base`
 * stands in for it, so Gemini figures counted with it are an approximation (always `estimated`). Synchronous,
 * so that a stream's end can be settled at once; nothing is loaded when aimeter is imported.
 *
 * @param provider - `openai`, `gemini`, …
 * @param model - the provider's model id
 * @returns the encoding name
 *
 * @example
 * ```ts
 * encodingFor('openai', 'gpt-4'); // 'cl100k_base'
 * encodingFor('gemini', 'gemini-2.5-flash'); // 'o200k_base' (approximation)
 * ```
 */
export function encodingFor(provider: string, model: string): TokenEncoding {
  if (provider !== 'openai') return 'o200k_base';
  const base = model.replace(FINE_TUNED, '$1');
  return listedEncoding(base) ?? (CL100K.test(base) ? 'cl100k_base' : 'o200k_base');
}

function listedEncoding(model: string): TokenEncoding | undefined {
  if (!map) {
    void loadModelMap();
    return undefined;
  }
  try {
    return map.getEncodingNameForModel(model as TiktokenModel);
  } catch {
    return undefined; // "Unknown model"
  }
}
