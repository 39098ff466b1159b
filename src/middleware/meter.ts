import { randomUUID } from 'node:crypto';
import { isStreamResult, type StreamEnd } from '../call-result.js';
import type { Middleware } from '../compose.js';
import type { CallContext } from '../context.js';
import { ProviderError } from '../errors/provider-error.js';
import type { Usage } from '../usage.js';
import type { UsageEvent, UsageStatus } from '../usage-event.js';

/** What one attempt ended with, as the meter records it. */
interface AttemptEnd {
  readonly status: UsageStatus;
  readonly usage: Usage;
  readonly httpStatus?: number | undefined;
  readonly requestId?: string | undefined;
  readonly error?: unknown;
  readonly firstChunkAt?: number | undefined;
}

/**
 * Emits one `usage` event per provider request that reached the provider: after the reply, or for a stream
 * once it ended, was cancelled or failed. A request that never got a reply (no key, connection refused) is
 * not billed and not recorded. Sits inside retry, so each billed attempt gets its own record tied by `callId`.
 *
 * @example
 * ```ts
 * const ai = createAIClient({ providers, middleware: [] }); // meter() is part of the default chain
 * ai.on('usage', (event) => console.log(event.attempt, event.usage));
 * ```
 */
export function meter(): Middleware {
  return async (ctx, next) => {
    const attempt = ctx.attempt;
    const startedAt = performance.now();
    const time = Date.now();
    let result;
    try {
      result = await next();
    } catch (error) {
      if (ProviderError.isInstance(error) && error.status !== undefined) {
        record(ctx, attempt, time, startedAt, { status: 'error', usage: { requests: 1 }, httpStatus: error.status, requestId: error.requestId, error });
      }
      throw error;
    }
    if (!isStreamResult(result)) {
      record(ctx, attempt, time, startedAt, { status: 'ok', usage: result.usage, httpStatus: result.status, requestId: result.requestId });
      return result;
    }
    const head = result;
    const final = head.final.then((end: StreamEnd) => {
      record(ctx, attempt, time, startedAt, {
        status: end.outcome === 'ok' ? 'ok' : end.outcome === 'aborted' ? 'aborted' : 'error',
        usage: end.usage,
        httpStatus: head.status,
        requestId: end.requestId ?? head.requestId,
        error: end.error,
        firstChunkAt: end.firstChunkAt,
      });
      return end;
    });
    return { ...head, final };
  };
}

function record(ctx: CallContext, attempt: number, time: number, startedAt: number, end: AttemptEnd): void {
  const event: UsageEvent = {
    id: randomUUID(),
    callId: ctx.id,
    attempt,
    time: new Date(time).toISOString(),
    provider: ctx.provider,
    operation: ctx.operation,
    model: ctx.model,
    environment: ctx.environment,
    ...(ctx.key ? { keyFingerprint: ctx.key.fingerprint } : {}),
    tags: ctx.tags,
    status: end.status,
    ...(end.httpStatus === undefined ? {} : { httpStatus: end.httpStatus }),
    ...(ProviderError.isInstance(end.error) ? { errorKind: end.error.kind } : {}),
    ...(end.requestId === undefined ? {} : { requestId: end.requestId }),
    latencyMs: performance.now() - startedAt,
    ...(end.firstChunkAt === undefined ? {} : { timeToFirstChunkMs: end.firstChunkAt - startedAt }),
    usage: end.usage,
  };
  ctx.emit('usage', event);
}
