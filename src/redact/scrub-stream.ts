import type { StreamCallResult, StreamEnd } from '../call-result.js';
import { SourceIterator } from '../stream/source-iterator.js';
import type { Scrubber } from './scrubber.js';

/**
 * A stream result whose failures leave scrubbed: an error thrown while iterating, and the `error` of `final`.
 * Chunks pass through untouched and unbuffered. A stream straight from `defineStream` scrubs its errors
 * itself ({@link SourceIterator.filterErrors}); one a middleware wrapped is wrapped once more, at the cost of
 * a promise per chunk.
 *
 * @example
 * ```ts
 * const safe = scrubStreamResult(await handler(ctx), scrubber);
 * for await (const delta of safe.stream) process.stdout.write(delta.text ?? '');
 * ```
 */
export function scrubStreamResult<D, O>(result: StreamCallResult<D, O>, scrubber: Scrubber): StreamCallResult<D, O> {
  const scrub = (error: unknown): unknown => scrubber.scrub(error);
  const final = result.final.then((end: StreamEnd<O>) => (end.error === undefined ? end : { ...end, error: scrub(end.error) }));
  const source = result.stream;
  if (source instanceof SourceIterator) {
    source.filterErrors(scrub);
    return { ...result, final };
  }
  const stream: AsyncIterable<D> = {
    [Symbol.asyncIterator]() {
      const inner = source[Symbol.asyncIterator]();
      return {
        next: () => inner.next().catch((error: unknown) => Promise.reject(scrub(error))),
        return: async () => (await inner.return?.()) ?? { done: true, value: undefined },
      };
    },
  };
  return { ...result, stream, final };
}
