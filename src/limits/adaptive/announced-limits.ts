import { callInfo, type CallContext } from '../../context.js';
import type { AdaptiveThrottle } from './adaptive-throttle.js';
import type { ReleaseSlot } from './concurrency-gate.js';
import { readConcurrencyHeaders, readRateLimitHeaders } from './rate-limit-headers.js';

/**
 * The scope of a call's announced limits: providers announce them per organisation and model, and a key
 * stands for its organisation here. For {@link awaitAnnouncedLimits} and {@link observeAnnouncedLimits}.
 *
 * @example
 * ```ts
 * const scope = announcedScope(ctx); // 'openai|fp_ab12…|gpt-4o-mini'
 * ```
 */
export function announcedScope(ctx: CallContext): string {
  return `${ctx.provider}|${ctx.key?.fingerprint ?? ''}|${ctx.model}`;
}

/**
 * Holds a call back while the limits its provider last announced have no room for it, and emits a
 * `limited` event (policy `adaptive`) after such a wait. Returns undefined when the call may go at once (the
 * usual case), so the caller goes on without waiting.
 *
 * @example
 * ```ts
 * const held = awaitAnnouncedLimits(ctx, scope, throttle, estimate.tokens ?? 0);
 * if (held) await held;
 * ```
 */
export function awaitAnnouncedLimits(ctx: CallContext, scope: string, throttle: AdaptiveThrottle, tokens: number): Promise<void> | undefined {
  const { waitMs, unit } = throttle.admit(scope, tokens);
  if (waitMs <= 0) return undefined;
  return throttle.sleep(waitMs, ctx.signal).then(() => {
    ctx.emit('limited', { ...callInfo(ctx), policy: 'adaptive', ...(unit ? { unit } : {}), action: 'wait', waitMs });
  });
}

/**
 * Records the limits a reply announced in its headers, for the next calls of the same provider, key and model.
 *
 * @example
 * ```ts
 * observeAnnouncedLimits(scope, throttle, result.headers);
 * ```
 */
export function observeAnnouncedLimits(scope: string, throttle: AdaptiveThrottle, headers: Readonly<Record<string, string>> | undefined): void {
  if (headers) throttle.observe(scope, readRateLimitHeaders(headers));
}

/**
 * The scope of a call's announced concurrency: a provider account, which a key stands for (ElevenLabs counts
 * concurrent requests per account, whatever the model).
 *
 * @example
 * ```ts
 * const scope = concurrencyScope(ctx); // 'elevenlabs|fp_ab12…'
 * ```
 */
export function concurrencyScope(ctx: CallContext): string {
  return `${ctx.provider}|${ctx.key?.fingerprint ?? ''}`;
}

/**
 * Takes a slot of the call's account when a reply announced its maximum concurrency, waiting while the slots
 * are taken, and emits a `limited` event (policy `adaptive`, unit `concurrent`) after such a wait. Returns
 * what frees the slot, or undefined when no maximum is known (nothing to free).
 *
 * @example
 * ```ts
 * const entered = enterAnnouncedConcurrency(ctx, scope, throttle);
 * const release = entered instanceof Promise ? await entered : entered;
 * ```
 */
export function enterAnnouncedConcurrency(ctx: CallContext, scope: string, throttle: AdaptiveThrottle): ReleaseSlot | Promise<ReleaseSlot> | undefined {
  const entered = throttle.enter(scope, ctx.signal);
  if (entered === undefined || typeof entered === 'function') return entered;
  return entered.then(({ release, waitedMs }) => {
    ctx.emit('limited', { ...callInfo(ctx), policy: 'adaptive', unit: 'concurrent', action: 'wait', waitMs: waitedMs });
    return release;
  });
}

/**
 * Records the concurrency a reply announced in its headers (`current-concurrent-requests`,
 * `maximum-concurrent-requests`), for the next calls on the same account.
 *
 * @example
 * ```ts
 * observeAnnouncedConcurrency(scope, throttle, result.headers);
 * ```
 */
export function observeAnnouncedConcurrency(scope: string, throttle: AdaptiveThrottle, headers: Readonly<Record<string, string>> | undefined): void {
  if (headers) throttle.observeConcurrency(scope, readConcurrencyHeaders(headers));
}
