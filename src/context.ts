import type { EmitFn, CallInfo } from './events.js';
import type { Operation, OperationTypes } from './operations/operation.js';
import type { Tags } from './tags.js';

/**
 * An API key resolved for a call. Only `fingerprint` may ever be logged.
 *
 * @example
 * ```ts
 * const audit: Middleware = async (ctx, next) => {
 *   const key: ResolvedKey | undefined = ctx.key;
 *   if (key) console.log(`key ${key.fingerprint} from ${key.source}`); // never log key.value
 *   return next();
 * };
 * ```
 */
export interface ResolvedKey {
  /** The secret. Registered with the scrubber before first use. */
  readonly value: string;
  /** Short hash of the key, safe to log. */
  readonly fingerprint: string;
  /** Where it came from, e.g. `option keys.byProvider.openai` or `env OPENAI_API_KEY_PRODUCTION`. */
  readonly source: string;
}

/**
 * What every call context holds, whatever its operation.
 *
 * @example
 * ```ts
 * const trace: Middleware = async (ctx, next) => {
 *   ctx.state.startedBy = 'worker-7';
 *   console.log(ctx.id, ctx.provider, ctx.model, ctx.environment, ctx.tags.customer, ctx.attempt);
 *   return next();
 * };
 * ```
 */
export interface CallContextBase {
  /** Call id (a UUID v7), shared by all attempts. */
  readonly id: string;
  /** Provider name. */
  readonly provider: string;
  /** The provider's model id. */
  readonly model: string;
  /** Tags: client defaults merged with the request's. */
  readonly tags: Readonly<Tags>;
  /** Deployment environment. */
  readonly environment: string;
  /** The caller's cancellation signal, if any. */
  readonly signal: AbortSignal | undefined;
  /** `performance.now()` at call start. */
  readonly startedAt: number;
  /** Attempt number, 1-based; the retry middleware increments it. */
  attempt: number;
  /** The key for this attempt, set by the keys middleware. */
  key: ResolvedKey | undefined;
  /** Scratch space for custom middleware. */
  readonly state: Record<string, unknown>;
  /** Emits a typed client event. */
  readonly emit: EmitFn;
}

/**
 * Everything a middleware knows about a call. A union over operations: checking `ctx.operation` narrows
 * `ctx.request`.
 *
 * @example
 * ```ts
 * const middleware: Middleware = async (ctx, next) => {
 *   if (ctx.operation === 'chat') console.log(ctx.request.messages.length);
 *   return next();
 * };
 * ```
 */
export type CallContext<Op extends Operation = Operation> = {
  [K in Op]: CallContextBase & {
    /** The operation. */
    readonly operation: K;
    /** The request; middleware may replace it before calling `next()`. */
    request: OperationTypes[K]['request'];
  };
}[Op];

/**
 * The {@link CallInfo} of a context, for event payloads.
 *
 * @example
 * ```ts
 * ctx.emit('limited', { ...callInfo(ctx), policy: 'rpm', action: 'wait', waitMs: 120 });
 * ```
 */
export function callInfo(ctx: CallContext): CallInfo {
  const info = {
    callId: ctx.id,
    provider: ctx.provider,
    operation: ctx.operation,
    model: ctx.model,
    environment: ctx.environment,
    tags: ctx.tags,
    attempt: ctx.attempt,
  };
  return ctx.key ? { ...info, keyFingerprint: ctx.key.fingerprint } : info;
}
