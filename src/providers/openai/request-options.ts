import type OpenAI from 'openai';

type RequestOptions = OpenAI.RequestOptions;

/**
 * Per-request SDK options of every call: the call's signal, and nothing else (retries off and the timeout are
 * settings of the client itself, see `openai()`): any per-request option makes the SDK merge its options
 * and headers once more on every request.
 *
 * @example
 * ```ts
 * await client.embeddings.create(body, requestOptions(call.signal));
 * ```
 */
export function requestOptions(signal: AbortSignal | undefined): RequestOptions | undefined {
  return signal ? { signal } : undefined;
}

/**
 * Status, request id and the reply headers a consumer reads, as a call result carries them.
 *
 * @example
 * ```ts
 * const meta: ReplyMeta = { status: 200, requestId: 'req_1', headers: { 'x-ratelimit-remaining-requests': '59' } };
 * ```
 */
export interface ReplyMeta {
  status: number;
  requestId?: string;
  headers: Record<string, string>;
}

/**
 * Status, request id and the headers consumers read, lower-cased: the announced limits (`x-ratelimit-*`,
 * read by adaptive throttling), `retry-after`, `retry-after-ms`, `x-request-id` and `openai-processing-ms`.
 * The rest (content type, cookies, CDN headers…) is left out: copying every header cost each call more than
 * anything else the adapter does.
 *
 * @example
 * ```ts
 * const { data, response, request_id } = await client.chat.completions.create(body).withResponse();
 * const { status, requestId, headers } = replyMeta(response, request_id);
 * ```
 */
export function replyMeta(response: Response, requestId: string | null | undefined): ReplyMeta {
  return withReply<object>({}, response, requestId);
}

/**
 * Adds {@link replyMeta}'s fields to a result the caller just built, in place (no copy of the result).
 *
 * @example
 * ```ts
 * return withReply({ output, usage, raw: data }, response, request_id);
 * ```
 */
export function withReply<T extends object>(result: T, response: Response, requestId: string | null | undefined): T & ReplyMeta {
  const reply = result as T & ReplyMeta;
  reply.status = response.status;
  const id = requestId ?? response.headers.get('x-request-id');
  if (id) reply.requestId = id;
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (KEPT.has(name) || name.startsWith('x-ratelimit-')) headers[name] = value;
  });
  reply.headers = headers;
  return reply;
}

const KEPT = new Set(['retry-after', 'retry-after-ms', 'x-request-id', 'openai-processing-ms']);
