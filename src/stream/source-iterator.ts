import type { CallResult, StreamEnd, StreamOutcome } from '../call-result.js';
import { AbortedError } from '../errors/aborted-error.js';
import { MappedChunks } from './map-chunks.js';

/**
 * What an adapter supplies to `defineStream`.
 *
 * @example
 * ```ts
 * const source: StreamSource<ChatDelta, ChatOutput> = {
 *   chunks: deltas, // the SDK's chunks mapped to ChatDelta, appending to `text` as they pass
 *   settle: (outcome) => ({ output: { text, toolCalls: [], finishReason: 'stop' }, usage: outcome === 'ok' ? reportedUsage : estimateUsage(text) }),
 *   cancel: () => controller.abort(),
 * };
 * return defineStream(source);
 * ```
 */
export interface StreamSource<D, O> {
  /** The chunks mapped to normalized deltas (best with {@link mapChunks}, which costs no promise per chunk). Read once. */
  readonly chunks: AsyncIterable<D>;
  /**
   * Builds the end result once, from whatever the adapter accumulated: reported usage for a complete stream,
   * estimated usage for the part received when it was aborted or failed.
   */
  readonly settle: (outcome: StreamOutcome, error: unknown) => CallResult<O>;
  /** Cancels the underlying HTTP request; called when the consumer stops early. */
  readonly cancel: () => void;
  /** The call's signal: an error while it is aborted counts as `aborted`, not `error`. */
  readonly signal?: AbortSignal | undefined;
  /** Maps an SDK error thrown mid-stream into a `ProviderError`. @default identity */
  readonly mapError?: (error: unknown) => unknown;
  /** HTTP status of the reply head. */
  readonly status?: number;
  /** The provider's request id. */
  readonly requestId?: string;
  /** Headers of the reply head, lower-case names. */
  readonly headers?: Readonly<Record<string, string>>;
}


type Draft<O> = { -readonly [K in keyof StreamEnd<O>]?: StreamEnd<O>[K] };

/**
 * The iterator `defineStream` returns: counts chunks, stamps the first one, cancels the request when the
 * consumer stops early, and resolves `final` exactly once however the stream ends. A class, not an object
 * literal: a literal with a `[Symbol.asyncIterator]` key is built by the runtime's slow path on every stream,
 * and the per-chunk handlers are made once per stream.
 *
 * @example
 * ```ts
 * const stream = new SourceIterator(source);
 * for await (const chunk of stream) use(chunk);
 * const end = await stream.final;
 * ```
 */
export class SourceIterator<D, O> implements AsyncIterableIterator<D> {
  /** Resolves once, with the end of the stream. */
  readonly final: Promise<StreamEnd<O>>;
  readonly #source: StreamSource<D, O>;
  /** The SDK's own iterator when the chunks are a `MappedChunks` (mapped in `#step`), else the chunks'. */
  readonly #inner: AsyncIterator<unknown>;
  readonly #mapped: MappedChunks<unknown, D> | undefined;
  #errorFilter: ((error: unknown) => unknown) | undefined;
  #resolveFinal!: (end: StreamEnd<O>) => void;
  #settled = false;
  #chunks = 0;
  #firstChunkAt: number | undefined;

  /** @param source - the adapter's chunks and callbacks */
  constructor(source: StreamSource<D, O>) {
    this.#source = source;
    const { chunks } = source;
    this.#mapped = chunks instanceof MappedChunks ? (chunks as MappedChunks<unknown, D>) : undefined;
    this.#inner = this.#mapped ? this.#mapped.source[Symbol.asyncIterator]() : chunks[Symbol.asyncIterator]();
    this.final = new Promise<StreamEnd<O>>((resolve) => (this.#resolveFinal = resolve));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /**
   * Passes every error the stream throws to its consumer through `filter` first (after `mapError`), as the
   * client does to scrub them: cheaper than wrapping the iterator, which would cost a promise per chunk.
   * Filters added later run after earlier ones.
   *
   * @param filter - error in, error to throw out
   */
  filterErrors(filter: (error: unknown) => unknown): void {
    const before = this.#errorFilter;
    this.#errorFilter = before ? (error) => filter(before(error)) : filter;
  }

  /** The next chunk: one `then` on the source's own promise. */
  next(): Promise<IteratorResult<D>> {
    if (this.#settled) return Promise.resolve({ done: true, value: undefined });
    try {
      return Promise.resolve(this.#inner.next()).then(this.#step, this.#fail);
    } catch (error) {
      // A source that throws instead of rejecting settles the stream now, as one that rejects does.
      return new Promise<IteratorResult<D>>(() => this.#fail(error));
    }
  }

  /** Stops early: cancels the request and settles `aborted`. */
  async return(): Promise<IteratorResult<D>> {
    if (!this.#settled) {
      this.#source.cancel();
      this.#finish('aborted');
      await this.#inner.return?.().catch(() => undefined);
    }
    return { done: true, value: undefined };
  }

  readonly #step = (result: IteratorResult<unknown>): IteratorResult<D> | Promise<IteratorResult<D>> => {
    let step = result as IteratorResult<D>;
    if (this.#mapped) {
      let mapped: IteratorResult<D> | undefined;
      try {
        mapped = this.#mapped.mapResult(result);
      } catch (error) {
        return this.#fail(error);
      }
      // A chunk without a delta (usage only): read on, as the consumer asked for a delta.
      if (mapped === undefined) return this.next();
      step = mapped;
    }
    if (step.done) this.#finish('ok');
    else if (this.#chunks++ === 0) this.#firstChunkAt = performance.now();
    return step;
  };

  readonly #fail = (error: unknown): never => {
    const { signal } = this.#source;
    let thrown: unknown;
    if (signal?.aborted) {
      this.#finish('aborted', error);
      thrown = new AbortedError('the stream was aborted', { cause: signal.reason });
    } else {
      thrown = this.#source.mapError ? this.#source.mapError(error) : error;
      this.#finish('error', thrown);
    }
    throw this.#errorFilter ? this.#errorFilter(thrown) : thrown;
  };

  #finish(outcome: StreamOutcome, error?: unknown): void {
    if (this.#settled) return;
    this.#settled = true;
    try {
      this.#resolveFinal(this.#stamped(Object.assign({}, this.#source.settle(outcome, error)), outcome, error));
    } catch (settleError) {
      // A bug in settle must not leave `final` pending forever: metering waits on it.
      this.#resolveFinal(this.#stamped({ output: undefined, usage: { requests: 1 } }, 'error', settleError));
    }
  }

  // Extended field by field: on Node 20 a spread copy that gains properties costs over a microsecond.
  #stamped(end: Draft<O>, outcome: StreamOutcome, error: unknown): StreamEnd<O> {
    end.chunks = this.#chunks;
    if (this.#firstChunkAt !== undefined) end.firstChunkAt = this.#firstChunkAt;
    end.outcome = outcome;
    if (error !== undefined) end.error = error;
    return end as StreamEnd<O>;
  }
}
