import type OpenAI from 'openai';

type RequestOptions = OpenAI.RequestOptions;

/**
 * Per-request SDK options of every call: no SDK retries (the client's retry middleware owns retrying, and a
 * user-built client may have them on), the adapter's timeout, and the call's signal.
 */
export function requestOptions(timeoutMs: number, signal: AbortSignal | undefined): RequestOptions {
  return { maxRetries: 0, timeout: timeoutMs, ...(signal ? { signal } : {}) };
}

/** Status, request id and lower-cased headers of a reply, for the call result. */
export function replyMeta(response: Response, requestId: string | null | undefined): { status: number; requestId?: string; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  const id = requestId ?? response.headers.get('x-request-id');
  return { status: response.status, ...(id ? { requestId: id } : {}), headers };
}
