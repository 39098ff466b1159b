import { callInfo, type CallContext } from '../../context.js';
import type { AdaptiveThrottle } from './adaptive-throttle.js';
import { readRateLimitHeaders } from './rate-limit-headers.js';

/** Most scopes remembered (a multi-tenant client has one per tenant key and model); then they start over. */
const MAX_SCOPES = 10_000;
let remembered = 0;
/**
 * Scopes by provider, key fingerprint and model. The same scope string comes back on every call, so the
 * throttle's maps find its hash computed; a string built per call is hashed anew each time.
 */
const scopes = new Map<string, Map<string, Map<string, string>>>();

/**
 * The scope of a call's announced limits: providers announce them per organisation and model, and a key
 * stands for its organisation here. Remembered per provider, key and model; for {@link awaitAnnouncedLimits} and
 * {@link observeAnnouncedLimits}.
 *
 * @example
 * ```ts
 * const scope = announcedScope(ctx); // 'openai|fp_ab12…|gpt-4o-mini'
 * ```
 */
export function announcedScope(ctx: CallContext): string {
  const fingerprint = ctx.key?.fingerprint ?? '';
  let byKey = scopes.get(ctx.provider);
  if (!byKey) scopes.set(ctx.provider, (byKey = new Map<string, Map<string, string>>()));
  let byModel = byKey.get(fingerprint);
  if (!byModel) byKey.set(fingerprint, (byModel = new Map<string, string>()));
  let scope = byModel.get(ctx.model);
  if (scope === undefined) {
    if ((remembered += 1) > MAX_SCOPES) {
      scopes.clear();
      remembered = 1;
    }
    scope = `${ctx.provider}|${fingerprint}|${ctx.model}`;
    byModel.set(ctx.model, scope);
  }
  return scope;
}

/**
 * Holds a call back while the limits its provider last announced have no room for it, and emits a
 * `limited` event (policy `adaptive`) after such a wait. Returns undefined when the call may go at once, so
 * the common case costs no promise.
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
