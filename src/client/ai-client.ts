import type { AIClientOptions } from '../client-options.js';
import type { Middleware } from '../compose.js';
import { ConfigError } from '../errors/config-error.js';
import type { Limiter } from '../limits/limiter.js';
import type { ChatDelta, ChatOutput, ChatRequest } from '../operations/chat.js';
import type { EmbedOutput, EmbedRequest } from '../operations/embed.js';
import type { SpeakRequest, SpeechOutput, SpeechStreamOutput } from '../operations/speech.js';
import type { TranscribeRequest, TranscriptionOutput } from '../operations/transcription.js';
import type { SinkStats } from '../sinks/sink.js';
import type { AIStream } from '../stream/ai-stream.js';
import { assembleClient, type ClientParts } from './assemble-client.js';
import type { AIResponse } from './call-runner.js';
import { ClientEvents } from './client-events.js';
import type { ReadyReport } from './preload.js';
import { AISession } from './session.js';
import type { SessionOptions } from './session-options.js';

/**
 * One client for every provider (events: {@link ClientEvents}): each call goes through the middleware chain (keys, your middleware, retries,
 * limits, metering) to the provider's adapter, and comes out as typed events and sink records. Create it with
 * {@link createAIClient}.
 *
 * @example
 * ```ts
 * const ai = createAIClient({ providers: { openai: openai() }, sinks: [memorySink()] });
 * const reply = await ai.chat({ model: 'openai:gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
 * console.log(reply.output.text, reply.usage.outputTokens?.value);
 * await ai.close();
 * ```
 */
export class AIClient extends ClientEvents {
  readonly #parts: ClientParts;

  /** @param options - see {@link AIClientOptions}; validated, throws {@link ConfigError} naming the bad field */
  constructor(options: AIClientOptions) {
    const parts = assembleClient(options);
    super(parts.bus);
    this.#parts = parts;
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
    return this.#parts.chain.limiter?.limiter;
  }

  /**
   * Resolves when the price data and the SDKs of the registered providers are loaded and the code of a first call
   * is warmed, so that no first call blocks the event loop loading or compiling it. `createAIClient` starts this
   * in the background (unless `preload: false`; then `ready()` starts it). In order, each part in a turn of the
   * loop of its own: the price data, each provider's SDK and Node's `fetch`; then the warm-up, which is invisible
   * (no request leaves the process, no socket is opened, no key is used, no event is emitted or written to a
   * sink, no limit is spent): the OpenAI adapter runs one chat completion through its SDK and `fetch` over an
   * in-memory connection, one chat price is looked up, and the key chain reads its `.env` files. Never rejects:
   * a part that failed to load (an SDK that is not installed) is listed in `failed` with its error, and the first
   * call that needs it fails with that error (`SdkMissingError`), as without a preload; a failed warm-up step is
   * skipped (the first call is then only slower). Each load still blocks the loop while its modules evaluate (an
   * SDK, the price table: tens of milliseconds to seconds), once, in the background; awaiting `ready()` before
   * serving keeps those stalls out of your first requests.
   *
   * @example
   * ```ts
   * const ai = createAIClient({ providers: { openai: openai(), elevenlabs: elevenlabs() } });
   * const { loaded, failed } = await ai.ready(); // e.g. loaded: ['pricing', 'openai', 'elevenlabs']
   * for (const { name, error } of failed) console.warn(`${name}: ${error.message}`);
   * ```
   */
  ready(): Promise<ReadyReport> {
    return this.#parts.ready();
  }

  /** The environment this client resolves keys for. */
  get environment(): string {
    return this.#parts.environment;
  }

  /**
   * Adds a middleware after key resolution and any middleware added before, ahead of retries, limits and
   * metering.
   *
   * @example
   * ```ts
   * ai.use((ctx, next) => ((ctx.state.startedBy = 'worker-7'), next()));
   * ```
   */
  use(middleware: Middleware): this {
    if (typeof middleware !== 'function') throw new ConfigError('middleware', 'expected a middleware function (ctx, next) => Promise');
    this.#parts.user.push(middleware);
    this.#parts.runner.handler = this.#parts.chain.compose(this.#parts.user);
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
    return this.#parts.runner.call(() => this.#parts.contexts.create('chat', request));
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
    return this.#parts.runner.stream(() => this.#parts.contexts.create('streamChat', request));
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
    return this.#parts.runner.call(() => this.#parts.contexts.create('embed', request));
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
    return this.#parts.runner.call(() => this.#parts.contexts.create('speak', request));
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
    return this.#parts.runner.stream(() => this.#parts.contexts.create('streamSpeak', request));
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
    return this.#parts.runner.call(() => this.#parts.contexts.create('transcribe', request));
  }

  /**
   * A client scoped to one conversation: the same operations with the session's tags preset, `turn()`, running
   * totals of usage and cost per turn and overall, and `end()` (see {@link AISession}). Throws
   * {@link ConfigError} for bad options.
   *
   * @example
   * ```ts
   * const session = ai.session({ session: 'call-7f3a', customer: 'acme' });
   * await session.chat({ model: 'openai:gpt-4o-mini', messages });
   * const { total } = await session.end();
   * ```
   */
  session(options: SessionOptions): AISession {
    return new AISession(this.#parts, options);
  }

  /**
   * Writes every queued usage event to the sinks and flushes them, after the usage still owed by streams the
   * caller is done with (a cut stream's tokens are counted off the event loop); waits at most `closeTimeoutMs` for each.
   *
   * @example
   * ```ts
   * await ai.flush();
   * ```
   */
  flush(): Promise<void> {
    return this.#parts.lifecycle.flush();
  }

  /**
   * Shuts the client down gracefully: from now on no call is admitted and no provider request is sent, retries
   * included (both fail with `ClientClosedError`). Waits up to `closeTimeoutMs` for the calls in flight and their
   * usage events (a stream still open at that deadline is cut and recorded as `aborted`, its usage estimated),
   * then flushes and closes the sinks (again up to `closeTimeoutMs`) and unregisters the exit hooks. Calling it
   * again returns the same promise.
   *
   * @example
   * ```ts
   * process.on('SIGTERM', () => void ai.close());
   * ```
   */
  close(): Promise<void> {
    return this.#parts.lifecycle.close();
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
    return this.#parts.bus.sinks.stats();
  }
}
