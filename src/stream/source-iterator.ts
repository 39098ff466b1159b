import type { CallResult, StreamCallResult, StreamEnd, StreamOutcome } from '../call-result.js';
import { AbortedError } from '../errors/aborted-error.js';

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
  /** The chunks mapped to normalized deltas (best made with {@link mapChunks}). Read once. */
  readonly chunks: AsyncIterable<D>;
  /**
   * Builds the end result once, from whatever the adapter accumulated: reported usage for a complete stream,
   * estimated usage for the part received when it was aborted or failed. May return a promise (a cut stream's
   * tokens counted off the caller's thread): `final` then resolves once it does.
   */
  readonly settle: (outcome: StreamOutcome, error: unknown) => CallResult<O> | Promise<CallResult<O>>;
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
 * An SDK's chunk stream mapped to deltas (what {@link mapChunks} returns). A {@link SourceIterator} reads the
 * SDK's stream itself and maps each chunk as it reads it; iterated on its own it maps as it goes.
 */
export class MappedChunks<S, D> implements AsyncIterable<D> {
  readonly source: AsyncIterable<S>;
  readonly map: (chunk: S) => D | undefined;
  readonly end: (() => void) | undefined;

  constructor(source: AsyncIterable<S>, map: (chunk: S) => D | undefined, end?: () => void) {
    this.source = source;
    this.map = map;
    this.end = end;
  }

  [Symbol.asyncIterator](): AsyncIterator<D> {
    const inner = this.source[Symbol.asyncIterator]();
    const step = (result: IteratorResult<S>): IteratorResult<D> | Promise<IteratorResult<D>> => {
      const mapped = mapResult(this, result);
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
}

/** The iterator result for one of the source's: undefined for a chunk `map` skips. */
function mapResult<S, D>(chunks: MappedChunks<S, D>, result: IteratorResult<S>): IteratorResult<D> | undefined {
  if (result.done) {
    chunks.end?.();
    return { done: true, value: undefined };
  }
  const delta = chunks.map(result.value);
  return delta === undefined ? undefined : { done: false, value: delta };
}

/** Filters every error a stream throws to its consumer (after `mapError`), in the order they were added. */
const errorFilters = new WeakMap<SourceIterator<unknown, unknown>, (error: unknown) => unknown>();

/**
 * A stream result whose failures pass through `filter`: an error thrown while iterating, and the `error` of
 * `final`. Chunks pass through untouched and unbuffered. A stream made by `defineStream` applies the filter
 * where it throws; any other (one a middleware wrapped) is wrapped once more.
 *
 * @example
 * ```ts
 * const safe = filterStreamErrors(result, (error) => scrubber.scrub(error));
 * ```
 */
export function filterStreamErrors<D, O>(result: StreamCallResult<D, O>, filter: (error: unknown) => unknown): StreamCallResult<D, O> {
  const final = result.final.then((end: StreamEnd<O>) => (end.error === undefined ? end : { ...end, error: filter(end.error) }));
  const source = result.stream;
  if (source instanceof SourceIterator) {
    const before = errorFilters.get(source);
    errorFilters.set(source, before ? (error) => filter(before(error)) : filter);
    return { ...result, final };
  }
  const stream: AsyncIterable<D> = {
    [Symbol.asyncIterator]() {
      const inner = source[Symbol.asyncIterator]();
      return {
        next: () => inner.next().catch((error: unknown) => Promise.reject(filter(error))),
        return: async () => (await inner.return?.()) ?? { done: true, value: undefined },
      };
    },
  };
  return { ...result, stream, final };
}

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

  /** The next chunk, read from the source and mapped. */
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
        mapped = mapResult(this.#mapped, result);
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
    const filter = errorFilters.get(this as SourceIterator<unknown, unknown>);
    throw filter ? filter(thrown) : thrown;
  };

  #finish(outcome: StreamOutcome, error?: unknown): void {
    if (this.#settled) return;
    this.#settled = true;
    // A bug in settle must not leave `final` pending forever: metering waits on it.
    const failed = (settleError: unknown): void =>
      this.#resolveFinal(this.#stamped({ output: undefined, usage: { requests: 1 } }, 'error', settleError));
    const done = (result: CallResult<O>): void => this.#resolveFinal(this.#stamped(Object.assign({}, result), outcome, error));
    try {
      const result = this.#source.settle(outcome, error);
      if (result instanceof Promise) result.then(done, failed);
      else done(result);
    } catch (settleError) {
      failed(settleError);
    }
  }

  // The source's end with what the stream saw: chunks, first chunk time, outcome (not a spread copy:
  // BENCHMARKS.md, "Notes from the code").
  #stamped(end: Draft<O>, outcome: StreamOutcome, error: unknown): StreamEnd<O> {
    end.chunks = this.#chunks;
    if (this.#firstChunkAt !== undefined) end.firstChunkAt = this.#firstChunkAt;
    end.outcome = outcome;
    if (error !== undefined) end.error = error;
    return end as StreamEnd<O>;
  }
}
