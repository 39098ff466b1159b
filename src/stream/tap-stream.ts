import type { StreamCallResult } from '../call-result.js';

/**
 * Lets a middleware observe each chunk of a stream as it passes, without buffering. The end of the stream
 * (completion, abort, failure) is observed on `result.final`. Stopping early propagates to the adapter.
 *
 * @example
 * ```ts
 * const result = await next();
 * if (isStreamResult(result)) {
 *   void result.final.then((end) => console.log('stream ended', end.outcome));
 *   return tapStream(result, (chunk) => console.log('chunk', chunk));
 * }
 * return result;
 * ```
 */
export function tapStream<D, O>(result: StreamCallResult<D, O>, onChunk: (chunk: D) => void): StreamCallResult<D, O> {
  const source = result.stream;
  const stream: AsyncIterable<D> = {
    [Symbol.asyncIterator]() {
      const inner = source[Symbol.asyncIterator]();
      return {
        async next() {
          const step = await inner.next();
          if (!step.done) onChunk(step.value);
          return step;
        },
        async return() {
          return (await inner.return?.()) ?? { done: true, value: undefined };
        },
      };
    },
  };
  return { ...result, stream };
}
