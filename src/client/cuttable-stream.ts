import { ClientClosedError } from '../errors/client-closed-error.js';

/**
 * A call's chunks as the client hands them to the caller, with a way for a shutdown to end the stream. `cut()`
 * ends it as a consumer's `break` does, whether the caller is reading it, has stopped reading it, or never
 * started: the provider request is cancelled and the stream's `final` settles `aborted`, with the usage of what
 * was streamed (estimated where the provider reported none), so the meter still records it. A read after the
 * cut rejects with {@link ClientClosedError}. Until the cut, each chunk reaches the reader as the source yields it.
 *
 * @example
 * ```ts
 * const stream = new CuttableStream(result.stream);
 * const handed = { ...result, stream };
 * await stream.cut(); // at the shutdown deadline
 * ```
 */
export class CuttableStream<D> implements AsyncIterable<D> {
  readonly #source: AsyncIterable<D>;
  #inner: AsyncIterator<D> | undefined;
  #cut = false;
  #ended = false;

  /** @param source - the chain's chunks; read once */
  constructor(source: AsyncIterable<D>) {
    this.#source = source;
  }

  [Symbol.asyncIterator](): AsyncIterator<D> {
    const inner = this.#open();
    const ended = <T>(result: T): T => ((this.#ended = true), result);
    return {
      next: () => {
        if (this.#cut) return Promise.reject(new ClientClosedError('the stream was cut off: the client closed'));
        return inner.next().then(
          (result) => (result.done ? ended(result) : result),
          (error: unknown) => Promise.reject(ended(error)),
        );
      },
      return: () => {
        this.#ended = true;
        return inner.return ? inner.return() : Promise.resolve({ done: true, value: undefined });
      },
    };
  }

  /** Whether the caller is done with it (read to the end, stopped, failed) or it was cut: its end is owed, if not known yet. */
  get ended(): boolean {
    return this.#ended || this.#cut;
  }

  /** Ends the stream now (cancelling its provider request); resolves once the source acknowledged it. */
  async cut(): Promise<void> {
    if (this.#cut) return;
    this.#cut = true;
    try {
      await this.#open().return?.();
    } catch {
      // The source failing to stop is not the shutdown's failure: its `final` still reports how it ended.
    }
  }

  #open(): AsyncIterator<D> {
    return (this.#inner ??= this.#source[Symbol.asyncIterator]());
  }
}
