import type { QuotaEvent } from '../../events.js';
import type { CounterReading, LimitStore } from '../stores/limit-store.js';
import type { ResolvedPolicy } from '../policy/limit-policy.js';

/**
 * Emits a `quota` event for each alert threshold the amount spent (settled: what calls were billed) has reached,
 * once per window; the amount reserved by calls still in flight is reported beside it, and does not count. The
 * claim is taken in the store, so with a shared store one process of the fleet emits it. Sliding windows re-arm
 * after one window length; their stores do not tell reservations in flight apart, so there they count.
 *
 * @example
 * ```ts
 * await fireAlerts(store, policy, 'customer=acme', await store.read(request), (event) => ctx.emit('quota', event));
 * ```
 */
export async function fireAlerts(store: LimitStore, policy: ResolvedPolicy, scope: string, reading: CounterReading, emit: (event: QuotaEvent) => void): Promise<void> {
  if (policy.resolved.type === 'lease') return;
  const spent = Math.max(0, reading.used - reading.inFlight);
  const until = reading.end ?? reading.now + (policy.resolved.type === 'sliding' ? policy.resolved.ms : 0);
  for (const threshold of policy.alerts) {
    if (spent < threshold * policy.limit - 1e-9) break;
    const claim = `alert|${policy.name}|${scope}|${reading.start ?? 'sliding'}|${threshold}`;
    if (!(await store.claimOnce(claim, until))) continue;
    emit({
      policy: policy.name,
      scope,
      unit: policy.unit,
      used: spent,
      reserved: reading.inFlight,
      limit: policy.limit,
      threshold,
      ...(reading.end === undefined ? {} : { resetAt: new Date(reading.end) }),
    });
  }
}
