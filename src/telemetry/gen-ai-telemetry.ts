import type { Attributes, Context, Span, Tracer } from '@opentelemetry/api';
import type { StreamEnd } from '../call-result.js';
import type { CallContext } from '../context.js';
import type { Scrubber } from '../redact/scrubber.js';
import type { UsageEvent } from '../usage-event.js';
import { inputContent, outputContent } from './content-attributes.js';
import { errorType } from './error-type.js';
import type { OtelApiModule } from './otel-api.js';
import { GEN_AI, genAiOperationName, genAiProviderName, providerAttribute, type SemconvVersion } from './semconv.js';
import type { TelemetryMetrics } from './telemetry-metrics.js';
import { usageAttributes } from './usage-attributes.js';

/** How a call or an attempt ended, as its span records it. */
export interface SpanEnd {
  /** `ok`, `aborted` (a cut stream: the span is marked interrupted) or `error`. */
  readonly outcome: 'ok' | 'aborted' | 'error';
  /** The failure, for `error`. */
  readonly error?: unknown;
  /** The reply's normalized output (its text, with `captureContent`). */
  readonly output?: unknown;
  /** The provider's reply as the SDK returned it (where the response model is read). */
  readonly raw?: unknown;
  /** `performance.now()` of the first streamed chunk. */
  readonly firstChunkAt?: number | undefined;
}

/** The span of a call, and the totals of its attempts. */
export interface CallSpan {
  readonly span: Span;
  /** The context with this span active: the parent of the attempt spans. */
  readonly context: Context;
  attempts: number;
  usd: number | undefined;
  markupUsd: number | undefined;
  responseModel: string | undefined;
}

/** The span of one provider attempt, waiting for its usage event and its end. */
export interface AttemptSpan {
  readonly span: Span;
  readonly context: Context;
  readonly key: string;
  readonly call: CallSpan | undefined;
  readonly startedAt: number;
  readonly metricAttributes: Attributes;
  event?: UsageEvent;
}

/** What {@link GenAiTelemetry} is built from. */
export interface GenAiTelemetryParts {
  readonly api: OtelApiModule;
  readonly tracer: Tracer;
  readonly metrics: TelemetryMetrics;
  readonly version: SemconvVersion;
  readonly scrubber: Scrubber;
  /** The adapter's provider name (`openai`, `gemini`, …) of each registered provider name. */
  readonly providers: Readonly<Record<string, string>>;
  readonly spanTags: readonly string[];
  readonly metricTags: readonly string[];
  readonly captureContent: boolean;
}

/**
 * The spans and metrics of a client's calls: a call span (`INTERNAL`, `aimeter {operation} {model}`) around each
 * call, a child span per provider attempt (`CLIENT`, `{operation} {model}`, the conventions' inference span),
 * which ends when the attempt's usage is known (for a cut stream, once its tokens are counted).
 */
export class GenAiTelemetry {
  readonly #parts: GenAiTelemetryParts;
  readonly #calls = new WeakMap<CallContext, CallSpan>();
  readonly #attempts = new Map<string, AttemptSpan>();

  /** @param parts - the API, tracer, metrics and settings */
  constructor(parts: GenAiTelemetryParts) {
    this.#parts = parts;
  }

  /** Starts the span of a call, as a child of the active span. */
  startCall(ctx: CallContext): CallSpan {
    const { api, tracer } = this.#parts;
    const active = api.context.active();
    const attributes = { ...this.#base(ctx), ...this.#spanTags(ctx), 'aimeter.call.id': ctx.id, 'aimeter.environment': this.#clean(ctx.environment) };
    const span = tracer.startSpan(`aimeter ${genAiOperationName(ctx.operation)} ${this.#clean(ctx.model)}`, { kind: api.SpanKind.INTERNAL, attributes }, active);
    const call: CallSpan = { span, context: api.trace.setSpan(active, span), attempts: 0, usd: undefined, markupUsd: undefined, responseModel: undefined };
    this.#calls.set(ctx, call);
    return call;
  }

  /** Ends a call's span with the totals of its attempts. */
  endCall(ctx: CallContext, call: CallSpan, end: SpanEnd): void {
    const attributes: Attributes = { 'aimeter.attempts': call.attempts, 'aimeter.status': end.outcome };
    if (call.usd !== undefined) attributes['aimeter.cost.usd'] = call.usd;
    if (call.markupUsd !== undefined) attributes['aimeter.cost.markup_usd'] = call.markupUsd;
    const model = responseModel(end.raw) ?? call.responseModel;
    if (model !== undefined) attributes[GEN_AI.responseModel] = this.#clean(model);
    if (end.firstChunkAt !== undefined) attributes['aimeter.call.time_to_first_chunk'] = (end.firstChunkAt - ctx.startedAt) / 1000;
    this.#finish(call.span, attributes, end);
    this.#calls.delete(ctx);
  }

  /** Starts the span of one provider attempt, as a child of its call's span. */
  startAttempt(ctx: CallContext): AttemptSpan {
    const { api, tracer } = this.#parts;
    const call = this.#calls.get(ctx);
    if (call) call.attempts += 1;
    const parent = call?.context ?? api.context.active();
    const base = this.#base(ctx);
    const attributes: Attributes = { ...base, ...this.#spanTags(ctx), 'aimeter.call.id': ctx.id, 'aimeter.attempt': ctx.attempt };
    if (ctx.key) attributes['aimeter.key.fingerprint'] = ctx.key.fingerprint;
    if (this.#parts.captureContent) Object.assign(attributes, inputContent(ctx, this.#parts.scrubber));
    const span = tracer.startSpan(`${genAiOperationName(ctx.operation)} ${this.#clean(ctx.model)}`, { kind: api.SpanKind.CLIENT, attributes }, parent);
    const key = `${ctx.id}:${ctx.attempt}`;
    const attempt: AttemptSpan = { span, context: api.trace.setSpan(parent, span), key, call, startedAt: performance.now(), metricAttributes: { ...base, ...this.#tags(ctx, this.#parts.metricTags) } };
    this.#attempts.set(key, attempt);
    return attempt;
  }

  /** Takes a usage event the meter built: it belongs to an attempt span still open, or only feeds the metrics. */
  observe(event: UsageEvent): void {
    const attempt = this.#attempts.get(`${event.callId}:${event.attempt}`);
    if (attempt) attempt.event = event;
    else this.#parts.metrics.usage(event, this.#eventMetricAttributes(event));
  }

  /** Ends an attempt's span with its usage event's figures, and records its metrics. */
  endAttempt(attempt: AttemptSpan, end: SpanEnd): void {
    this.#attempts.delete(attempt.key);
    const { metrics, version, scrubber } = this.#parts;
    // The usage event's status, when there is one, replaces this (the same values).
    const attributes: Attributes = { 'aimeter.status': end.outcome };
    const model = responseModel(end.raw);
    const metricAttributes = { ...attempt.metricAttributes };
    if (model !== undefined) {
      attributes[GEN_AI.responseModel] = metricAttributes[GEN_AI.responseModel] = this.#clean(model);
      if (attempt.call) attempt.call.responseModel = model;
    }
    const event = attempt.event;
    if (event) {
      Object.assign(attributes, usageAttributes(event, version));
      metrics.usage(event, metricAttributes);
      if (attempt.call) addCost(attempt.call, event);
    }
    if (this.#parts.captureContent && end.outcome !== 'error') Object.assign(attributes, outputContent(end.output, scrubber));
    if (end.outcome === 'error') metricAttributes[GEN_AI.errorType] = errorType(end.error);
    metrics.duration((performance.now() - attempt.startedAt) / 1000, metricAttributes);
    this.#finish(attempt.span, attributes, end);
  }

  /** Runs `fn` with `context` active (so spans the SDK's own instrumentation makes nest under ours). */
  with<T>(context: Context, fn: () => T): T {
    return this.#parts.api.context.with(context, fn);
  }

  #finish(span: Span, attributes: Attributes, end: SpanEnd): void {
    const { api } = this.#parts;
    if (end.outcome === 'aborted') attributes['aimeter.stream.interrupted'] = true;
    if (end.outcome === 'error') {
      const type = errorType(end.error);
      attributes[GEN_AI.errorType] = type;
      span.setStatus({ code: api.SpanStatusCode.ERROR, message: type });
    }
    span.setAttributes(attributes);
    span.end();
  }

  #base(ctx: CallContext): Attributes {
    const provider = this.#parts.providers[ctx.provider] ?? ctx.provider;
    return {
      [GEN_AI.operation]: genAiOperationName(ctx.operation),
      [providerAttribute(this.#parts.version)]: genAiProviderName(provider),
      [GEN_AI.requestModel]: this.#clean(ctx.model),
      'aimeter.operation': ctx.operation,
    };
  }

  #eventMetricAttributes(event: UsageEvent): Attributes {
    const provider = this.#parts.providers[event.provider] ?? event.provider;
    const attributes: Attributes = {
      [GEN_AI.operation]: genAiOperationName(event.operation),
      [providerAttribute(this.#parts.version)]: genAiProviderName(provider),
      [GEN_AI.requestModel]: this.#clean(event.model),
      'aimeter.operation': event.operation,
    };
    for (const name of this.#parts.metricTags) {
      const value = event.tags[name];
      if (value !== undefined) attributes[`aimeter.tag.${name}`] = this.#clean(value);
    }
    return attributes;
  }

  /** The span tags, and with the latest conventions the `session` tag (when listed) as `gen_ai.conversation.id`. */
  #spanTags(ctx: CallContext): Attributes {
    const attributes = this.#tags(ctx, this.#parts.spanTags);
    const session = attributes['aimeter.tag.session'];
    if (this.#parts.version === 'latest' && session !== undefined) attributes[GEN_AI.conversationId] = session;
    return attributes;
  }

  #tags(ctx: CallContext, names: readonly string[]): Attributes {
    const attributes: Attributes = {};
    for (const name of names) {
      const value = ctx.tags[name];
      if (value !== undefined) attributes[`aimeter.tag.${name}`] = this.#clean(value);
    }
    return attributes;
  }

  #clean(text: string): string {
    return this.#parts.scrubber.scrubText(text);
  }
}

/**
 * The model a reply names: `model` in OpenAI's replies, `modelVersion` in Gemini's; undefined when the reply
 * names none (streams, speech).
 */
function responseModel(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { model, modelVersion } = raw as { model?: unknown; modelVersion?: unknown };
  if (typeof model === 'string' && model !== '') return model;
  return typeof modelVersion === 'string' && modelVersion !== '' ? modelVersion : undefined;
}

function addCost(call: CallSpan, event: UsageEvent): void {
  const cost = event.cost;
  if (cost?.usd !== undefined) call.usd = (call.usd ?? 0) + cost.usd;
  if (cost?.markupUsd !== undefined) call.markupUsd = (call.markupUsd ?? 0) + cost.markupUsd;
}

/**
 * The {@link SpanEnd} of a stream's end.
 *
 * @example
 * ```ts
 * void result.final.then((end) => telemetry.endAttempt(attempt, streamSpanEnd(end)));
 * ```
 */
export function streamSpanEnd(end: StreamEnd): SpanEnd {
  return { outcome: end.outcome, error: end.error, output: end.output, raw: end.raw, firstChunkAt: end.firstChunkAt };
}
