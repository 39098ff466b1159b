/**
 * A stream whose first results were already read (to look at its head before answering): yields those results,
 * then reads on from the same iterator: once the held results are spent, `next()` reads the iterator itself;
 * `return()` closes the iterator.
 *
 * @param held - results read so far, in order (a `done` one ends the stream there)
 * @param rest - the iterator they were read from
 *
 * @example
 * ```ts
 * const iterator = sdkStream[Symbol.asyncIterator]();
 * const first = await iterator.next();
 * const chunks = mapChunks(heldChunks([first], iterator), toDelta);
 * ```
 */
export function heldChunks<T>(held: readonly IteratorResult<T>[], rest: AsyncIterator<T>): AsyncIterable<T> {
  const queue = [...held];
  const iterator: AsyncIterator<T> = {
    next: () => {
      const result = queue.shift();
      return result ? Promise.resolve(result) : rest.next();
    },
    return: async () => {
      queue.length = 0;
      return (await rest.return?.()) ?? { done: true, value: undefined };
    },
  };
  return { [Symbol.asyncIterator]: () => iterator };
}
