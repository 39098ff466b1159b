import { MappedChunks } from './source-iterator.js';

/**
 * An SDK's chunk stream mapped to deltas, for {@link defineStream}'s `chunks`: `map` returns the delta of a
 * chunk, or undefined to skip it (a usage-only chunk); `end` runs once the source is exhausted and may throw
 * (an SDK that ends quietly when its request is aborted). `defineStream` applies `map` as it reads the source.
 *
 * @param source - the SDK's stream
 * @param map - chunk → delta (or undefined to skip); may throw, which fails the stream
 * @param end - called when the source is done @defaultValue none
 *
 * @example
 * ```ts
 * let text = '';
 * const chunks = mapChunks(sdkStream, (chunk) => {
 *   const piece = chunk.choices[0]?.delta.content;
 *   if (!piece) return undefined;
 *   text += piece;
 *   return { text: piece };
 * });
 * ```
 */
export function mapChunks<S, D>(source: AsyncIterable<S>, map: (chunk: S) => D | undefined, end?: () => void): AsyncIterable<D> {
  return new MappedChunks(source, map, end);
}
