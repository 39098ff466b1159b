import { isStreamResult, type AnyCallResult } from '../call-result.js';
import type { Middleware } from '../compose.js';
import type { Scrubber } from '../redact/scrubber.js';
import { GenAiTelemetry, streamSpanEnd, type SpanEnd } from '../telemetry/gen-ai-telemetry.js';
import { loadOtelApi } from '../telemetry/otel-api.js';
import { semconvFromEnv } from '../telemetry/semconv.js';
import { TelemetryMetrics } from '../telemetry/telemetry-metrics.js';
import type { TelemetryOptions } from '../telemetry/telemetry-options.js';
import type { UsageEvent } from '../usage-event.js';

/** The instrumentation scope name of aimeter's tracer and meter. */
const SCOPE = 'aimeter';

/**
 * What {@link telemetry} needs besides the user's options: the client's scrubber, its environment variables
 * (`OTEL_SEMCONV_STABILITY_OPT_IN`) and the adapter's provider name of each registered provider.
 */
export interface TelemetryParts {
  readonly scrubber: Scrubber;
  readonly env: NodeJS.ProcessEnv;
  readonly providers: Readonly<Record<string, string>>;
}

/**
 * The two layers of OpenTelemetry instrumentation and the meter's hook, as the client places them:
 * `call` outermost (one span per call), `attempt` just outside the meter (one span per provider request), and
 * `observe`, which takes each usage event the meter builds.
 *
 * @example
 * ```ts
 * const otel = telemetry({ metricTags: ['customer'] }, { scrubber, env: process.env, providers: { openai: 'openai' } });
 * const handler = compose([otel.call, keys, retry(), otel.attempt, meter({ emit: (e) => { otel.observe(e); bus.metered(e); } })], terminal);
 * ```
 */
export interface TelemetryLayers {
  /** The call span's layer: outermost, so the span covers key resolution, limits, retries and the stream. */
  readonly call: Middleware;
  /** The attempt span's layer: inside retry and limits, outside the meter. */
  readonly attempt: Middleware;
  /** Takes the meter's usage events (synchronously, before the attempt's result reaches `attempt`). */
  readonly observe: (event: UsageEvent) => void;
}

/**
 * OpenTelemetry spans and metrics for a client's calls, following the GenAI semantic conventions; what
 * `createAIClient({ telemetry })` adds to the chain. Loads `@opentelemetry/api` now (an optional peer
 * dependency: {@link SdkMissingError} when it is not installed). A call's span ends when the call settles, a
 * stream's when it ended (a cut stream's once its usage is counted, marked `aimeter.stream.interrupted`).
 *
 * @example
 * ```ts
 * const ai = createAIClient({ providers: { openai: openai() }, telemetry: { metricTags: ['customer'] } });
 * ```
 */
export function telemetry(options: TelemetryOptions, parts: TelemetryParts): TelemetryLayers {
  const api = loadOtelApi();
  const otel = new GenAiTelemetry({
    api,
    tracer: options.tracer ?? api.trace.getTracer(SCOPE),
    metrics: new TelemetryMetrics(options.meter ?? api.metrics.getMeter(SCOPE)),
    version: options.semconv ?? semconvFromEnv(parts.env),
    scrubber: parts.scrubber,
    providers: parts.providers,
    spanTags: options.spanTags ?? ['customer', 'session', 'turn'],
    metricTags: options.metricTags ?? [],
    captureContent: options.captureContent ?? false,
  });
  // Written with `then`, as the other layers are: BENCHMARKS.md, "Notes from the code". A failure of the
  // telemetry itself (a throwing tracer or span processor) never fails the call: the call runs on untraced.
  const call: Middleware = (ctx, next) => {
    const span = attempted(() => otel.startCall(ctx));
    if (!span) return next();
    return otel.with(span.context, next).then(
      (result) => settled(result, (end) => otel.endCall(ctx, span, end)),
      (error: unknown) => {
        attempted(() => otel.endCall(ctx, span, { outcome: 'error', error }));
        throw error;
      },
    );
  };
  const attempt: Middleware = (ctx, next) => {
    const span = attempted(() => otel.startAttempt(ctx));
    if (!span) return next();
    return otel.with(span.context, next).then(
      (result) => settled(result, (end) => otel.endAttempt(span, end)),
      (error: unknown) => {
        attempted(() => otel.endAttempt(span, { outcome: 'error', error }));
        throw error;
      },
    );
  };
  return { call, attempt, observe: (event) => otel.observe(event) };
}

/** Calls `end` now for a reply, or once a stream ended (its `final` never rejects); returns the result as it is. */
function settled(result: AnyCallResult, end: (end: SpanEnd) => void): AnyCallResult {
  if (isStreamResult(result)) void result.final.then((streamEnd) => attempted(() => end(streamSpanEnd(streamEnd))));
  else attempted(() => end({ outcome: 'ok', output: result.output, raw: result.raw }));
  return result;
}

/** Runs a step of the telemetry; its failure is swallowed (undefined): the call's outcome never depends on it. */
function attempted<T>(step: () => T): T | undefined {
  try {
    return step();
  } catch {
    return undefined;
  }
}
