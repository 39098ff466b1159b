import { isStreamResult, type AnyCallResult } from '../call-result.js';
import type { Middleware, Next } from '../compose.js';
import { callInfo, type CallContext } from '../context.js';
import { ProviderError } from '../errors/provider-error.js';
import { RateLimitedError } from '../errors/rate-limited-error.js';
import type { EmitFn } from '../events.js';
import type { AdaptiveThrottle } from '../limits/adaptive/adaptive-throttle.js';
import type { ReleaseSlot } from '../limits/adaptive/concurrency-gate.js';
import { estimateCall, type EstimateOptions } from '../limits/policy/estimate-usage.js';
import type { LimitSubject } from '../limits/policy/limit-scope.js';
import type { AcquireOptions, LimitNotice, Limiter, Reservation } from '../limits/limiter.js';
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
  // Written with `then`, not as async functions, on purpose: BENCHMARKS.md, "Notes from the code". A call that
  // waits for nothing the provider announced goes from its estimate to its reservation within the same turn.
  const reserveAndCall = (ctx: CallContext, next: Next, first: UnitAmounts, scope: string): Promise<AnyCallResult> => {
    // A slot of the account's announced concurrency (ElevenLabs), held until the reply (or the stream) ends.
    const slots = adaptive ? concurrencyScope(ctx) : '';
    const entered = adaptive ? enterAnnouncedConcurrency(ctx, slots, adaptive) : undefined;
    const call = (release: ReleaseSlot | undefined): Promise<AnyCallResult> =>
      acquire(limiter, ctx, options, first).then(
        ({ reservation, amounts }) => next().then(
          (result) => {
            if (adaptive) {
              observeAnnouncedLimits(scope, adaptive, result.headers);
              observeAnnouncedConcurrency(slots, adaptive, result.headers);
            }
            return settleResult(ctx, result, reservation, amounts, options, release);
          },
          (error: unknown) => {
            release?.();
            const billed: Usage = { requests: ProviderError.isInstance(error) && error.status !== undefined ? 1 : 0 };
            return settle(ctx, reservation, actual(ctx, billed, options, amounts)).then(() => {
              throw error;
            });
          },
        ),
        (error: unknown) => {
          release?.();
          throw error;
        },
      );
    return entered instanceof Promise ? entered.then(call) : call(entered);
  };
  return (ctx, next) => {
    try {
      emit = ctx.emit;
      const first = estimateCall(ctx, options).amounts;
      // Before the reservation: a call parked on a provider's announced limit must not hold our own counters.
      const scope = adaptive ? announcedScope(ctx) : '';
      const held = adaptive ? awaitAnnouncedLimits(ctx, scope, adaptive, first.tokens ?? 0) : undefined;
      return held ? held.then(() => reserveAndCall(ctx, next, first, scope)) : reserveAndCall(ctx, next, first, scope);
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

// A reply settles its reservation to the usage reported before the call returns; a stream settles once it ends.
function settleResult(ctx: CallContext, result: AnyCallResult, reservation: Reservation, amounts: UnitAmounts, options: RateLimitOptions, release: ReleaseSlot | undefined): AnyCallResult | Promise<AnyCallResult> {
  if (!isStreamResult(result)) {
    release?.();
    learn(ctx, result.usage, options);
    return settle(ctx, reservation, actual(ctx, result.usage, options, amounts)).then(() => result);
  }
  const final = result.final.then(async (end) => {
    release?.();
    learn(ctx, end.usage, options);
    await settle(ctx, reservation, actual(ctx, end.usage, options, amounts));
    return end;
  });
  return { ...result, final };
}

/** Refusals a call may meet in estimate mode, each followed by a smaller estimate, before its refusal stands. */
const RE_ESTIMATES = 3;

// Reserves the call's amounts. In estimate mode a call refused while it waited may have been estimated before
// the model's replies taught a smaller one: it tries again with the new estimate while that is smaller. The
// reject notices of the attempts tried again are left out of the `limited` events.
function acquire(limiter: Limiter, ctx: CallContext, options: RateLimitOptions, first: UnitAmounts): Promise<Reserved> {
  const notices: LimitNotice[] = [];
  let reserving: Promise<Reservation>;
  try {
    reserving = limiter.acquire(subjectOf(ctx), first, acquireOptions(ctx, notices));
  } catch (error) {
    return Promise.reject(error); // a rejection, so the caller frees its concurrency slot
  }
  return reserving.then(
    (reservation) => {
      flushNotices(ctx, notices, true);
      return { reservation, amounts: first };
    },
    (error: unknown) => acquireAgain(limiter, ctx, options, reEstimate(ctx, options, error, 0, first, notices), error),
  );
}

/** An admitted call's reservation and the amounts it reserved. */
interface Reserved {
  readonly reservation: Reservation;
  readonly amounts: UnitAmounts;
}

// The attempts after a refusal in estimate mode, each with a smaller estimate than the one refused.
async function acquireAgain(limiter: Limiter, ctx: CallContext, options: RateLimitOptions, smaller: UnitAmounts | undefined, refusal: unknown): Promise<Reserved> {
  if (smaller === undefined) throw refusal;
  let amounts = smaller;
  for (let attempt = 1; ; attempt += 1) {
    const notices: LimitNotice[] = [];
    try {
      const reservation = await limiter.acquire(subjectOf(ctx), amounts, acquireOptions(ctx, notices));
      flushNotices(ctx, notices, true);
      return { reservation, amounts };
    } catch (error) {
      const fresh = reEstimate(ctx, options, error, attempt, amounts, notices);
      if (fresh === undefined) throw error;
      amounts = fresh;
    }
  }
}

// After a refusal: the smaller estimate to try again with (its reject notices dropped), or undefined when the
// refusal stands (its notices emitted).
function reEstimate(ctx: CallContext, options: RateLimitOptions, error: unknown, attempt: number, amounts: UnitAmounts, notices: readonly LimitNotice[]): UnitAmounts | undefined {
  const fresh = options.outputEstimate && RateLimitedError.isInstance(error) && attempt < RE_ESTIMATES ? estimateCall(ctx, options).amounts : undefined;
  const smaller = fresh !== undefined && (fresh.outputTokens ?? 0) < (amounts.outputTokens ?? 0);
  flushNotices(ctx, notices, !smaller);
  return smaller ? fresh : undefined;
}

function acquireOptions(ctx: CallContext, notices: LimitNotice[]): AcquireOptions {
  return { signal: ctx.signal, onLimited: (n) => notices.push(n), onAlert: (e) => ctx.emit('quota', e) };
}

function flushNotices(ctx: CallContext, notices: readonly LimitNotice[], keepRejects: boolean): void {
  for (const n of notices) if (keepRejects || n.action !== 'reject') ctx.emit('limited', { ...callInfo(ctx), ...n });
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
