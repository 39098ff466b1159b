import { callInfo, type CallContext } from '../../context.js';
import type { AdaptiveThrottle } from './adaptive-throttle.js';
import { readRateLimitHeaders } from './rate-limit-headers.js';

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
