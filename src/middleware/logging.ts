import { isStreamResult, type StreamEnd } from '../call-result.js';
import type { Middleware } from '../compose.js';
import type { CallContext } from '../context.js';
import { AIMeterError } from '../errors/aimeter-error.js';
import { ProviderError } from '../errors/provider-error.js';
import { Scrubber } from '../redact/scrubber.js';
import { scrubBuiltRecord } from '../redact/scrub-built-record.js';

/**
 * Anything with pino / winston-style level methods taking one object. Each record carries both `msg` (pino)
 * and `message` (winston).
 *
 * @example
 * ```ts
 * import pino from 'pino';
 * const logger: Logger = pino();
 * const ai = createAIClient({ providers, logging: { logger } });
 * ```
 */
export interface Logger {
  /** A successful attempt. */
  info(record: LogRecord): void;
  /** A failed attempt. */
  warn(record: LogRecord): void;
  /** A failed call. */
  error(record: LogRecord): void;
}

/**
 * One structured log line: one per attempt (`aimeter.attempt`), plus one per failed call (`aimeter.call_failed`).
 *
 * @example
 * ```ts
 * const lines: LogRecord[] = [];
 * const logger: Logger = { info: (r) => lines.push(r), warn: (r) => lines.push(r), error: (r) => lines.push(r) };
 * ```
 */
export interface LogRecord {
  /** `aimeter.attempt` or `aimeter.call_failed`. */
  readonly event: 'aimeter.attempt' | 'aimeter.call_failed';
  /** Human summary (pino's key). */
  readonly msg: string;
  /** The same summary (winston's key). */
  readonly message: string;
  /** The call id, shared by its attempts. */
  readonly callId: string;
  /** Provider name. */
  readonly provider: string;
  /** Operation. */
  readonly operation: string;
  /** The provider's model id. */
  readonly model: string;
  /** Deployment environment. */
  readonly environment: string;
  /** Attempt number, 1-based. */
  readonly attempt: number;
  /** `ok`, `error` or `aborted`. */
  readonly status: 'ok' | 'error' | 'aborted';
  /** HTTP status, where known. */
  readonly httpStatus?: number;
  /** Milliseconds from the start of the attempt (or call) to its end. */
  readonly latencyMs: number;
  /** Fingerprint of the key used, never the key. */
  readonly keyFingerprint?: string;
  /** The call's tags. */
  readonly tags: Readonly<Record<string, string>>;
  /** The provider's request id. */
  readonly requestId?: string;
  /** Stream chunks delivered. */
  readonly chunks?: number;
  /** Error code (`provider_error`, `missing_key`, …) or class name. */
  readonly errorCode?: string;
  /** `ProviderError.kind`. */
  readonly errorKind?: string;
  /** The error's message, scrubbed. */
  readonly error?: string;
  /** The request, when `prompts` is on. */
  readonly request?: unknown;
  /** The output, when `outputs` is on. */
  readonly output?: unknown;
}

/**
 * Options of {@link logging}.
 *
 * @example
 * ```ts
 * const options: LoggingOptions = { logger: pino(), prompts: false, outputs: false };
 * ```
 */
export interface LoggingOptions {
  /** Where lines go. @default JSON lines through console.info / console.warn / console.error */
  readonly logger?: Logger;
  /** Log each request (messages, text, input). Off by default: prompts hold personal data. @default false */
  readonly prompts?: boolean;
  /** Log each output (reply text, transcript; audio as its byte count). @default false */
  readonly outputs?: boolean;
  /** Scrubs every record; the client passes its own, which knows every resolved key. @default a new Scrubber (patterns only) */
  readonly scrubber?: Scrubber;
}

/**
 * Fields of a record made from no input (the call id, the key's fingerprint, constants of this code such as
 * the operation and the status): the scrubber skips them, and the field names, which are all this file's.
 */
const GENERATED_LOG_FIELDS: ReadonlySet<string> = new Set(['event', 'callId', 'keyFingerprint', 'operation', 'status']);

/**
 * The logging middleware: the call-level part (first in the chain: one `error` line when a call fails, even
 * before any request, e.g. a missing key) and `.attempt`, the per-attempt part (last before the adapter: one
 * line per provider request with provider, operation, model, status, latency, attempt, key fingerprint and
 * tags). Every record goes through the scrubber; a throwing logger never fails a call.
 *
 * @example
 * ```ts
 * const log = logging({ logger: pino() });
 * const handler = compose([log, keys(keyOptions), retry(), meter(), log.attempt], callAdapter);
 * ```
 */
export type LoggingMiddleware = Middleware & {
  /** The per-attempt part, placed right before the adapter. */
  readonly attempt: Middleware;
};

/**
 * Creates the {@link LoggingMiddleware}.
 *
 * @example
 * ```ts
 * const ai = createAIClient({ providers: { openai: openai() }, logging: { logger: pino(), prompts: true } });
 * ```
 */
export function logging(options: LoggingOptions = {}): LoggingMiddleware {
  const logger = options.logger ?? consoleLogger;
  const scrubber = options.scrubber ?? new Scrubber();
  const write = (level: keyof Logger, record: LogRecord): void => {
    try {
      logger[level](scrubBuiltRecord(scrubber, record, GENERATED_LOG_FIELDS));
    } catch {
      // A broken logger must not break the call it reports on.
    }
  };

  // Both layers are written with `then`, not as async functions, on purpose: BENCHMARKS.md, "Notes from the code".
  const attempt: Middleware = (ctx, next) => {
    const started = performance.now();
    const attemptNumber = ctx.attempt;
    return next().then(
      (result) => {
        if (!isStreamResult(result)) {
          const record = withReply(head(ctx, attemptNumber, started, 'ok', options), result.status, result.requestId);
          if (options.outputs) record.output = loggable(result.output);
          write('info', record);
          return result;
        }
        result.final.then(
          (end: StreamEnd) => {
            const status = end.outcome;
            const record = withReply(head(ctx, attemptNumber, started, status, options), end.status ?? result.status, end.requestId ?? result.requestId);
            record.chunks = end.chunks;
            if (status === 'error') withError(record, end.error);
            else if (options.outputs) record.output = loggable(end.output);
            write(status === 'error' ? 'warn' : 'info', record);
          },
          () => undefined,
        );
        return result;
      },
      (error: unknown) => {
        write('warn', withError(head(ctx, attemptNumber, started, 'error', options), error));
        throw error;
      },
    );
  };

  // The call's own start (its context's `startedAt`): this layer comes first, so no clock read of its own.
  const call: Middleware = (ctx, next) =>
    next().catch((error: unknown) => {
      const record = head(ctx, ctx.attempt, ctx.startedAt, error instanceof Error && error.name === 'AbortedError' ? 'aborted' : 'error', options);
      record.event = 'aimeter.call_failed';
      write('error', withError(record, error));
      throw error;
    });
  return Object.assign(call, { attempt });
}

type Draft = { -readonly [K in keyof LogRecord]: LogRecord[K] };


// Records are built field by field (optional fields absent, not undefined): one per attempt, so no spreads.
function head(ctx: CallContext, attempt: number, started: number, status: LogRecord['status'], options: LoggingOptions): Draft {
  const text = `${ctx.provider}:${ctx.model} ${ctx.operation} attempt ${attempt} ${status}`;
  const record: Draft = {
    event: 'aimeter.attempt',
    msg: text,
    message: text,
    callId: ctx.id,
    provider: ctx.provider,
    operation: ctx.operation,
    model: ctx.model,
    environment: ctx.environment,
    attempt,
    status,
    latencyMs: Math.round((performance.now() - started) * 10) / 10,
  } as Draft;
  if (ctx.key) record.keyFingerprint = ctx.key.fingerprint;
  record.tags = ctx.tags as Readonly<Record<string, string>>;
  if (options.prompts) record.request = loggable(withoutSignal(ctx.request));
  return record;
}

function withReply(record: Draft, status: number | undefined, requestId: string | undefined): Draft {
  if (status !== undefined) record.httpStatus = status;
  if (requestId !== undefined) record.requestId = requestId;
  return record;
}

function withError(record: Draft, error: unknown): Draft {
  record.error = error instanceof Error ? error.message : String(error);
  if (AIMeterError.isInstance(error)) record.errorCode = error.code;
  else if (error instanceof Error) record.errorCode = error.name;
  if (ProviderError.isInstance(error)) {
    record.errorKind = error.kind;
    if (error.status !== undefined) record.httpStatus = error.status;
    if (error.requestId !== undefined) record.requestId = error.requestId;
  }
  return record;
}

function withoutSignal(request: unknown): unknown {
  if (typeof request !== 'object' || request === null) return request;
  const { signal: _signal, ...rest } = request as Record<string, unknown>;
  return rest;
}

// Audio and other bytes are logged as their size: a line is for reading, not for replaying.
function loggable(value: unknown): unknown {
  if (value instanceof Uint8Array) return { bytes: value.byteLength };
  if (Array.isArray(value)) return value.map(loggable);
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, loggable(v)]));
  }
  return value;
}

const consoleLogger: Logger = {
  // The default logger is the console; lines are JSON so any log shipper can parse them.
  // eslint-disable-next-line no-console
  info: (record) => console.info(JSON.stringify(record)),
  warn: (record) => console.warn(JSON.stringify(record)),
  error: (record) => console.error(JSON.stringify(record)),
};
