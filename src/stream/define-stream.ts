import type { StreamCallResult } from '../call-result.js';
import { SourceIterator, type StreamSource } from './source-iterator.js';

export type { StreamSource } from './source-iterator.js';

/**
 * Turns an adapter's chunk source into a {@link StreamCallResult} carrying its status, request id and headers:
 * counts chunks, stamps the first one, cancels the request when the consumer stops early (even before its first
 * `next()`), and resolves `final` exactly once however the stream ends.
 *
 * @example
 * ```ts
 * let text = '';
 * return defineStream({
 *   chunks: mapChunks(sdkStream, (c) => { text += c.text; return c; }),
 *   settle: (outcome) => ({ output: { text }, usage: outcome === 'ok' ? reportedUsage : estimateUsage(text) }),
 *   cancel: () => sdkStream.controller.abort(),
 *   signal,
 * });
 * ```
 */
export function defineStream<D, O>(source: StreamSource<D, O>): StreamCallResult<D, O> {
  const stream = new SourceIterator(source);
  const result: { -readonly [K in keyof StreamCallResult<D, O>]: StreamCallResult<D, O>[K] } = { stream, final: stream.final };
  if (source.status !== undefined) result.status = source.status;
  if (source.requestId !== undefined) result.requestId = source.requestId;
  if (source.headers !== undefined) result.headers = source.headers;
  return result;
}
