import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { EventEmitter } from 'eventemitter3';
import type { ProviderAdapter } from './adapter.js';
import { isStreamResult, type CallResult, type StreamCallResult } from './call-result.js';
import { validateOptions, isRecord, type AIClientOptions } from './client-options.js';
import { compose, type Middleware, type Terminal } from './compose.js';
import { callInfo, type CallContext } from './context.js';
import { resolveEnvironment } from './environment.js';
import { AbortedError } from './errors/aborted-error.js';
import { ConfigError } from './errors/config-error.js';
import { MiddlewareError } from './errors/middleware-error.js';
import { ProviderError } from './errors/provider-error.js';
import { surfaceQuotaExhausted } from './errors/quota-exhausted-error.js';
import { UnsupportedOperationError } from './errors/unsupported-operation-error.js';
import type { AIClientEventName, AIClientEvents, EmitFn } from './events.js';
import { uuidV7 } from './ids/uuid-v7.js';
import { InFlightCalls } from './lifecycle/in-flight-calls.js';
import type { Limiter } from './limits/limiter.js';
import { limiterFrom } from './limits/limits-options.js';
import { keys, type KeysMiddleware } from './middleware/keys.js';
import { logging } from './middleware/logging.js';
import { meter } from './middleware/meter.js';
import { GENERATED_EVENT_FIELDS, METERED } from './middleware/metered-events.js';
import { rateLimit } from './middleware/rate-limit.js';
import { retry } from './middleware/retry.js';
import { parseModelRef } from './model-ref.js';
import { scrubStreamResult } from './redact/scrub-stream.js';
import { Scrubber } from './redact/scrubber.js';
import { createCostCalculator, type CostCalculator } from './pricing/cost-calculator.js';
import type { ChatDelta, ChatOutput, ChatRequest } from './operations/chat.js';
import type { EmbedOutput, EmbedRequest } from './operations/embed.js';
import type { Operation, OperationTypes, StreamOperation } from './operations/operation.js';
import type { SpeakRequest, SpeechOutput, SpeechStreamOutput } from './operations/speech.js';
import type { TranscribeRequest, TranscriptionOutput } from './operations/transcription.js';
import { validateRequest } from './operations/validate-request.js';
import { flushOnExit } from './sinks/exit-flush.js';
import { SinkHub } from './sinks/sink-hub.js';
import type { SinkStats } from './sinks/sink.js';
import { AIStream } from './stream/ai-stream.js';
import { mergeTags, type Tags } from './tags.js';

/**
 * The result of a non-streaming call: the provider's result plus the call id.
 *
 * @example
 * ```ts
 * const reply: AIResponse<ChatOutput> = await ai.chat({ model: 'openai:gpt-4o-mini', messages });
 * console.log(reply.callId, reply.output.text, reply.usage.inputTokens?.value);
 * ```
 */
export type AIResponse<O> = CallResult<O> & {
  /** The call id, the same as in the call's events. */
  readonly callId: string;
};

/**
 * One client for every provider: each call goes through the middleware chain (keys → your middleware →
 * retry → rateLimit → meter → adapter) and comes out as typed events and sink records. Your middleware runs
 * once per call, before retries and limits: a cache can answer without spending a limit, and a request it
 * rewrites is what the limits estimate. Retry, limits and the meter then run once per provider request, so
 * each billed attempt reserves, settles and is recorded on its own. Create it with {@link createAIClient}.
 *
 * @example
 * ```ts
 * const ai = createAIClient({ providers: { openai: openai() }, sinks: [memorySink()] });
 * const reply = await ai.chat({ model: 'openai:gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
 * console.log(reply.output.text, reply.usage.outputTokens?.value);
 * await ai.close();
 * ```
 */
export class AIClient {
  readonly #providers: Readonly<Record<string, ProviderAdapter>>;
  readonly #environment: string;
  readonly #defaultTags: Readonly<Tags>;
  readonly #emitter = newEmitter();
  readonly #sinks: SinkHub;
  readonly #closeTimeoutMs: number;
  readonly #head: Middleware[];
  readonly #user: Middleware[];
  readonly #tail: Middleware[];
  readonly #terminal: Terminal;
  readonly #emit: EmitFn;
  readonly #scrubber = new Scrubber();
  readonly #keys: KeysMiddleware;
  readonly #limiter: { limiter: Limiter; owned: boolean } | undefined;
  readonly #calls = new InFlightCalls();
  #handler: Terminal;
  #detachExit: (() => void) | undefined;
  #closing: Promise<void> | undefined;
  /** The sinks were closed: usage events reach listeners only. */
  #closed = false;

  /** @param options - see {@link AIClientOptions}; validated, throws {@link ConfigError} naming the bad field */
  constructor(options: AIClientOptions) {
    validateOptions(options);
    this.#providers = { ...options.providers };
    const env = options.env ?? process.env;
    this.#environment = resolveEnvironment(options.environment, env);
    this.#defaultTags = Object.freeze(options.tags === undefined ? {} : mergeTags({}, options.tags, 'tags'));
    this.#closeTimeoutMs = options.closeTimeoutMs ?? 10_000;
    // A third argument only the meter passes: see METERED.
    this.#emit = ((event: AIClientEventName, payload: never, mark?: unknown) => this.#dispatch(event, payload, mark === METERED)) as EmitFn;
    this.#sinks = new SinkHub(options.sinks ?? [], options.sinkQueue, (e) => this.#dispatch('sink-error', e));
    const variables = Object.fromEntries(Object.entries(this.#providers).map(([name, a]) => [name, a.keyVariables]));
    this.#keys = keys({
      keys: options.keys ?? {},
      variables,
      env,
      keyResolver: options.keyResolver,
      dotenv: options.dotenv,
      secrets: options.secrets,
      secondaryKeys: options.secondaryKeys,
      allowedKeyEnvironments: options.allowedKeyEnvironments,
      dangerouslyAllowBrowser: options.dangerouslyAllowBrowser,
      scrubber: this.#scrubber,
    });
    // Logging wraps the whole call (first) and each attempt (last, right before the adapter).
    const log = options.logging ? logging({ ...(options.logging === true ? {} : options.logging), scrubber: this.#scrubber }) : undefined;
    this.#head = log ? [log, this.#keys] : [this.#keys];
    this.#user = [...(options.middleware ?? [])];
    const costs = this.#costs(options.pricing);
    const limits = options.limits === undefined ? undefined : limiterFrom(options.limits);
    this.#limiter = limits;
    this.#tail = [
      ...(options.retry === false ? [] : [retry(options.retry, this.#calls.signal)]),
      ...(limits ? [rateLimit({ limiter: limits.limiter, defaultOutputTokens: limits.defaultOutputTokens, reserveFloor: limits.reserveFloor, ...(limits.adaptive ? { adaptive: limits.adaptive } : {}), ...(costs ? { costs } : {}) })] : []),
      meter({ costs }),
    ];
    if (log) this.#tail.push(log.attempt);
    this.#terminal = (ctx) => this.#callAdapter(ctx);
    this.#handler = this.#compose();
    if (this.#sinks.size > 0 && options.flushOnExit !== false) {
      this.#detachExit = flushOnExit({
        flushOnExit: () => this.#sinks.flush(this.#closeTimeoutMs),
        hasPendingWork: () => this.#sinks.hasPendingWork(),
        shutdown: () => this.#calls.drain(this.#closeTimeoutMs).then(() => this.#sinks.flush(this.#closeTimeoutMs)),
      });
    }
  }

  #costs(pricing: AIClientOptions['pricing']): CostCalculator | undefined {
    if (pricing === false) return undefined;
    try {
      return createCostCalculator({
        ...pricing,
        onUnknownModel: (warning) => {
          pricing?.onUnknownModel?.(warning);
          this.#dispatch('warning', { code: warning.code, message: warning.message });
        },
      });
    } catch (error) {
      if (ConfigError.isInstance(error)) throw new ConfigError(`pricing.${error.field}`, error.message.slice(error.field.length + 2));
      throw error;
    }
  }

  /**
   * The limiter of the `limits` option, for `headroom` and `canAfford` queries; undefined without limits.
   *
   * @example
   * ```ts
   * const [credits] = (await ai.limits?.headroom({ provider: 'elevenlabs', model: 'eleven_flash_v2_5' })) ?? [];
   * ```
   */
  get limits(): Limiter | undefined {
    return this.#limiter?.limiter;
  }

  /** The environment this client resolves keys for. */
  get environment(): string {
    return this.#environment;
  }

  /**
   * Adds a middleware after key resolution and any middleware added before, ahead of retries, limits and
   * metering.
   *
   * @example
   * ```ts
   * ai.use(async (ctx, next) => {
   *   ctx.state.startedBy = 'worker-7';
   *   return next();
   * });
   * ```
   */
  use(middleware: Middleware): this {
    if (typeof middleware !== 'function') throw new ConfigError('middleware', 'expected a middleware function (ctx, next) => Promise');
    this.#user.push(middleware);
    this.#handler = this.#compose();
    return this;
  }

  /**
   * Chat completion.
   *
   * @example
   * ```ts
   * const reply = await ai.chat({ model: 'gemini:gemini-2.5-flash', messages, tags: { customer: 'acme' } });
   * ```
   */
  chat(request: ChatRequest): Promise<AIResponse<ChatOutput>> {
    return this.#call('chat', request);
  }

  /**
   * Streamed chat completion: iterate the deltas, then read `final`.
   *
   * @example
   * ```ts
   * for await (const delta of ai.streamChat({ model: 'openai:gpt-4o-mini', messages })) speak(delta.text);
   * ```
   */
  streamChat(request: ChatRequest): AIStream<ChatDelta, ChatOutput> {
    return this.#stream('streamChat', request);
  }

  /**
   * Embeddings.
   *
   * @example
   * ```ts
   * const { output } = await ai.embed({ model: 'openai:text-embedding-3-small', input: ['a', 'b'] });
   * ```
   */
  embed(request: EmbedRequest): Promise<AIResponse<EmbedOutput>> {
    return this.#call('embed', request);
  }

  /**
   * Text-to-speech, whole audio.
   *
   * @example
   * ```ts
   * const { output } = await ai.speak({ model: 'elevenlabs:eleven_flash_v2_5', voice: voiceId, text: 'Hello' });
   * ```
   */
  speak(request: SpeakRequest): Promise<AIResponse<SpeechOutput>> {
    return this.#call('speak', request);
  }

  /**
   * Text-to-speech, audio chunks as they are synthesized.
   *
   * @example
   * ```ts
   * for await (const chunk of ai.streamSpeak({ model: 'elevenlabs:eleven_flash_v2_5', voice: voiceId, text })) player.write(chunk);
   * ```
   */
  streamSpeak(request: SpeakRequest): AIStream<Uint8Array, SpeechStreamOutput> {
    return this.#stream('streamSpeak', request);
  }

  /**
   * Speech-to-text.
   *
   * @example
   * ```ts
   * const { output } = await ai.transcribe({ model: 'openai:whisper-1', audio: wav, fileName: 'turn.wav' });
   * ```
   */
  transcribe(request: TranscribeRequest): Promise<AIResponse<TranscriptionOutput>> {
    return this.#call('transcribe', request);
  }

  /**
   * Listens to an event; the listener's payload type follows the event name.
   *
   * @example
   * ```ts
   * ai.on('usage', (event) => console.log(event.usage));
   * ```
   */
  on<E extends AIClientEventName>(event: E, listener: AIClientEvents[E]): this {
    this.#emitter.on(event, listener as never);
    return this;
  }

  /**
   * Listens to the next occurrence of an event only.
   *
   * @example
   * ```ts
   * ai.once('error', (event) => console.error(event.error));
   * ```
   */
  once<E extends AIClientEventName>(event: E, listener: AIClientEvents[E]): this {
    this.#emitter.once(event, listener as never);
    return this;
  }

  /**
   * Removes a listener.
   *
   * @example
   * ```ts
   * const log = (event: UsageEvent) => console.log(event);
   * ai.on('usage', log);
   * ai.off('usage', log);
   * ```
   */
  off<E extends AIClientEventName>(event: E, listener: AIClientEvents[E]): this {
    this.#emitter.off(event, listener as never);
    return this;
  }

  /**
   * Writes every queued usage event to the sinks and flushes them; waits at most `closeTimeoutMs`.
   *
   * @example
   * ```ts
   * await ai.flush();
   * ```
   */
  flush(): Promise<void> {
    return this.#sinks.flush(this.#closeTimeoutMs);
  }

  /**
   * Shuts the client down gracefully: from the moment it is called no call is admitted and no provider
   * request is sent, retries included (both fail with `ClientClosedError`). It then waits up to
   * `closeTimeoutMs` for the calls in flight and their usage events (a stream until it ends; one still open at
   * that deadline is cut and recorded as `aborted`, its usage estimated from what was streamed), then flushes
   * and closes the sinks (again up to `closeTimeoutMs`) and unregisters the exit hooks. Calling it again
   * returns the same promise.
   *
   * @example
   * ```ts
   * process.on('SIGTERM', () => void ai.close());
   * ```
   */
  close(): Promise<void> {
    return (this.#closing ??= this.#close());
  }

  async #close(): Promise<void> {
    this.#calls.stop();
    this.#detachExit?.();
    try {
      await this.#calls.drain(this.#closeTimeoutMs);
      this.#closed = true;
      await this.#sinks.close(this.#closeTimeoutMs);
    } finally {
      await this.#keys.close();
      if (this.#limiter?.owned) await this.#limiter.limiter.close();
    }
  }

  /**
   * Counters of each sink: queued, written, dropped, failures.
   *
   * @example
   * ```ts
   * for (const s of ai.sinkStats()) if (s.dropped > 0) console.warn(`${s.name} dropped ${s.dropped}`);
   * ```
   */
  sinkStats(): SinkStats[] {
    return this.#sinks.stats();
  }

  #compose(): Terminal {
    return compose([...this.#head, ...this.#user, ...this.#tail], this.#terminal);
  }

  #call<Op extends Exclude<Operation, StreamOperation>>(
    operation: Op,
    request: OperationTypes[Op]['request'],
  ): Promise<AIResponse<OperationTypes[Op]['output']>> {
    let ctx: CallContext;
    try {
      ctx = this.#context(operation, request);
      this.#calls.admit();
    } catch (error) {
      return Promise.reject(this.#scrubber.scrub(error));
    }
    return this.#handler(ctx).then(
      (result) => withCallId(this.#calls.leave(result) as CallResult<OperationTypes[Op]['output']>, ctx.id),
      (error: unknown) => this.#fail(ctx, this.#calls.leave(error)),
    );
  }

  #stream<Op extends StreamOperation>(
    operation: Op,
    request: OperationTypes[Op]['request'],
  ): AIStream<OperationTypes[Op]['delta'], OperationTypes[Op]['output']> {
    type Result = StreamCallResult<OperationTypes[Op]['delta'], OperationTypes[Op]['output']>;
    let ctx: CallContext;
    try {
      ctx = this.#context(operation, request);
      this.#calls.admit();
    } catch (error) {
      return new AIStream(randomUUID(), Promise.reject(this.#scrubber.scrub(error)));
    }
    const pending = this.#handler(ctx).then(
      (result) => {
        if (!isStreamResult(result)) {
          const error = new MiddlewareError(`a middleware answered ${operation} with a non-stream result; stream operations need { stream, final }`);
          return this.#fail(ctx, this.#calls.leave(error));
        }
        // In flight until its end was metered; a shutdown can cut it (see InFlightCalls).
        const stream = this.#calls.cuttable(scrubStreamResult(result as Result, this.#scrubber));
        void stream.final.then((end) => {
          this.#calls.leaveStream(stream);
          if (end.outcome === 'error') this.#fail(ctx, end.error).catch(() => undefined);
        });
        return stream;
      },
      (error: unknown) => this.#fail(ctx, this.#calls.leave(error)),
    );
    return new AIStream(ctx.id, pending);
  }

  #context(operation: Operation, request: unknown): CallContext {
    if (!isRecord(request)) throw new ConfigError('request', 'expected a request object');
    const { provider, model } = parseModelRef(request.model);
    const adapter = this.#providers[provider];
    if (!adapter) {
      throw new ConfigError('request.model', `unknown provider "${provider}"; registered: ${Object.keys(this.#providers).join(', ')}`);
    }
    if (typeof adapter[operation] !== 'function') throw new UnsupportedOperationError(provider, operation);
    validateRequest(operation, request);
    const signal = request.signal as AbortSignal | undefined;
    if (signal?.aborted) throw new AbortedError('the call was aborted before it started', { cause: signal.reason });
    const tags = request.tags === undefined ? this.#defaultTags : mergeTags(this.#defaultTags, request.tags, 'request.tags');
    return {
      id: uuidV7(),
      operation,
      provider,
      model,
      request: request as unknown,
      tags,
      environment: this.#environment,
      signal,
      startedAt: performance.now(),
      attempt: 1,
      key: undefined,
      state: {},
      emit: this.#emit,
    } as unknown as CallContext;
  }

  #callAdapter(ctx: CallContext): ReturnType<Terminal> {
    // The gate in front of the provider: once closing, not even a call admitted before sends a request.
    if (this.#calls.closing) return Promise.reject(this.#calls.refusal());
    const adapter = this.#providers[ctx.provider]!;
    const operation = adapter[ctx.operation] as (call: unknown) => ReturnType<Terminal>;
    const sentAt = performance.now();
    if (this.#emitter.listenerCount('request') > 0) this.#dispatch('request', { ...callInfo(ctx), time: Date.now() });
    const call = { model: ctx.model, request: ctx.request, key: ctx.key, signal: ctx.signal };
    return operation.call(adapter, call).then(
      (result) => {
        if (this.#emitter.listenerCount('response') > 0) {
          const head = { ...callInfo(ctx), ok: true, latencyMs: performance.now() - sentAt };
          this.#dispatch('response', {
            ...head,
            ...(result.status === undefined ? {} : { httpStatus: result.status }),
            ...(result.requestId === undefined ? {} : { requestId: result.requestId }),
          });
        }
        return result;
      },
      (error: unknown) => {
        if (this.#emitter.listenerCount('response') > 0 && ProviderError.isInstance(error) && error.status !== undefined) {
          const head = { ...callInfo(ctx), ok: false, latencyMs: performance.now() - sentAt, httpStatus: error.status };
          this.#dispatch('response', error.requestId === undefined ? head : { ...head, requestId: error.requestId });
        }
        throw error;
      },
    );
  }

  // Every error leaves the client here, as a scrubbed copy (the caller's and the SDK's objects are never mutated),
  // and a used-up quota as a QuotaExhaustedError, whatever the retry options.
  #fail(ctx: CallContext, error: unknown): Promise<never> {
    const clean = this.#scrubber.scrub(surfaceQuotaExhausted(error));
    if (this.#emitter.listenerCount('error') > 0) {
      this.#dispatch('error', { ...callInfo(ctx), error: clean instanceof Error ? clean : new Error(String(clean)) });
    }
    return Promise.reject(clean);
  }

  #dispatch<E extends AIClientEventName>(event: E, raw: Parameters<AIClientEvents[E]>[0], metered = false): void {
    if (event !== 'usage' && this.#emitter.listenerCount(event) === 0) return;
    // Listeners and sinks only ever see scrubbed payloads.
    const payload = metered ? this.#scrubber.scrubPlain(raw, GENERATED_EVENT_FIELDS) : this.#scrubber.scrubPlain(raw);
    if (event === 'usage' && !this.#closed) this.#sinks.push(payload as Parameters<AIClientEvents['usage']>[0]);
    if (this.#emitter.listenerCount(event) === 0) return;
    try {
      (this.#emitter.emit as (event: E, payload: unknown) => boolean)(event, payload);
    } catch (error) {
      // A listener's bug must not fail the call that triggered the event.
      if (event !== 'warning') this.#dispatch('warning', { code: 'listener_error', message: `a "${event}" listener threw: ${String(error)}` });
    }
  }
}

let Emitter: typeof EventEmitter | undefined;

/** eventemitter3, loaded by the first client rather than by `import 'aimeter'`. */
function newEmitter(): EventEmitter<AIClientEvents> {
  Emitter ??= (createRequire(import.meta.url)('eventemitter3') as { EventEmitter: typeof EventEmitter }).EventEmitter;
  return new Emitter<AIClientEvents>();
}

/**
 * A copy of the result with the call id. Not `{ ...result, callId }`: on Node 20 a spread copy that gains a
 * property it did not have costs 1-2 µs, as much as the rest of the client's own work on a call.
 */
function withCallId<O>(result: CallResult<O>, callId: string): AIResponse<O> {
  const response = Object.assign({}, result) as CallResult<O> & { callId: string };
  response.callId = callId;
  return response;
}

/**
 * Creates an {@link AIClient}. Options are validated now: a bad one throws {@link ConfigError} naming it.
 *
 * @example
 * ```ts
 * import { createAIClient, openai, memorySink } from 'aimeter';
 *
 * const ai = createAIClient({
 *   providers: { openai: openai() },
 *   sinks: [memorySink()],
 *   tags: { project: 'support-bot' },
 * });
 * ```
 */
export function createAIClient(options: AIClientOptions): AIClient {
  return new AIClient(options);
}
