import type { StreamCallResult, StreamEnd } from '../call-result.js';
import type { Scrubber } from './scrubber.js';

/**
 * A stream result whose failures leave scrubbed: an error thrown while iterating, and the `error` of `final`.
 * Chunks pass through untouched and unbuffered.
 *
 * @example
 * ```ts
 * const safe = scrubStreamResult(await handler(ctx), scrubber);
 * for await (const delta of safe.stream) process.stdout.write(delta.text ?? '');
 * ```
 */
export function scrubStreamResult<D, O>(result: StreamCallResult<D, O>, scrubber: Scrubber): StreamCallResult<D, O> {
  const source = result.stream;
  const stream: AsyncIterable<D> = {
    [Symbol.asyncIterator]() {
      const inner = source[Symbol.asyncIterator]();
      return {
        next: () => inner.next().catch((error: unknown) => Promise.reject(scrubber.scrub(error))),
        return: async () => (await inner.return?.()) ?? { done: true, value: undefined },
      };
    },
  };
  const final = result.final.then((end: StreamEnd<O>) => (end.error === undefined ? end : { ...end, error: scrubber.scrub(end.error) }));
  return { ...result, stream, final };
}
