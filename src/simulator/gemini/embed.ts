import type { Exchange } from '../exchange.js';
import { digest } from '../tokens.js';
import { invalidArgument } from './errors.js';
import type { WireContent } from './request.js';

interface EmbedRequest {
  readonly model?: string;
  readonly content?: WireContent;
  readonly outputDimensionality?: number;
}

/**
 * `:embedContent`: `{"embedding":{"values":[…]}}` and, like the real API, no usage at all. Vectors are seeded by the
 * text: the same text always embeds the same; 3072 dimensions for `gemini-embedding-*`, else 768, unless
 * `outputDimensionality` says otherwise.
 */
export function handleEmbed(exchange: Exchange, model: string): Promise<void> {
  const request = exchange.body?.json as EmbedRequest | undefined;
  if (!request?.content?.parts) return exchange.error(invalidArgument('* EmbedContentRequest.content: content is not specified\n'));
  return exchange.json(200, { embedding: { values: vector(request, model) } });
}

/** `:batchEmbedContents`: `{"embeddings":[{"values":[…]}, …]}` in request order; every request must name the URL's model. */
export function handleBatchEmbed(exchange: Exchange, model: string): Promise<void> {
  const requests = (exchange.body?.json as { requests?: unknown } | undefined)?.requests;
  if (!Array.isArray(requests) || requests.length === 0) {
    return exchange.error(invalidArgument('* BatchEmbedContentsRequest.requests: requests is not specified\n'));
  }
  const embeddings: { values: number[] }[] = [];
  for (const [i, request] of (requests as EmbedRequest[]).entries()) {
    if (request.model !== `models/${model}`) {
      return exchange.error(invalidArgument(`* BatchEmbedContentsRequest.requests[${i}].model: the model must be models/${model}, as in the URL\n`));
    }
    if (!request.content?.parts) return exchange.error(invalidArgument(`* BatchEmbedContentsRequest.requests[${i}].content: content is not specified\n`));
    embeddings.push({ values: vector(request, model) });
  }
  return exchange.json(200, { embeddings });
}

function vector(request: EmbedRequest, model: string): number[] {
  const size = request.outputDimensionality ?? (model.startsWith('gemini-embedding') ? 3072 : 768);
  const values: number[] = [];
  let pool = digest(request.content?.parts?.map((p) => p.text ?? '').join('\n') ?? '');
  while (values.length < size) {
    for (let i = 0; i + 4 <= pool.length && values.length < size; i += 4) {
      values.push(Math.round((parseInt(pool.slice(i, i + 4), 16) / 0xffff) * 2e6 - 1e6) / 1e6);
    }
    pool = digest(pool);
  }
  return values;
}
