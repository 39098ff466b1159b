import { isStreamResult, type StreamEnd } from '../call-result.js';
import type { Middleware } from '../compose.js';
import type { CallContext } from '../context.js';
import { ProviderError } from '../errors/provider-error.js';
import { uuidV7 } from '../ids/uuid-v7.js';
import type { Cost } from '../pricing/cost.js';
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
  /**
   * Where each usage event goes (the client hands its events straight to its event bus).
   * @default the call's `ctx.emit('usage', event)`
   */
  readonly emit?: (event: UsageEvent) => void;
}

/** The cost of the last priced attempt of each call, by call context: what {@link meteredCost} reads. */
const lastCost = new WeakMap<CallContext, Cost>();

/**
 * The cost the meter put on the usage event of the call's last priced attempt (the one whose reply the call
 * returns, when it succeeded); `undefined` when nothing was priced (no pricing, or a middleware answered without a
 * provider request). The client puts it on the call's result as `cost`.
 *
 * @example
 * ```ts
 * const result = await handler(ctx);
 * console.log(meteredCost(ctx)?.usd);
 * ```
 */
export function meteredCost(ctx: CallContext): Cost | undefined {
  return lastCost.get(ctx);
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
  const record = recorder(options.costs, options.emit);
  // Written with `then`, not as an async function, on purpose: BENCHMARKS.md, "Notes from the code".
  return (ctx, next) => {
    const attempt = ctx.attempt;
    const startedAt = performance.now();
    const time = Date.now();
    return next().then(
      (result) => {
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
      },
      (error: unknown) => {
        if (ProviderError.isInstance(error) && error.status !== undefined) {
          record(ctx, attempt, time, startedAt, { status: 'error', usage: { requests: 1 }, httpStatus: error.status, requestId: error.requestId, error });
        }
        throw error;
      },
    );
  };
}

type Draft = { -readonly [K in keyof UsageEvent]: UsageEvent[K] };

function recorder(costs: CostCalculator | undefined, emit: ((event: UsageEvent) => void) | undefined) {
  const isoTime = isoTimeFormatter();
  return (ctx: CallContext, attempt: number, time: number, startedAt: number, end: AttemptEnd): void => {
    // Built field by field, in the order sinks print them: optional fields stay absent rather than undefined
    // (not with conditional spreads: BENCHMARKS.md, "Notes from the code").
    const event = { id: uuidV7(time), callId: ctx.id, attempt, time: isoTime(time), provider: ctx.provider, operation: ctx.operation, model: ctx.model, environment: ctx.environment } as Draft;
    if (ctx.key) event.keyFingerprint = ctx.key.fingerprint;
    event.tags = ctx.tags;
    event.status = end.status;
    if (end.httpStatus !== undefined) event.httpStatus = end.httpStatus;
    if (ProviderError.isInstance(end.error)) event.errorKind = end.error.kind;
    if (end.requestId !== undefined) event.requestId = end.requestId;
    event.latencyMs = performance.now() - startedAt;
    if (end.firstChunkAt !== undefined) event.timeToFirstChunkMs = end.firstChunkAt - startedAt;
    event.usage = end.usage;
    if (costs && billed(end)) {
      event.cost = costs.cost({ provider: ctx.provider, model: ctx.model, operation: ctx.operation, usage: end.usage, time: new Date(time), customer: ctx.tags.customer });
      lastCost.set(ctx, event.cost);
    }
    if (emit) emit(event);
    else ctx.emit('usage', event);
  };
}

/**
 * `new Date(ms).toISOString()` for whole milliseconds, formatting the date only once per second: on every
 * event it cost more than building the rest of the event.
 */
function isoTimeFormatter(): (ms: number) => string {
  let second = Number.NaN;
  let prefix = '';
  return (ms) => {
    const s = Math.floor(ms / 1000);
    if (s !== second) {
      second = s;
      prefix = new Date(s * 1000).toISOString().slice(0, -4); // up to the seconds' dot
    }
    const milli = ms - s * 1000;
    return `${prefix}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
  };
}

// A provider error reply carries no billable units: pricing it would only say "missing usage".
function billed(end: AttemptEnd): boolean {
  return end.status !== 'error' || Object.keys(end.usage).length > 1;
}
