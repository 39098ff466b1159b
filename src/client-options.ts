import type { ProviderAdapter } from './adapter.js';
import { TOKEN_COUNTING_MODES, type TokenCounting } from './token-counting.js';
import type { Middleware } from './compose.js';
import { assertKnownKeys } from './config/known-keys.js';
import { ConfigError } from './errors/config-error.js';
import { isRecord } from './is-record.js';
import { assertNoFlatKeyOptions, validateKeyOptions, type KeyOptions } from './keys/key-options.js';
import type { LoggingOptions } from './middleware/logging.js';
import type { Limiter } from './limits/limiter.js';
import type { LimitsOptions } from './limits/limits-options.js';
import type { RetryOptions } from './middleware/retry.js';
import { validatePriceOverrides, type CostCalculatorOptions } from './pricing/cost-calculator.js';
import { validateMarkup } from './pricing/markup.js';
import type { Sink, SinkQueueOptions } from './sinks/sink.js';
import type { Tags } from './tags.js';
import { validateTelemetryOptions, type TelemetryOptions } from './telemetry/telemetry-options.js';

/**
 * Options of {@link createAIClient}.
 *
 * @example
 * ```ts
 * const options: AIClientOptions = {
 *   providers: { openai: openai() },
 *   sinks: [memorySink()],
 *   tags: { project: 'voice-agent' },
 * };
 * ```
 */
export interface AIClientOptions {
  /** Adapters by the name used in model addresses (`'openai:gpt-4o-mini'` → `providers.openai`). */
  readonly providers: Readonly<Record<string, ProviderAdapter>>;
  /** Where usage events go. @default [] */
  readonly sinks?: readonly Sink[];
  /** Tags added to every call; a call's own tags override them key by key. @default {} */
  readonly tags?: Readonly<Tags>;
  /** Deployment environment. @default AIMETER_ENV, else APP_ENV, else NODE_ENV, else 'development' */
  readonly environment?: string;
  /**
   * Where API keys come from: `byProvider`, a per-tenant `resolver`, `.env` files, secret managers, `secondary`
   * keys (see {@link KeyOptions}). Without any, each provider's environment variables are read. @default {}
   */
  readonly keys?: KeyOptions;
  /** Custom middleware, outermost first, run after key resolution and before retries. @default [] */
  readonly middleware?: readonly Middleware[];
  /** Queueing and batching of sink writes. @default see {@link SinkQueueOptions} */
  readonly sinkQueue?: SinkQueueOptions;
  /**
   * Flush sinks on `beforeExit`; on SIGTERM and SIGINT, shut down as `close()` does (admit nothing more, wait
   * for the calls in flight) and flush the sinks, then re-raise the signal. @default true when there are sinks
   */
  readonly flushOnExit?: boolean;
  /**
   * Longest wait, in milliseconds, of `flush()` and `close()` for slow sinks, and of a shutdown (`close()`,
   * SIGTERM, SIGINT) for the calls in flight; streams still open then are cut, their usage recorded. @default 10000
   */
  readonly closeTimeoutMs?: number;
  /**
   * Load the registered providers' SDKs and the price data in the background from `createAIClient`, then warm
   * the code of a first call invisibly (see `ai.ready()`), so that no first call loads or compiles them
   * (`await ai.ready()` waits for it all). `false`: nothing is loaded before the first call that needs it, or
   * before `ready()`. @default true
   */
  readonly preload?: boolean;
  /**
   * How a stream cut before its usage arrived (a barge-in, a `break`, an abort) gets its token figures:
   * `'exact'` with the model's tokenizer on a worker thread (the caller's event loop never waits; `final`, the
   * usage event and `close()` wait for the count), `'fast'` a word-and-symbol estimate inline (no tokenizer
   * thread or tables in memory), `'off'` none (those figures are `missing`). See {@link TokenCounting}.
   * @default 'exact'
   */
  readonly tokenCounting?: TokenCounting;
  /** The environment variables to read keys and the environment from. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * How usage events are priced: price source, your overrides, per-customer markup. `false` leaves `cost` out
   * of usage events. @default {} (the default price source, no overrides, no markup)
   */
  readonly pricing?: CostCalculatorOptions | false;
  /** One structured line per attempt (and per failed call); `true` for JSON lines on the console. @default false */
  readonly logging?: LoggingOptions | boolean;
  /**
   * Retries of failed provider requests (see {@link retry}); `false` turns them off. Either way a used-up quota
   * fails the call with `QuotaExhaustedError`. @default {} (2 retries)
   */
  readonly retry?: RetryOptions | false;
  /** Limit policies (rate limits, quotas, budgets), or a limiter you share between clients. @default undefined (no limits) */
  readonly limits?: LimitsOptions | Limiter;
  /**
   * OpenTelemetry spans (one per call, one per provider attempt) and metrics following the GenAI semantic
   * conventions (see {@link TelemetryOptions}); `true` for the global tracer and meter providers. Needs the
   * optional peer dependency `@opentelemetry/api`. @default undefined (no telemetry)
   */
  readonly telemetry?: TelemetryOptions | boolean;
}

const KNOWN = [
  'providers', 'sinks', 'tags', 'environment', 'keys', 'middleware', 'sinkQueue', 'flushOnExit', 'closeTimeoutMs', 'preload', 'env',
  'pricing', 'logging', 'retry', 'limits', 'tokenCounting', 'telemetry',
];
const SINK_QUEUE = ['maxQueue', 'maxBatch', 'writeTimeoutMs', 'retries', 'retryDelayMs'];
const LOGGING = ['logger', 'prompts', 'outputs', 'scrubber'];
const PRICING = ['source', 'dataFile', 'overrides', 'markup', 'onUnknownModel'];

/** Checks options at construction so a typo fails loudly, naming the field, instead of at the first call. */
export function validateOptions(options: unknown): asserts options is AIClientOptions {
  if (!isRecord(options)) throw new ConfigError('options', 'expected an object');
  assertNoFlatKeyOptions(options);
  assertKnownKeys(options, KNOWN, '');
  validateProviders(options.providers);
  optionalArray(options.sinks, 'sinks', (sink, field) => {
    if (!isRecord(sink) || typeof sink.write !== 'function') throw new ConfigError(field, 'expected a sink with a write(event) method');
  });
  optionalArray(options.middleware, 'middleware', (mw, field) => {
    if (typeof mw !== 'function') throw new ConfigError(field, 'expected a middleware function (ctx, next) => Promise');
  });
  validatePricingOptions(options.pricing);
  if (options.retry !== undefined && options.retry !== false && !isRecord(options.retry)) throw new ConfigError('retry', 'expected retry options or false');
  if (options.limits !== undefined && !isRecord(options.limits)) throw new ConfigError('limits', 'expected limit options { policies } or a limiter');
  stringRecord(options.tags, 'tags');
  validateKeyOptions(options.keys);
  if (options.environment !== undefined && (typeof options.environment !== 'string' || !options.environment)) {
    throw new ConfigError('environment', 'expected a non-empty string');
  }
  if (options.flushOnExit !== undefined && typeof options.flushOnExit !== 'boolean') throw new ConfigError('flushOnExit', 'expected a boolean');
  positiveInteger(options.closeTimeoutMs, 'closeTimeoutMs');
  if (options.preload !== undefined && typeof options.preload !== 'boolean') throw new ConfigError('preload', 'expected a boolean');
  if (options.tokenCounting !== undefined && !TOKEN_COUNTING_MODES.includes(options.tokenCounting as TokenCounting)) {
    throw new ConfigError('tokenCounting', `expected one of ${TOKEN_COUNTING_MODES.map((m) => `'${m}'`).join(', ')}`);
  }
  if (options.sinkQueue !== undefined) {
    if (!isRecord(options.sinkQueue)) throw new ConfigError('sinkQueue', 'expected an object');
    assertKnownKeys(options.sinkQueue, SINK_QUEUE, 'sinkQueue');
    for (const [name, value] of Object.entries(options.sinkQueue)) {
      positiveInteger(value, `sinkQueue.${name}`, name === 'retries' || name === 'retryDelayMs');
    }
  }
  if (options.env !== undefined && !isRecord(options.env)) throw new ConfigError('env', 'expected an object of variables');
  validateLogging(options.logging);
  validateTelemetryOptions(options.telemetry);
}

function validateLogging(log: unknown): void {
  if (log === undefined || typeof log === 'boolean') return;
  if (!isRecord(log)) throw new ConfigError('logging', 'expected a boolean or logging options');
  assertKnownKeys(log, LOGGING, 'logging');
  for (const flag of ['prompts', 'outputs']) {
    if (log[flag] !== undefined && typeof log[flag] !== 'boolean') throw new ConfigError(`logging.${flag}`, 'expected a boolean');
  }
  const logger = log.logger;
  if (logger !== undefined && !(isRecord(logger) && ['info', 'warn', 'error'].every((level) => typeof logger[level] === 'function'))) {
    throw new ConfigError('logging.logger', 'expected a logger with info, warn and error methods (console, pino, winston)');
  }
}

function validatePricingOptions(pricing: unknown): void {
  if (pricing === undefined || pricing === false) return;
  if (!isRecord(pricing)) throw new ConfigError('pricing', 'expected pricing options or false');
  assertKnownKeys(pricing, PRICING, 'pricing');
  if (pricing.source !== undefined && !(isRecord(pricing.source) && typeof pricing.source.price === 'function')) {
    throw new ConfigError('pricing.source', 'expected a price source with a price(query) method, e.g. defaultPriceSource()');
  }
  if (pricing.onUnknownModel !== undefined && typeof pricing.onUnknownModel !== 'function') throw new ConfigError('pricing.onUnknownModel', 'expected a function');
  if (pricing.dataFile !== undefined && (typeof pricing.dataFile !== 'string' || pricing.dataFile === '')) throw new ConfigError('pricing.dataFile', 'expected a file path');
  if (pricing.markup !== undefined) validateMarkup(pricing.markup, 'pricing.markup');
  validatePriceOverrides(pricing.overrides, 'pricing.overrides');
}

function validateProviders(providers: unknown): void {
  if (!isRecord(providers) || Object.keys(providers).length === 0) {
    throw new ConfigError('providers', 'expected at least one adapter, e.g. { openai: openai() }');
  }
  for (const [name, adapter] of Object.entries(providers)) {
    const field = `providers.${name}`;
    if (!isRecord(adapter)) throw new ConfigError(field, 'expected a provider adapter');
    if (adapter.specificationVersion !== 'v1') {
      throw new ConfigError(field, `unsupported adapter specificationVersion ${JSON.stringify(adapter.specificationVersion)}; expected "v1"`);
    }
    if (name.includes(':')) throw new ConfigError(field, 'a provider name cannot contain ":"');
    if (!Array.isArray(adapter.keyVariables)) throw new ConfigError(`${field}.keyVariables`, 'expected an array of variable names');
  }
}

function optionalArray(value: unknown, field: string, check: (item: unknown, field: string) => void): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) throw new ConfigError(field, 'expected an array');
  value.forEach((item, i) => check(item, `${field}[${i}]`));
}

function stringRecord(value: unknown, field: string): void {
  if (value === undefined) return;
  if (!isRecord(value)) throw new ConfigError(field, 'expected an object of strings');
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined && typeof item !== 'string') throw new ConfigError(`${field}.${key}`, 'expected a string');
  }
}

function positiveInteger(value: unknown, field: string, allowZero = false): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new ConfigError(field, `expected ${allowZero ? 'a non-negative' : 'a positive'} integer`);
  }
}
