import type { QuotaEvent } from '../../events.js';
import type { CounterState, LimitStore } from '../stores/limit-store.js';
import type { ResolvedPolicy } from '../policy/limit-policy.js';

/**
 * Emits a `quota` event for each alert threshold a counter has reached, once per window: the claim is taken
 * in the store, so with a shared store one process of the fleet emits it. Sliding windows re-arm after one
 * window length.
 *
 * @example
 * ```ts
 * await fireAlerts(store, policy, 'customer=acme', state, now, (event) => ctx.emit('quota', event));
 * ```
 */
export async function fireAlerts(
  store: LimitStore,
  policy: ResolvedPolicy,
  scope: string,
  state: CounterState,
  now: number,
  emit: (event: QuotaEvent) => void,
): Promise<void> {
  if (policy.resolved.type === 'lease') return;
  const until = state.end ?? now + (policy.resolved.type === 'sliding' ? policy.resolved.ms : 0);
  for (const threshold of policy.alerts) {
    if (state.used < threshold * policy.limit) break;
    const claim = `alert|${policy.name}|${scope}|${state.start ?? 'sliding'}|${threshold}`;
    if (!(await store.claimOnce(claim, until))) continue;
    emit({
      policy: policy.name,
      scope,
      unit: policy.unit,
      used: state.used,
      limit: policy.limit,
      threshold,
      ...(state.end === undefined ? {} : { resetAt: new Date(state.end) }),
    });
  }
}
