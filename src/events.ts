import type { ProviderErrorKind } from './errors/provider-error.js';
import type { SinkError } from './errors/sink-error.js';
import type { Operation } from './operations/operation.js';
import type { Tags } from './tags.js';
import type { UsageEvent } from './usage-event.js';

/** Identifies the call (and attempt) an event is about. */
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

/** A request is about to be sent to the provider. */
export interface RequestEvent extends CallInfo {
  /** Epoch milliseconds. */
  readonly time: number;
}

/** A provider reply arrived (for streams: the reply head). */
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

/** A failed attempt will be retried. */
export interface RetryEvent extends CallInfo {
  /** Milliseconds until the next attempt. */
  readonly delayMs: number;
  /** Failure class of the attempt that failed. */
  readonly reason: ProviderErrorKind;
  /** The attempt's error. */
  readonly error: unknown;
}

/** A limit policy delayed or rejected a call. */
export interface LimitedEvent extends CallInfo {
  /** Name of the policy. */
  readonly policy: string;
  /** What the policy did. */
  readonly action: 'wait' | 'reject';
  /** Milliseconds waited, or until the limit frees up when rejected. */
  readonly waitMs: number;
}

/** A budget or quota crossed an alert threshold. */
export interface QuotaEvent {
  /** Name of the policy. */
  readonly policy: string;
  /** The scope key the threshold applies to, e.g. `customer=acme`. */
  readonly scope: string;
  /** Unit counted, e.g. `credits` or `usd`. */
  readonly unit: string;
  /** Used so far in the window. */
  readonly used: number;
  /** The window's limit. */
  readonly limit: number;
  /** The threshold crossed, as a fraction of the limit (0.8 = 80 %). */
  readonly threshold: number;
}

/** A call failed (after any retries). */
export interface ErrorEvent extends CallInfo {
  /** The error thrown to the caller. */
  readonly error: Error;
}

/** A sink failed or dropped events; calls are never affected. */
export interface SinkErrorEvent {
  /** Name of the sink. */
  readonly sink: string;
  /** What happened. */
  readonly error: SinkError | Error;
  /** Events lost by this failure (0 if they will be retried). */
  readonly dropped: number;
}

/** Something worth a look that is not an error, e.g. a model with no known price. */
export interface WarningEvent {
  /** Stable code, e.g. `unknown_price`. */
  readonly code: string;
  /** Explanation. */
  readonly message: string;
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
  /** A provider request was metered. */
  usage: (event: UsageEvent) => void;
  /** A call failed. */
  error: (event: ErrorEvent) => void;
  /** A sink failed or dropped events. */
  'sink-error': (event: SinkErrorEvent) => void;
  /** Something worth a look. */
  warning: (event: WarningEvent) => void;
}

/** Name of an {@link AIClientEvents} event. */
export type AIClientEventName = keyof AIClientEvents;

/** Payload type of event `E`. */
export type AIClientEventPayload<E extends AIClientEventName> = Parameters<AIClientEvents[E]>[0];

/** Emits a typed event; what middleware receive as `ctx.emit`. */
export type EmitFn = <E extends AIClientEventName>(event: E, payload: AIClientEventPayload<E>) => void;
