import type { Exchange } from '../exchange.js';
import { digest, simulatedTokenCount } from '../tokens.js';
import type { OpenAIContext } from './context.js';
import { invalidRequest } from './errors.js';
import { positiveIntegerProblem } from './integer-param.js';
import { embeddingDimensions } from './models.js';

interface EmbeddingsRequest {
  readonly model?: string;
  readonly input?: unknown;
  readonly encoding_format?: 'float' | 'base64';
  readonly dimensions?: number;
}

/**
 * `POST /v1/embeddings`: one vector per input, in order, seeded by the input (the same text always embeds the
 * same), of unit length, every value a float32. `encoding_format: "base64"` (what openai-node sends unless told
 * otherwise) gives each vector as base64 of little-endian float32s, `float` as a JSON array; both decode to the
 * same numbers. `dimensions` shortens `text-embedding-3-*` vectors. Usage: `prompt_tokens` = `total_tokens` =
 * {@link simulatedTokenCount} of every text input (a token-array input counts its length).
 */
export function handleEmbeddings(exchange: Exchange, ctx: OpenAIContext): Promise<void> {
  const request = exchange.body?.json as EmbeddingsRequest | undefined;
  const inputs = embeddingInputs(request?.input);
  if (!request?.model) return exchange.error(invalidRequest("Missing required parameter: 'model'.", 'model', 'missing_required_parameter'));
  if (!inputs) return exchange.error(invalidRequest("'input' : input must be a string, an array of strings or an array of token arrays, and must not be empty.", 'input'));
  const format = request.encoding_format ?? 'float';
  if (format !== 'float' && format !== 'base64') {
    return exchange.error(invalidRequest(`Invalid value: '${String(format)}'. Supported values are: 'float' and 'base64'.`, 'encoding_format', 'invalid_value'));
  }
  const tokens = inputs.reduce((sum, input) => sum + (typeof input === 'string' ? simulatedTokenCount(input) : input.length), 0);
  const badDimensions = positiveIntegerProblem(request.dimensions, 'dimensions');
  if (badDimensions) return exchange.error(invalidRequest(badDimensions.message, badDimensions.param, badDimensions.code ?? null));
  const refused = ctx.admit(request.model, tokens);
  if (refused) return exchange.error(refused);
  const size = request.dimensions ?? embeddingDimensions(request.model);
  const data = inputs.map((input, index) => {
    const vector = embeddingVector(typeof input === 'string' ? input : input.join(' '), size);
    const embedding = format === 'base64' ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64') : Array.from(vector);
    return { object: 'embedding', index, embedding };
  });
  const usage = { prompt_tokens: tokens, total_tokens: tokens };
  return exchange.json(200, { object: 'list', data, model: request.model, usage }, { usage });
}

function embeddingInputs(input: unknown): (string | number[])[] | undefined {
  if (typeof input === 'string') return input === '' ? undefined : [input];
  if (!Array.isArray(input) || input.length === 0) return undefined;
  if (input.every((i) => typeof i === 'number')) return [input];
  const ok = input.every((i) => (typeof i === 'string' && i !== '') || (Array.isArray(i) && i.length > 0 && i.every((t) => typeof t === 'number')));
  return ok ? (input as (string | number[])[]) : undefined;
}

/** A unit-length vector of `size` float32s seeded by `text`. */
export function embeddingVector(text: string, size: number): Float32Array {
  const raw: number[] = [];
  let pool = digest(text);
  while (raw.length < size) {
    for (let i = 0; i + 4 <= pool.length && raw.length < size; i += 4) raw.push(parseInt(pool.slice(i, i + 4), 16) / 0xffff - 0.5);
    pool = digest(pool);
  }
  const norm = Math.hypot(...raw) || 1;
  return Float32Array.from(raw, (v) => v / norm);
}
