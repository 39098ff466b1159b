import { isStreamResult } from '../call-result.js';
import type { Middleware } from '../compose.js';
import { callInfo, type CallContext } from '../context.js';
import { ProviderError } from '../errors/provider-error.js';
import { RateLimitedError } from '../errors/rate-limited-error.js';
import type { EmitFn } from '../events.js';
import type { AdaptiveThrottle } from '../limits/adaptive/adaptive-throttle.js';
import { estimateCall, type EstimateOptions } from '../limits/policy/estimate-usage.js';
import type { LimitSubject } from '../limits/policy/limit-scope.js';
import type { LimitNotice, Limiter, Reservation } from '../limits/limiter.js';
import { unitAmounts, type UnitAmounts } from '../limits/policy/limit-unit.js';
import type { Usage } from '../usage.js';
import {
  announcedScope,
  awaitAnnouncedLimits,
  concurrencyScope,
  enterAnnouncedConcurrency,
  observeAnnouncedConcurrency,
  observeAnnouncedLimits,
} from '../limits/adaptive/announced-limits.js';

/**
 * Options of {@link rateLimit}.
 *
 * @example
 * ```ts
 * const options: RateLimitOptions = { limiter: createLimiter({ policies }), defaultOutputTokens: 512 };
 * ```
 */
export interface RateLimitOptions extends EstimateOptions {
  /** The limiter holding the policies and counters. */
  readonly limiter: Limiter;
  /** Holds calls back on the limits replies announce; see `LimitsOptions.adaptive`. @default undefined (off) */
  readonly adaptive?: AdaptiveThrottle;
}

/**
 * Enforces limit policies per provider request (inside retry, so each attempt reserves): reserves the
 * call's estimate before `next()`, waiting or refusing per the policies, then settles to what was billed:
 * the reported usage, the usage of the part of a stream that was received, one request (no tokens) for an
 * error reply, nothing for a request that got no reply. With `outputEstimate` (the `estimate` reservation mode),
 * chats reserve the output tokens their model usually bills, learned from the replies' reported usage. With
 * `adaptive`, also paces calls on the limits the
 * provider's replies announce. Emits `limited`, `quota` and `limit-store` events.
 *
 * @example
 * ```ts
 * const limiter = createLimiter({ policies: [{ name: 'rpm', unit: 'requests', limit: 60, window: 'minute' }] });
 * const ai = createAIClient({ providers, limits: limiter }); // rateLimit() joins the default chain
 * ```
 */
export function rateLimit(given: RateLimitOptions): Middleware {
  const { limiter, adaptive } = given;
  // Pricing a call (twice: the estimate, then the settle) is only worth it when some policy counts dollars.
  const options = limiter.policies.some((p) => p.unit === 'usd') ? given : { ...given, costs: undefined };
  // Store switches happen outside any one call: they go out through the client's emitter, known from the first call.
  let emit: EmitFn | undefined;
  limiter.onStoreState((event) => emit?.('limit-store', event));
  return async (ctx, next) => {
    emit = ctx.emit;
    const first = estimateCall(ctx, options).amounts;
    // Before the reservation: a call parked on a provider's announced limit must not hold our own counters.
    const scope = adaptive ? announcedScope(ctx) : '';
    const held = adaptive ? awaitAnnouncedLimits(ctx, scope, adaptive, first.tokens ?? 0) : undefined;
    if (held) await held;
    // A slot of the account's announced concurrency (ElevenLabs), held until the reply (or the stream) ends.
    const slots = adaptive ? concurrencyScope(ctx) : '';
    const entered = adaptive ? enterAnnouncedConcurrency(ctx, slots, adaptive) : undefined;
    const release = entered instanceof Promise ? await entered : entered;
    let reservation: Reservation;
    let amounts: UnitAmounts;
    let result;
    try {
      ({ reservation, amounts } = await acquire(limiter, ctx, options, first));
    } catch (error) {
      release?.();
      throw error;
    }
    try {
      result = await next();
    } catch (error) {
      release?.();
      const billed: Usage = { requests: ProviderError.isInstance(error) && error.status !== undefined ? 1 : 0 };
      await settle(ctx, reservation, actual(ctx, billed, options, amounts));
      throw error;
    }
    if (adaptive) {
      observeAnnouncedLimits(scope, adaptive, result.headers);
      observeAnnouncedConcurrency(slots, adaptive, result.headers);
    }
    if (!isStreamResult(result)) {
      release?.();
      learn(ctx, result.usage, options);
      await settle(ctx, reservation, actual(ctx, result.usage, options, amounts));
      return result;
    }
    const final = result.final.then(async (end) => {
      release?.();
      learn(ctx, end.usage, options);
      await settle(ctx, reservation, actual(ctx, end.usage, options, amounts));
      return end;
    });
    return { ...result, final };
  };
}

/** Refusals a call may meet in estimate mode, each followed by a smaller estimate, before its refusal stands. */
const RE_ESTIMATES = 3;

// Reserves the call's amounts. In estimate mode a call refused while it waited may have been estimated before
// the model's replies taught a smaller one: it tries again with the new estimate while that is smaller. The
// reject notices of the attempts tried again are left out of the `limited` events.
async function acquire(limiter: Limiter, ctx: CallContext, options: RateLimitOptions, first: UnitAmounts): Promise<{ reservation: Reservation; amounts: UnitAmounts }> {
  let amounts = first;
  for (let attempt = 0; ; attempt += 1) {
    const notices: LimitNotice[] = [];
    const flush = (keepRejects: boolean): void => {
      for (const n of notices) if (keepRejects || n.action !== 'reject') ctx.emit('limited', { ...callInfo(ctx), ...n });
    };
    try {
      const reservation = await limiter.acquire(subjectOf(ctx), amounts, { signal: ctx.signal, onLimited: (n) => notices.push(n), onAlert: (e) => ctx.emit('quota', e) });
      flush(true);
      return { reservation, amounts };
    } catch (error) {
      const fresh = options.outputEstimate && RateLimitedError.isInstance(error) && attempt < RE_ESTIMATES ? estimateCall(ctx, options).amounts : undefined;
      const smaller = fresh !== undefined && (fresh.outputTokens ?? 0) < (amounts.outputTokens ?? 0);
      flush(!smaller);
      if (!smaller) throw error;
      amounts = fresh;
    }
  }
}

// The estimate reservation mode learns what each model's replies bill, from the provider's own figures.
function learn(ctx: CallContext, usage: Usage, options: RateLimitOptions): void {
  const output = usage.outputTokens;
  if (options.outputEstimate && output?.provenance === 'reported') options.outputEstimate.observe(`${ctx.provider}:${ctx.model}`, output.value);
}

function actual(ctx: CallContext, usage: Usage, options: RateLimitOptions, reserved: UnitAmounts): UnitAmounts {
  const usd = usage.requests > 0 && Object.keys(usage).length > 1
    ? options.costs?.cost({ provider: ctx.provider, model: ctx.model, operation: ctx.operation, usage, time: new Date(), customer: ctx.tags.customer }).usd
    : 0;
  return unitAmounts(usage, usd, reserved);
}

// Not a spread of the optional fingerprint: on Node 20 that costs more than the rest of the subject.
function subjectOf(ctx: CallContext): LimitSubject {
  const subject: { -readonly [K in keyof LimitSubject]: LimitSubject[K] } = { provider: ctx.provider, model: ctx.model, operation: ctx.operation, tags: ctx.tags };
  if (ctx.key) subject.keyFingerprint = ctx.key.fingerprint;
  return subject;
}

// A store failure while settling must not fail a call the provider already answered, whether the settle
// rejects or throws.
function settle(ctx: CallContext, reservation: Reservation, amounts: UnitAmounts): Promise<void> {
  const warn = (error: unknown): void => {
    ctx.emit('warning', { code: 'limit_settle_failed', message: `a limit reservation could not be settled: ${error instanceof Error ? error.message : String(error)}` });
  };
  try {
    return reservation.settle(amounts).catch(warn);
  } catch (error) {
    warn(error);
    return Promise.resolve();
  }
}
