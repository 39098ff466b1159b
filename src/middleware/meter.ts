import { randomUUID } from 'node:crypto';
import { isStreamResult, type StreamEnd } from '../call-result.js';
import type { Middleware } from '../compose.js';
import type { CallContext } from '../context.js';
import { ProviderError } from '../errors/provider-error.js';
import type { CostCalculator } from '../pricing/cost-calculator.js';
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
 * Options of {@link meter}.
 *
 * @example
 * ```ts
 * const options: MeterOptions = { costs: createCostCalculator({ markup: { default: 20 } }) };
 * ```
 */
export interface MeterOptions {
  /** Prices each event; without it events carry no `cost`. @default undefined */
  readonly costs?: CostCalculator;
}

/**
 * Emits one `usage` event per provider request that reached the provider: after the reply, or for a stream
 * once it ended, was cancelled or failed. A request that never got a reply (no key, connection refused) is
 * not billed and not recorded. Sits inside retry, so each billed attempt gets its own record tied by `callId`.
 *
 * @example
 * ```ts
 * const ai = createAIClient({ providers, middleware: [] }); // meter() is part of the default chain
 * ai.on('usage', (event) => console.log(event.attempt, event.usage, event.cost?.usd));
 * ```
 */
export function meter(options: MeterOptions = {}): Middleware {
  const record = recorder(options.costs);
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

function recorder(costs: CostCalculator | undefined) {
  return (ctx: CallContext, attempt: number, time: number, startedAt: number, end: AttemptEnd): void => {
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
      ...(costs && billed(end) ? { cost: costs.cost({ provider: ctx.provider, model: ctx.model, operation: ctx.operation, usage: end.usage, time: new Date(time), customer: ctx.tags.customer }) } : {}),
    };
    ctx.emit('usage', event);
  };
}

// A provider error reply carries no billable units: pricing it would only say "missing usage".
function billed(end: AttemptEnd): boolean {
  return end.status !== 'error' || Object.keys(end.usage).length > 1;
}
