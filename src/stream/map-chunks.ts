/**
 * An SDK's chunk stream mapped to deltas, for {@link defineStream}'s `chunks`: `map` returns the delta of a
 * chunk, or undefined to skip it (a usage-only chunk); `end` runs once the source is exhausted and may throw
 * (an SDK that ends quietly when its request is aborted). Not an async generator: a generator's `yield`
 * costs several promise ticks per chunk, on every token of every stream; and `defineStream` reads a
 * `MappedChunks` straight from its source, so the mapping costs no promise of its own.
 *
 * @example
 * ```ts
 * const chunks = new MappedChunks(sdkStream, (chunk) => chunk.text || undefined);
 * for await (const text of chunks) process.stdout.write(text);
 * ```
 */
export class MappedChunks<S, D> implements AsyncIterable<D> {
  /** The SDK's stream. */
  readonly source: AsyncIterable<S>;
  /** Chunk → delta, or undefined to skip the chunk; may throw, which fails the stream. */
  readonly map: (chunk: S) => D | undefined;
  /** Called when the source is done; may throw. */
  readonly end: (() => void) | undefined;

  /**
   * @param source - the SDK's stream
   * @param map - chunk → delta (or undefined to skip)
   * @param end - called when the source is done @defaultValue none
   */
  constructor(source: AsyncIterable<S>, map: (chunk: S) => D | undefined, end?: () => void) {
    this.source = source;
    this.map = map;
    this.end = end;
  }

  /** Iterates the deltas on their own (`defineStream` does not call this). */
  [Symbol.asyncIterator](): AsyncIterator<D> {
    const inner = this.source[Symbol.asyncIterator]();
    const step = (result: IteratorResult<S>): IteratorResult<D> | Promise<IteratorResult<D>> => {
      const mapped = this.mapResult(result);
      return mapped === undefined ? inner.next().then(step) : mapped;
    };
    return {
      next: () => inner.next().then(step),
      return: async () => {
        await inner.return?.();
        return { done: true, value: undefined };
      },
    };
  }

  /** The iterator result for one of the source's: undefined for a chunk `map` skips. */
  mapResult(result: IteratorResult<S>): IteratorResult<D> | undefined {
    if (result.done) {
      this.end?.();
      return { done: true, value: undefined };
    }
    const delta = this.map(result.value);
    return delta === undefined ? undefined : { done: false, value: delta };
  }
}

/**
 * An SDK's chunk stream mapped to deltas, for {@link defineStream}'s `chunks`: `map` returns the delta of a
 * chunk, or undefined to skip it (a usage-only chunk); `end` runs once the source is exhausted and may throw
 * (an SDK that ends quietly when its request is aborted). `defineStream` applies `map` inside its own step,
 * so mapping adds no promise per chunk.
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
export function mapChunks<S, D>(source: AsyncIterable<S>, map: (chunk: S) => D | undefined, end?: () => void): MappedChunks<S, D> {
  return new MappedChunks(source, map, end);
}
