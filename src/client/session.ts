import { randomUUID } from 'node:crypto';
import type { CallContext } from '../context.js';
import { ConfigError } from '../errors/config-error.js';
import { SessionEndedError } from '../errors/session-ended-error.js';
import { isRecord } from '../is-record.js';
import type { ChatDelta, ChatOutput, ChatRequest } from '../operations/chat.js';
import type { EmbedOutput, EmbedRequest } from '../operations/embed.js';
import type { Operation, OperationTypes } from '../operations/operation.js';
import type { SpeakRequest, SpeechOutput, SpeechStreamOutput } from '../operations/speech.js';
import type { TranscribeRequest, TranscriptionOutput } from '../operations/transcription.js';
import { sessionTally, type SessionTotals } from '../report/session-totals.js';
import { AIStream } from '../stream/ai-stream.js';
import { mergeTags, type Tags } from '../tags.js';
import type { UsageEvent } from '../usage-event.js';
import type { ClientParts } from './assemble-client.js';
import type { AIResponse } from './call-runner.js';
import { sessionTags, type SessionOptions } from './session-options.js';

/**
 * Options of {@link AISession.end}.
 *
 * @example
 * ```ts
 * const totals = await session.end({ timeoutMs: 2_000 });
 * ```
 */
export interface SessionEndOptions {
  /** Longest wait for the session's calls still in flight, in ms. @default 10000 */
  readonly timeoutMs?: number;
}

/**
 * A client scoped to one conversation, made by `ai.session({ session, customer, ...tags })`: the client's
 * operations with the session's tags preset, a turn counter, and running totals of usage and cost.
 *
 * Tags: the client's default tags, then the session's, then the call's own (`request.tags`) win in that order;
 * `session` and `turn` are set last by the session itself, so every event of the session carries them.
 *
 * Totals are the sum of the session's own usage events (one per provider request, retries included), matched by
 * call id, per turn (the turn the call began in) and overall. They keep provenance: a figure or cost holding an
 * estimate counts it in `estimated`; an unknown one counts in `missing` and is never added as 0.
 *
 * `end()` admits nothing more, waits for the session's calls in flight (streams not yet settled, counts still
 * owed) up to `timeoutMs`, then emits a `session-end` event with the totals (through the client's bus: scrubbed,
 * then to listeners) and resolves with them. A usage event of the session that arrives after that (a late count
 * of a call still in flight at the deadline) is still folded into {@link AISession.totals}, and counted in `late`.
 *
 * @example
 * ```ts
 * const session = ai.session({ session: 'call-7f3a', customer: 'acme' });
 * const heard = await session.transcribe({ model: 'openai:whisper-1', audio, fileName: 'turn.wav' });
 * for await (const delta of session.streamChat({ model: 'openai:gpt-4o-mini', messages })) say(delta.text);
 * console.log(session.totals().turns[0]?.totals.costUsd?.value);
 * session.turn(); // turn 2
 * const totals = await session.end();
 * ```
 */
export class AISession {
  /** The session id (its `session` tag). */
  readonly id: string;
  /** The tags the session presets, without `turn`. */
  readonly tags: Readonly<Tags>;
  readonly #parts: ClientParts;
  readonly #tally = sessionTally();
  readonly #fold = (event: UsageEvent, turn: number): void => {
    this.#tally.add(event, turn);
    if (this.#totalsTaken) this.#late += 1;
  };
  #turn = 1;
  #pending = 0;
  #late = 0;
  #totalsTaken = false;
  #ending: Promise<SessionTotals> | undefined;
  #idle: (() => void) | undefined;

  /**
   * @internal
   * @param parts - the client's parts
   * @param options - see {@link SessionOptions}; throws {@link ConfigError} naming the bad field
   */
  constructor(parts: ClientParts, options: SessionOptions) {
    this.tags = sessionTags(options);
    this.id = this.tags.session!;
    this.#parts = parts;
  }

  /** The current turn, from 1. */
  get currentTurn(): number {
    return this.#turn;
  }

  /** Whether `end()` was called. */
  get ended(): boolean {
    return this.#ending !== undefined;
  }

  /**
   * Begins the next turn and returns its number; calls made from now on carry it as their `turn` tag. Calls
   * still running keep the turn they began in. Throws {@link SessionEndedError} once the session ended.
   *
   * @example
   * ```ts
   * userSpoke(() => session.turn());
   * ```
   */
  turn(): number {
    if (this.ended) throw new SessionEndedError(this.id);
    this.#turn += 1;
    return this.#turn;
  }

  /**
   * The running totals: usage and cost per turn and for the session, readable at any time.
   *
   * @example
   * ```ts
   * const { total } = session.totals();
   * console.log(total.requests, total.costUsd?.value, total.costUsd?.estimated ? '(estimated)' : '');
   * ```
   */
  totals(): SessionTotals {
    const { total, turns } = this.#tally.read(this.#turn);
    return { session: this.id, tags: this.tags, turn: this.#turn, total, turns, pending: this.#pending, ended: this.ended, late: this.#late };
  }

  /**
   * Chat completion, with the session's tags.
   *
   * @example
   * ```ts
   * const reply = await session.chat({ model: 'openai:gpt-4o-mini', messages });
   * ```
   */
  chat(request: ChatRequest): Promise<AIResponse<ChatOutput>> {
    return this.#call('chat', request);
  }

  /**
   * Streamed chat completion, with the session's tags.
   *
   * @example
   * ```ts
   * for await (const delta of session.streamChat({ model: 'openai:gpt-4o-mini', messages })) say(delta.text);
   * ```
   */
  streamChat(request: ChatRequest): AIStream<ChatDelta, ChatOutput> {
    return this.#stream('streamChat', request);
  }

  /**
   * Embeddings, with the session's tags.
   *
   * @example
   * ```ts
   * const { output } = await session.embed({ model: 'openai:text-embedding-3-small', input: heard });
   * ```
   */
  embed(request: EmbedRequest): Promise<AIResponse<EmbedOutput>> {
    return this.#call('embed', request);
  }

  /**
   * Text-to-speech, whole audio, with the session's tags.
   *
   * @example
   * ```ts
   * const { output } = await session.speak({ model: 'elevenlabs:eleven_flash_v2_5', voice: voiceId, text: 'Hello' });
   * ```
   */
  speak(request: SpeakRequest): Promise<AIResponse<SpeechOutput>> {
    return this.#call('speak', request);
  }

  /**
   * Streamed text-to-speech, with the session's tags.
   *
   * @example
   * ```ts
   * for await (const chunk of session.streamSpeak({ model: 'elevenlabs:eleven_flash_v2_5', voice: voiceId, text })) player.write(chunk);
   * ```
   */
  streamSpeak(request: SpeakRequest): AIStream<Uint8Array, SpeechStreamOutput> {
    return this.#stream('streamSpeak', request);
  }

  /**
   * Speech-to-text, with the session's tags.
   *
   * @example
   * ```ts
   * const { output } = await session.transcribe({ model: 'openai:whisper-1', audio: wav, fileName: 'turn.wav' });
   * ```
   */
  transcribe(request: TranscribeRequest): Promise<AIResponse<TranscriptionOutput>> {
    return this.#call('transcribe', request);
  }

  /**
   * Ends the session: admits nothing more, waits up to `timeoutMs` for its calls in flight, emits `session-end`
   * with the totals and resolves with them. Calling it again returns the same promise. A bad `timeoutMs` rejects
   * with {@link ConfigError}.
   *
   * @example
   * ```ts
   * const { total } = await session.end();
   * console.log(`session cost $${total.costUsd?.value.toFixed(4) ?? '?'}`);
   * ```
   */
  end(options: SessionEndOptions = {}): Promise<SessionTotals> {
    if (this.#ending) return this.#ending;
    const timeoutMs = options.timeoutMs ?? 10_000;
    if (typeof timeoutMs !== 'number' || !(timeoutMs >= 0)) return Promise.reject(new ConfigError('timeoutMs', 'expected a number of milliseconds >= 0'));
    return (this.#ending = this.#finish(timeoutMs));
  }

  async #finish(timeoutMs: number): Promise<SessionTotals> {
    await this.#settled(timeoutMs);
    const totals = this.totals();
    this.#totalsTaken = true;
    this.#parts.bus.emit('session-end', { ...totals, time: Date.now() });
    return totals;
  }

  /** Resolves once no call of the session is in flight, or after `ms`. */
  #settled(ms: number): Promise<void> {
    if (this.#pending === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.#idle = () => {
        if (this.#pending > 0) return;
        this.#idle = undefined;
        done();
      };
    });
  }

  #call<Op extends Operation, O>(operation: Op, request: OperationTypes[Op]['request']): Promise<AIResponse<O>> {
    if (this.ended) return Promise.reject(new SessionEndedError(this.id));
    let callId: string | undefined;
    const reply = this.#parts.runner.call<O>(() => {
      const ctx = this.#open(operation, request);
      callId = ctx.id;
      return ctx;
    });
    if (callId !== undefined) this.#leaveOn(callId, reply);
    return reply;
  }

  #stream<Op extends Operation, D, O>(operation: Op, request: OperationTypes[Op]['request']): AIStream<D, O> {
    if (this.ended) return new AIStream<D, O>(randomUUID(), Promise.reject(new SessionEndedError(this.id)));
    let callId: string | undefined;
    const stream = this.#parts.runner.stream<D, O>(() => {
      const ctx = this.#open(operation, request);
      callId = ctx.id;
      return ctx;
    });
    if (callId !== undefined) this.#leaveOn(callId, stream.final);
    return stream;
  }

  /** The call's context with the session's tags, its usage events routed here; counted in flight. */
  #open<Op extends Operation>(operation: Op, request: OperationTypes[Op]['request']): CallContext {
    const ctx = this.#parts.contexts.create(operation, this.#withTags(request));
    this.#parts.sessions.route(ctx.id, { fold: this.#fold, turn: this.#turn });
    this.#pending += 1;
    return ctx as CallContext;
  }

  #leaveOn(callId: string, settled: Promise<unknown>): void {
    const leave = (): void => {
      this.#pending -= 1;
      this.#parts.sessions.release(callId);
      this.#idle?.();
    };
    settled.then(leave, leave);
  }

  #withTags<R>(request: R): R {
    const input: unknown = request;
    if (!isRecord(input)) return request;
    const tags = input.tags === undefined ? { ...this.tags } : mergeTags(this.tags, input.tags, 'request.tags');
    tags.session = this.id;
    tags.turn = String(this.#turn);
    return { ...input, tags } as R;
  }
}
