import type { StreamCallResult } from '../call-result.js';
import { filterStreamErrors } from '../stream/source-iterator.js';
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
  return filterStreamErrors(result, (error) => scrubber.scrub(error));
}
