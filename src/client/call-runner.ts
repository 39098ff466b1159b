import { randomUUID } from 'node:crypto';
import { isStreamResult, type CallResult, type StreamCallResult } from '../call-result.js';
import type { Terminal } from '../compose.js';
import { callInfo, type CallContext } from '../context.js';
import { MiddlewareError } from '../errors/middleware-error.js';
import { meteredCost } from '../middleware/meter.js';
import type { Cost } from '../pricing/cost.js';
import { surfaceQuotaExhausted } from '../errors/quota-exhausted-error.js';
import { scrubStreamResult } from '../redact/scrub-stream.js';
import type { Scrubber } from '../redact/scrubber.js';
import { AIStream } from '../stream/ai-stream.js';
import type { EventBus } from './event-bus.js';
import type { InFlightCalls } from './in-flight-calls.js';

/**
 * The result of a non-streaming call: the provider's result plus the call id and its cost.
 *
 * @example
 * ```ts
 * const reply: AIResponse<ChatOutput> = await ai.chat({ model: 'openai:gpt-4o-mini', messages });
 * console.log(reply.callId, reply.output.text, reply.usage.inputTokens?.value, reply.cost?.usd);
 * ```
 */
export type AIResponse<O> = CallResult<O> & {
  /** The call id, the same as in the call's events. */
  readonly callId: string;
  /**
   * The cost of the provider request that produced this result, the same as on its usage event (a failed
   * attempt before it that was billed has its own usage event). Absent when the client does not price
   * (`pricing: false`) or a middleware answered without a provider request.
   * @default undefined
   */
  readonly cost?: Cost;
};

/**
 * Runs a client's calls through its chain: admits each call (or refuses it once the client is closing), counts
 * it in flight until its usage was emitted, and lets every error and stream failure leave scrubbed, with an
 * `error` event. The chain itself is swapped by `use()`.
 *
 * @example
 * ```ts
 * const runner = new CallRunner(calls, bus, scrubber, compose(layers, terminal));
 * const reply = await runner.call<ChatOutput>(() => contexts.create('chat', request));
 * ```
 */
export class CallRunner {
  readonly #calls: InFlightCalls;
  readonly #bus: EventBus;
  readonly #scrubber: Scrubber;
  /** The composed chain. */
  handler: Terminal;

  /**
   * @param calls - the client's calls in flight
   * @param bus - where `error` events go
   * @param scrubber - the client's scrubber
   * @param handler - the composed chain
   */
  constructor(calls: InFlightCalls, bus: EventBus, scrubber: Scrubber, handler: Terminal) {
    this.#calls = calls;
    this.#bus = bus;
    this.#scrubber = scrubber;
    this.handler = handler;
  }

  /** Runs a non-streaming call; `open` builds its context (and throws when the request cannot be sent). */
  call<O>(open: () => CallContext): Promise<AIResponse<O>> {
    let ctx: CallContext;
    try {
      ctx = open();
      this.#calls.admit();
    } catch (error) {
      return Promise.reject(this.#scrubber.scrub(error));
    }
    return this.handler(ctx).then(
      (result) => withCallId(this.#calls.leave(result) as CallResult<O>, ctx),
      (error: unknown) => this.#fail(ctx, this.#calls.leave(error)),
    );
  }

  /** Runs a streaming call; the stream stays in flight until its end was metered, and a shutdown can cut it. */
  stream<D, O>(open: () => CallContext): AIStream<D, O> {
    let ctx: CallContext;
    try {
      ctx = open();
      this.#calls.admit();
    } catch (error) {
      return new AIStream(randomUUID(), Promise.reject(this.#scrubber.scrub(error)));
    }
    const pending = this.handler(ctx).then(
      (result) => {
        if (!isStreamResult(result)) {
          const error = new MiddlewareError(`a middleware answered ${ctx.operation} with a non-stream result; stream operations need { stream, final }`);
          return this.#fail(ctx, this.#calls.leave(error));
        }
        const stream = this.#calls.cuttable(scrubStreamResult(result as StreamCallResult<D, O>, this.#scrubber));
        void stream.final.then((end) => {
          this.#calls.leaveStream(stream);
          if (end.outcome === 'error') this.#fail(ctx, end.error).catch(() => undefined);
        });
        return stream;
      },
      (error: unknown) => this.#fail(ctx, this.#calls.leave(error)),
    );
    return new AIStream(ctx.id, pending, () => meteredCost(ctx));
  }

  // Every error leaves the client here, as a scrubbed copy (the caller's and the SDK's objects are never mutated),
  // and a used-up quota as a QuotaExhaustedError, whatever the retry options.
  #fail(ctx: CallContext, error: unknown): Promise<never> {
    const clean = this.#scrubber.scrub(surfaceQuotaExhausted(error));
    if (this.#bus.listens('error')) this.#bus.emit('error', { ...callInfo(ctx), error: clean instanceof Error ? clean : new Error(String(clean)) });
    return Promise.reject(clean);
  }
}

/**
 * A copy of the result with the call id and cost (not `{ ...result, callId }`: BENCHMARKS.md, "Notes from the code").
 */
function withCallId<O>(result: CallResult<O>, ctx: CallContext): AIResponse<O> {
  const response = Object.assign({}, result) as CallResult<O> & { callId: string; cost?: Cost };
  response.callId = ctx.id;
  const cost = meteredCost(ctx);
  if (cost !== undefined) response.cost = cost;
  return response;
}
