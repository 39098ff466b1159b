import type { CallResult, StreamCallResult, StreamEnd, StreamOutcome } from '../call-result.js';
import { AbortedError } from '../errors/aborted-error.js';

/**
 * What an adapter supplies to {@link defineStream}.
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
  /** The chunks, already mapped to normalized deltas. Read once. */
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
}

/**
 * Turns an adapter's chunk source into a {@link StreamCallResult}: counts chunks, stamps the first one,
 * cancels the request when the consumer stops early (even before its first `next()`), and resolves `final`
 * exactly once however the stream ends.
 *
 * @example
 * ```ts
 * let text = '';
 * return defineStream({
 *   chunks: mapChunks(sdkStream, (c) => { text += c.text; return c; }),
 *   settle: (outcome) => ({ output: { text }, usage: outcome === 'ok' ? reportedUsage : estimateUsage(text) }),
 *   cancel: () => sdkStream.controller.abort(),
 *   signal,
 * });
 * ```
 */
export function defineStream<D, O>(source: StreamSource<D, O>): StreamCallResult<D, O> {
  const inner = source.chunks[Symbol.asyncIterator]();
  const mapError = source.mapError ?? ((error: unknown) => error);
  let resolveFinal!: (end: StreamEnd<O>) => void;
  const final = new Promise<StreamEnd<O>>((resolve) => (resolveFinal = resolve));
  let settled = false;
  let chunks = 0;
  let firstChunkAt: number | undefined;

  const finish = (outcome: StreamOutcome, error?: unknown): void => {
    if (settled) return;
    settled = true;
    const stamp = { chunks, ...(firstChunkAt === undefined ? {} : { firstChunkAt }) };
    try {
      const end = { ...source.settle(outcome, error), ...stamp, outcome };
      resolveFinal(error === undefined ? end : { ...end, error });
    } catch (settleError) {
      // A bug in settle must not leave `final` pending forever: metering waits on it.
      resolveFinal({ output: undefined as O, usage: { requests: 1 }, ...stamp, outcome: 'error', error: settleError });
    }
  };

  const iterator: AsyncIterableIterator<D> = {
    [Symbol.asyncIterator]() {
      return iterator;
    },
    async next() {
      if (settled) return { done: true, value: undefined };
      try {
        const step = await inner.next();
        if (step.done) finish('ok');
        else if (chunks++ === 0) firstChunkAt = performance.now();
        return step;
      } catch (error) {
        if (source.signal?.aborted) {
          finish('aborted', error);
          throw new AbortedError('the stream was aborted', { cause: source.signal.reason });
        }
        const mapped = mapError(error);
        finish('error', mapped);
        throw mapped;
      }
    },
    async return() {
      if (!settled) {
        source.cancel();
        finish('aborted');
        await inner.return?.().catch(() => undefined);
      }
      return { done: true, value: undefined };
    },
  };

  const head = {
    ...(source.status === undefined ? {} : { status: source.status }),
    ...(source.requestId === undefined ? {} : { requestId: source.requestId }),
  };
  return { stream: iterator, final, ...head };
}
