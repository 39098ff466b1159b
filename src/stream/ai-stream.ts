import type { StreamCallResult, StreamEnd } from '../call-result.js';
import type { Cost } from '../pricing/cost.js';
import { StreamConsumedError } from '../errors/stream-consumed-error.js';

/**
 * The end of a stream as the caller sees it: its output, usage and how it ended.
 *
 * @example
 * ```ts
 * const stream = ai.streamChat({ model: 'openai:gpt-4o-mini', messages });
 * for await (const delta of stream) process.stdout.write(delta.text ?? '');
 * const end: AIStreamEnd<ChatOutput> = await stream.final;
 * console.log(end.callId, end.outcome, end.output.text, end.usage.outputTokens?.value);
 * ```
 */
export interface AIStreamEnd<O> extends StreamEnd<O> {
  /** The call id. */
  readonly callId: string;
  /**
   * The cost of the provider request that streamed, the same as on its usage event (a cut stream's cost is that
   * of what was streamed). Absent when the client does not price (`pricing: false`) or a middleware answered
   * without a provider request.
   * @default undefined
   */
  readonly cost?: Cost;
}

/**
 * A stream returned by `streamChat` and `streamSpeak`: iterate it with `for await`, then read `final` for the
 * output and usage. `break` (or the request's `AbortSignal`) cancels the provider request; usage of what was
 * streamed is still metered. `final` rejects when the call or the stream failed.
 *
 * @example
 * ```ts
 * const stream = ai.streamChat({ model: 'openai:gpt-4o-mini', messages });
 * for await (const delta of stream) process.stdout.write(delta.text ?? '');
 * const { usage, outcome } = await stream.final;
 * ```
 */
export class AIStream<D, O> implements AsyncIterable<D> {
  /** The call id, the same as in the call's events. */
  readonly callId: string;
  /** Resolves with the end of the stream once it is consumed or cancelled; rejects on failure. */
  readonly final: Promise<AIStreamEnd<O>>;
  readonly #pending: Promise<StreamCallResult<D, O>>;
  #iterated = false;

  /**
   * @param callId - the call id
   * @param pending - the chain's result, still running
   * @param costOf - the call's metered cost, read once the stream ended @default none
   */
  constructor(callId: string, pending: Promise<StreamCallResult<D, O>>, costOf?: () => Cost | undefined) {
    this.callId = callId;
    this.#pending = pending;
    this.final = pending
      .then((result) => result.final)
      .then((end) => {
        if (end.outcome === 'error') throw end.error;
        // The stream's end with the call id (not `{ ...end, callId }`: BENCHMARKS.md, "Notes from the code").
        const withId = Object.assign({}, end) as StreamEnd<O> & { callId: string; cost?: Cost };
        withId.callId = callId;
        const cost = costOf?.();
        if (cost !== undefined) withId.cost = cost;
        return withId;
      });
    // The caller may only iterate, never read `final`: its rejection must not crash the process.
    this.final.catch(() => undefined);
    pending.catch(() => undefined);
  }

  /** Iterates the chunks; a stream can be iterated once: a second time throws {@link StreamConsumedError}. */
  [Symbol.asyncIterator](): AsyncIterator<D> {
    if (this.#iterated) throw new StreamConsumedError(this.callId);
    this.#iterated = true;
    let inner: AsyncIterator<D> | undefined;
    let opening: Promise<AsyncIterator<D>> | undefined;
    const open = (): Promise<AsyncIterator<D>> =>
      (opening ??= this.#pending.then((result) => (inner = result.stream[Symbol.asyncIterator]())));
    // Once open, `next` reads the chain's stream directly: each chunk reaches the caller as the chain yields it.
    return {
      next: () => {
        if (!inner) return open().then((it) => it.next());
        try {
          return inner.next();
        } catch (error) {
          return Promise.reject(error);
        }
      },
      return: async () => {
        const it = inner ?? (await open().catch(() => undefined));
        return (await it?.return?.()) ?? { done: true, value: undefined };
      },
    };
  }
}
