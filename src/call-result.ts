import type { Usage } from './usage.js';

/**
 * What one provider request produced: the normalized output, its usage, and the raw provider reply.
 *
 * @example
 * ```ts
 * const result: CallResult<{ text: string }> = { output: { text: 'hi' }, usage: { requests: 1 } };
 * ```
 */
export interface CallResult<O = unknown> {
  /** The normalized output. */
  readonly output: O;
  /** Every billable unit, with provenance. */
  readonly usage: Usage;
  /** The provider's response object as the SDK returned it. */
  readonly raw?: unknown;
  /** HTTP status of the reply. */
  readonly status?: number;
  /** The provider's request id. */
  readonly requestId?: string;
  /** Response headers, lower-case names (only those the SDK exposes). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * How a stream ended: fully consumed, cancelled (consumer `break`, `AbortSignal`), or failed.
 *
 * @example
 * ```ts
 * const stream = ai.streamChat({ model: 'openai:gpt-4o-mini', messages });
 * for await (const delta of stream) if (delta.text?.includes('\n')) break;
 * const outcome: StreamOutcome = (await stream.final).outcome; // 'aborted' after the break
 * ```
 */
export type StreamOutcome = 'ok' | 'aborted' | 'error';

/**
 * The end of a stream: its output so far and its usage, whichever way it ended. For an aborted or failed
 * stream, usage the provider never reported is estimated from what was streamed, or `missing`.
 *
 * @example
 * ```ts
 * const result = await next();
 * if (isStreamResult(result)) {
 *   void result.final.then((end: StreamEnd) => console.log(end.outcome, end.chunks, end.usage.outputTokens));
 * }
 * ```
 */
export interface StreamEnd<O = unknown> extends CallResult<O> {
  /** How the stream ended. */
  readonly outcome: StreamOutcome;
  /** The failure, when `outcome` is `error`. */
  readonly error?: unknown;
  /** Chunks delivered to the consumer. */
  readonly chunks: number;
  /** `performance.now()` when the first chunk was delivered. */
  readonly firstChunkAt?: number;
}

/**
 * A streaming result as it travels through the middleware chain: the chunks, plus a `final` promise that
 * always resolves (never rejects) with the {@link StreamEnd} once the stream is consumed, cancelled or failed,
 * so that metering never loses an interrupted stream.
 *
 * @example
 * ```ts
 * const result = (await next()) as StreamCallResult<ChatDelta, ChatOutput>;
 * void result.final.then((end) => console.log(end.outcome, end.usage));
 * ```
 */
export interface StreamCallResult<D = unknown, O = unknown> {
  /** The chunks; single-use. */
  readonly stream: AsyncIterable<D>;
  /** Resolves when the stream ended, whichever way. */
  readonly final: Promise<StreamEnd<O>>;
  /** HTTP status of the reply head. */
  readonly status?: number;
  /** The provider's request id. */
  readonly requestId?: string;
  /** Headers of the reply head, lower-case names (only those the SDK exposes). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Either kind of result a middleware's `next()` can produce.
 *
 * @example
 * ```ts
 * const logging: Middleware = async (ctx, next) => {
 *   const result: AnyCallResult = await next();
 *   if (!isStreamResult(result)) console.log(ctx.operation, result.usage);
 *   return result;
 * };
 * ```
 */
export type AnyCallResult = CallResult | StreamCallResult;

/**
 * Whether a result is a stream (has `stream` and `final`).
 *
 * @example
 * ```ts
 * const result = await next();
 * if (isStreamResult(result)) void result.final.then((end) => console.log(end.outcome));
 * ```
 */
export function isStreamResult(result: AnyCallResult): result is StreamCallResult {
  return 'stream' in result && 'final' in result;
}
