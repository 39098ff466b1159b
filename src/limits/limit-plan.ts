import type { ResolvedPolicy } from './limit-policy.js';
import { inScope, partitionOf, type LimitSubject } from './limit-scope.js';
import type { CounterRequest } from './limit-store.js';
import type { UnitAmounts } from './limit-unit.js';

/**
 * One policy's part in a call: the policy, the counter's partition, and what to reserve there.
 *
 * @example
 * ```ts
 * const [first]: Planned[] = planner(policies)(subject, { requests: 1 });
 * first.request.key; // 'rpm|customer=acme'
 * ```
 */
export interface Planned {
  readonly policy: ResolvedPolicy;
  readonly scope: string;
  readonly request: CounterRequest;
}

/**
 * The counters a call touches, for a fixed list of policies: those in scope whose unit the estimate uses. The
 * key of a policy without partitions is built once, as this runs on every call.
 *
 * @example
 * ```ts
 * const plan = planner(resolvePolicies(policies, 'limits.policies'));
 * const planned = plan({ provider: 'openai', model: 'gpt-4o-mini', tags: { customer: 'acme' } }, { requests: 1, tokens: 900 });
 * ```
 */
export function planner(policies: readonly ResolvedPolicy[]): (subject: LimitSubject, estimate: UnitAmounts) => Planned[] {
  const fixedKeys = policies.map((policy) => (policy.scope?.per?.length ? undefined : `${policy.name}|`));
  // The last plan of each single-counter policy, reused while the amount repeats (one request, one slot).
  const last: (Planned | undefined)[] = policies.map(() => undefined);
  return (subject, estimate) => {
    const planned: Planned[] = [];
    for (let i = 0; i < policies.length; i += 1) {
      const policy = policies[i]!;
      if (policy.scope !== undefined && !inScope(policy.scope, subject)) continue;
      const amount = policy.unit === 'concurrent' ? 1 : (estimate[policy.unit] ?? 0);
      if (!(amount > 0)) continue;
      const fixedKey = fixedKeys[i];
      const previous = last[i];
      if (previous?.request.amount === amount) {
        planned.push(previous);
        continue;
      }
      const scope = fixedKey === undefined ? partitionOf(policy.scope, subject) : '';
      const p: Planned = { policy, scope, request: { key: fixedKey ?? `${policy.name}|${scope}`, limit: policy.limit, amount, window: policy.resolved } };
      if (fixedKey !== undefined) last[i] = p;
      planned.push(p);
    }
    return planned;
  };
}
