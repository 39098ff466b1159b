import { callInfo, type CallContext } from '../context.js';
import type { AdaptiveThrottle } from '../limits/adaptive-throttle.js';
import { readRateLimitHeaders } from '../limits/rate-limit-headers.js';

// Providers announce limits per organisation and model; a key stands for its organisation here.
const scopeOf = (ctx: CallContext): string => `${ctx.provider}|${ctx.key?.fingerprint ?? ''}|${ctx.model}`;

/**
 * Holds a call back while the limits its provider last announced have no room for it, and emits a
 * `limited` event (policy `adaptive`) after such a wait.
 *
 * @example
 * ```ts
 * await awaitAnnouncedLimits(ctx, throttle, estimate.tokens ?? 0);
 * ```
 */
export async function awaitAnnouncedLimits(ctx: CallContext, throttle: AdaptiveThrottle, tokens: number): Promise<void> {
  const { waitMs, unit } = throttle.admit(scopeOf(ctx), tokens);
  if (waitMs <= 0) return;
  await throttle.sleep(waitMs, ctx.signal);
  ctx.emit('limited', { ...callInfo(ctx), policy: 'adaptive', ...(unit ? { unit } : {}), action: 'wait', waitMs });
}

/**
 * Records the limits a reply announced in its headers, for the next calls of the same provider, key and model.
 *
 * @example
 * ```ts
 * observeAnnouncedLimits(ctx, throttle, result.headers);
 * ```
 */
export function observeAnnouncedLimits(ctx: CallContext, throttle: AdaptiveThrottle, headers: Readonly<Record<string, string>> | undefined): void {
  if (headers) throttle.observe(scopeOf(ctx), readRateLimitHeaders(headers));
}
