import type { ProviderErrorKind } from './errors/provider-error.js';
import type { SinkError } from './errors/sink-error.js';
import type { DegradeDetails } from './degrade-details.js';
import type { LimitStoreEvent, QuotaEvent } from './limit-events.js';
import type { Operation } from './operations/operation.js';
import type { SessionTotals } from './report/session-totals.js';
import type { Tags } from './tags.js';
import type { UsageEvent } from './usage-event.js';

export type { LimitStoreEvent, QuotaEvent } from './limit-events.js';

/**
 * Identifies the call (and attempt) an event is about.
 *
 * @example
 * ```ts
 * const describe = (e: CallInfo) => `${e.provider}:${e.model} ${e.operation} attempt ${e.attempt} (${e.callId})`;
 * ai.on('request', (e) => console.log(describe(e)));
 * ```
 */
export interface CallInfo {
  /** Call id. */
  readonly callId: string;
  /** Provider name. */
  readonly provider: string;
  /** Operation. */
  readonly operation: Operation;
  /** The provider's model id. */
  readonly model: string;
  /** Deployment environment. */
  readonly environment: string;
  /** Attribution tags. */
  readonly tags: Readonly<Tags>;
  /** Attempt number, 1-based. */
  readonly attempt: number;
  /** Fingerprint of the key in use, once resolved. */
  readonly keyFingerprint?: string;
}

/**
 * A request is about to be sent to the provider.
 *
 * @example
 * ```ts
 * ai.on('request', (e: RequestEvent) => console.log(new Date(e.time).toISOString(), e.provider, e.model, e.keyFingerprint));
 * ```
 */
export interface RequestEvent extends CallInfo {
  /** Epoch milliseconds. */
  readonly time: number;
}

/**
 * A provider reply arrived (for streams: the reply head).
 *
 * @example
 * ```ts
 * ai.on('response', (e: ResponseEvent) => {
 *   if (!e.ok) console.warn(`${e.provider} replied ${e.httpStatus} after ${e.latencyMs} ms`, e.requestId);
 * });
 * ```
 */
export interface ResponseEvent extends CallInfo {
  /** Whether the reply was a success. */
  readonly ok: boolean;
  /** HTTP status, where known. */
  readonly httpStatus?: number;
  /** Milliseconds since the request event. */
  readonly latencyMs: number;
  /** The provider's request id. */
  readonly requestId?: string;
}

/**
 * A failed attempt will be retried.
 *
 * @example
 * ```ts
 * ai.on('retry', (e: RetryEvent) => {
 *   console.warn(`attempt ${e.attempt} of call ${e.callId} failed (${e.reason}); retrying in ${e.delayMs} ms`);
 * });
 * ```
 */
export interface RetryEvent extends CallInfo {
  /** Milliseconds until the next attempt. */
  readonly delayMs: number;
  /** Failure class of the attempt that failed. */
  readonly reason: ProviderErrorKind;
  /** The attempt's error. */
  readonly error: unknown;
}

/**
 * A limit policy delayed or rejected a call.
 *
 * @example
 * ```ts
 * ai.on('limited', (e: LimitedEvent) => {
 *   if (e.action === 'reject') console.warn(`${e.policy} rejected call ${e.callId}; frees up in ${e.waitMs} ms`);
 * });
 * ```
 */
export interface LimitedEvent extends CallInfo {
  /** Name of the policy. */
  readonly policy: string;
  /** The policy's counter, e.g. `customer=acme` (empty when the policy has one counter). */
  readonly scope?: string;
  /** Unit the policy counts. */
  readonly unit?: string;
  /** What the policy did. */
  readonly action: 'wait' | 'reject';
  /** Milliseconds waited, or until the limit frees up when rejected. */
  readonly waitMs: number;
}

/** A `degraded` event: the call as the caller asked it, and what a budget's degradation rule changed and why.
 * @example `ai.on('degraded', (e: DegradedEvent) => console.warn(e.policy, e.share, e.from.model, '→', e.to.model));` */
export type DegradedEvent = CallInfo & DegradeDetails;

/**
 * A call failed (after any retries).
 *
 * @example
 * ```ts
 * ai.on('error', (e: ErrorEvent) => console.error(e.callId, `${e.provider}:${e.model}`, e.error.message));
 * ```
 */
export interface ErrorEvent extends CallInfo {
  /** The error thrown to the caller. */
  readonly error: Error;
}

/**
 * A sink failed or dropped events; calls are never affected.
 *
 * @example
 * ```ts
 * ai.on('sink-error', (e: SinkErrorEvent) => console.warn(`sink ${e.sink} failed, ${e.dropped} events lost`, e.error));
 * ```
 */
export interface SinkErrorEvent {
  /** Name of the sink. */
  readonly sink: string;
  /** What happened. */
  readonly error: SinkError | Error;
  /** Events lost by this failure (0 if they will be retried). */
  readonly dropped: number;
}

/**
 * Something worth a look that is not an error, e.g. a model with no known price.
 *
 * @example
 * ```ts
 * ai.on('warning', (e: WarningEvent) => {
 *   if (e.code === 'unknown_price') console.warn(e.message);
 * });
 * ```
 */
export interface WarningEvent {
  /** Stable code, e.g. `unknown_price`. */
  readonly code: string;
  /** Explanation. */
  readonly message: string;
}

/**
 * A session ended (`session.end()`): its totals once its calls in flight settled (or the wait timed out:
 * `pending` then counts the calls still running, whose usage is folded into `session.totals()` later).
 *
 * @example
 * ```ts
 * ai.on('session-end', (e: SessionEndEvent) => {
 *   console.log(`${e.session} (${e.tags.customer}): ${e.turn} turns, $${e.total.costUsd?.value ?? '?'}`);
 * });
 * ```
 */
export interface SessionEndEvent extends SessionTotals {
  /** When the totals were taken, epoch milliseconds. */
  readonly time: number;
}

/**
 * Every event an {@link AIClient} emits, with its listener type. `on`, `once` and `off` are typed by this
 * map: a wrong event name or a wrong payload type fails to compile.
 *
 * @example
 * ```ts
 * ai.on('usage', (event) => ledger.push(event));      // event: UsageEvent
 * ai.on('retry', (event) => console.warn(event.delayMs));
 * ```
 */
export interface AIClientEvents {
  /** A request is about to be sent. */
  request: (event: RequestEvent) => void;
  /** A reply arrived. */
  response: (event: ResponseEvent) => void;
  /** An attempt failed and will be retried. */
  retry: (event: RetryEvent) => void;
  /** A limit delayed or rejected a call. */
  limited: (event: LimitedEvent) => void;
  /** A quota or budget crossed an alert threshold. */
  quota: (event: QuotaEvent) => void;
  /** A budget's degradation rule sent a call to a cheaper model, voice or output length. */
  degraded: (event: DegradedEvent) => void;
  /** The limit store fell back to local counting, or resumed shared counting. */
  'limit-store': (event: LimitStoreEvent) => void;
  /** A provider request was metered. */
  usage: (event: UsageEvent) => void;
  /** A call failed. */
  error: (event: ErrorEvent) => void;
  /** A sink failed or dropped events. */
  'sink-error': (event: SinkErrorEvent) => void;
  /** Something worth a look. */
  warning: (event: WarningEvent) => void;
  /** A session ended, with its totals. */
  'session-end': (event: SessionEndEvent) => void;
}

/**
 * Name of an {@link AIClientEvents} event.
 *
 * @example
 * ```ts
 * const counts = new Map<AIClientEventName, number>();
 * const count = (name: AIClientEventName) => () => counts.set(name, (counts.get(name) ?? 0) + 1);
 * for (const name of ['retry', 'error', 'sink-error'] as const) ai.on(name, count(name));
 * ```
 */
export type AIClientEventName = keyof AIClientEvents;

/**
 * Payload type of event `E`.
 *
 * @example
 * ```ts
 * const retries: AIClientEventPayload<'retry'>[] = []; // RetryEvent[]
 * ai.on('retry', (e) => retries.push(e));
 * ```
 */
export type AIClientEventPayload<E extends AIClientEventName> = Parameters<AIClientEvents[E]>[0];

/**
 * Emits a typed event; what middleware receive as `ctx.emit`.
 *
 * @example
 * ```ts
 * function warnIfSlow(emit: EmitFn, model: string, ms: number): void {
 *   if (ms > 10_000) emit('warning', { code: 'slow_call', message: `${model} took ${Math.round(ms)} ms` });
 * }
 * // in a middleware: warnIfSlow(ctx.emit, ctx.model, performance.now() - started);
 * ```
 */
export type EmitFn = <E extends AIClientEventName>(event: E, payload: AIClientEventPayload<E>) => void;
