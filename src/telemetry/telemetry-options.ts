import type { Meter, Tracer } from '@opentelemetry/api';
import { assertKnownKeys } from '../config/known-keys.js';
import { ConfigError } from '../errors/config-error.js';
import { isRecord } from '../is-record.js';
import type { SemconvVersion } from './semconv.js';

/**
 * The `telemetry` option of `createAIClient`: OpenTelemetry spans (one per call, one per provider attempt) and
 * metrics (`gen_ai.client.token.usage`, `gen_ai.client.operation.duration`, `aimeter.client.cost`) following
 * the GenAI semantic conventions. Needs the optional peer dependency `@opentelemetry/api`; without a `tracer` or
 * `meter`, the globally registered providers are used (no-ops until the application registers an SDK).
 *
 * @example
 * ```ts
 * const ai = createAIClient({
 *   providers: { openai: openai() },
 *   telemetry: { tracer: trace.getTracer('my-app'), metricTags: ['customer'] },
 * });
 * ```
 */
export interface TelemetryOptions {
  /** Where spans go. @default trace.getTracer('aimeter') of the global tracer provider */
  readonly tracer?: Tracer;
  /** Where metrics go. @default metrics.getMeter('aimeter') of the global meter provider */
  readonly meter?: Meter;
  /**
   * Which version of the GenAI conventions to follow: `'v1.36'` (`gen_ai.system`) or `'latest'`
   * (`gen_ai.provider.name` and the newer usage attributes). See {@link SemconvVersion}.
   * @default 'latest' when OTEL_SEMCONV_STABILITY_OPT_IN lists gen_ai_latest_experimental, else 'v1.36'
   */
  readonly semconv?: SemconvVersion;
  /** The call tags put on spans, as `aimeter.tag.<name>` (values scrubbed of secrets). @default ['customer', 'session', 'turn'] */
  readonly spanTags?: readonly string[];
  /**
   * The call tags put on metrics, as `aimeter.tag.<name>`. Each distinct value is a new time series: list only
   * tags with few values. @default []
   */
  readonly metricTags?: readonly string[];
  /**
   * Put the prompt and the reply on attempt spans (`gen_ai.input.messages`, `gen_ai.output.messages`, JSON),
   * scrubbed of secrets. Off by default: prompts and replies often hold personal data. @default false
   */
  readonly captureContent?: boolean;
}

const KNOWN = ['tracer', 'meter', 'semconv', 'spanTags', 'metricTags', 'captureContent'];

/**
 * Checks the `telemetry` option; throws {@link ConfigError} naming the bad field.
 *
 * @example
 * ```ts
 * validateTelemetryOptions({ semconv: 'latest' }); // passes
 * ```
 */
export function validateTelemetryOptions(value: unknown): asserts value is TelemetryOptions | boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return;
  if (!isRecord(value)) throw new ConfigError('telemetry', 'expected telemetry options or a boolean');
  assertKnownKeys(value, KNOWN, 'telemetry');
  if (value.tracer !== undefined && !(isRecord(value.tracer) && typeof value.tracer.startSpan === 'function')) {
    throw new ConfigError('telemetry.tracer', 'expected an OpenTelemetry Tracer (trace.getTracer(name))');
  }
  if (value.meter !== undefined && !(isRecord(value.meter) && typeof value.meter.createHistogram === 'function')) {
    throw new ConfigError('telemetry.meter', 'expected an OpenTelemetry Meter (metrics.getMeter(name))');
  }
  if (value.semconv !== undefined && value.semconv !== 'v1.36' && value.semconv !== 'latest') {
    throw new ConfigError('telemetry.semconv', "expected 'v1.36' or 'latest'");
  }
  for (const field of ['spanTags', 'metricTags'] as const) {
    const tags = value[field];
    if (tags !== undefined && !(Array.isArray(tags) && tags.every((tag) => typeof tag === 'string' && tag !== ''))) {
      throw new ConfigError(`telemetry.${field}`, 'expected an array of tag names');
    }
  }
  if (value.captureContent !== undefined && typeof value.captureContent !== 'boolean') throw new ConfigError('telemetry.captureContent', 'expected a boolean');
}
