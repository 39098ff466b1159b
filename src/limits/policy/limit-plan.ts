import type { ResolvedPolicy } from './limit-policy.js';
import { inScope, partitionOf, type LimitSubject } from './limit-scope.js';
import type { CounterRequest } from '../stores/limit-store.js';
import type { UnitAmounts } from './limit-unit.js';

/**
 * One policy's part in a call: the policy, the counter's partition, and what to reserve there.
 *
 * @example
 * ```ts
 * const [first]: readonly Planned[] = planner(policies)(subject, { requests: 1 }).planned;
 * first.request.key; // 'rpm|customer=acme'
 * ```
 */
export interface Planned {
  readonly policy: ResolvedPolicy;
  readonly scope: string;
  readonly request: CounterRequest;
}

/**
 * The counters one call touches: each applicable policy's part, and the store requests in the same order.
 *
 * @example
 * ```ts
 * const { planned, requests } = planner(policies)(subject, { requests: 1 });
 * await store.reserve(id, requests);
 * ```
 */
export interface Plan {
  readonly planned: readonly Planned[];
  readonly requests: readonly CounterRequest[];
}

/**
 * The counters a call touches, for a fixed list of policies: those in scope whose unit the estimate has an
 * amount for, 0 included (a call estimated at $0 still settles what it was billed; a reservation of 0 is
 * refused only by a counter already over its limit). This
 * runs on every call, so what repeats is reused: the key of a policy without partitions is built once, a
 * single-counter policy's part is reused while its amount repeats, and a call whose parts are all the previous
 * call's gets the previous plan itself (the common case: one request, the same policies). Plans are read-only.
 *
 * @example
 * ```ts
 * const plan = planner(resolvePolicies(policies, 'limits.policies'));
 * const { planned } = plan({ provider: 'openai', model: 'gpt-4o-mini', tags: { customer: 'acme' } }, { requests: 1, tokens: 900 });
 * ```
 */
export function planner(policies: readonly ResolvedPolicy[]): (subject: LimitSubject, estimate: UnitAmounts) => Plan {
  const fixedKeys = policies.map((policy) => (policy.scope?.per?.length ? undefined : `${policy.name}|`));
  // The last part of each single-counter policy, reused while the amount repeats (one request, one slot).
  const last: (Planned | undefined)[] = policies.map(() => undefined);
  let previous: Plan = { planned: [], requests: [] };
  return (subject, estimate) => {
    // Parts are compared with the previous plan's as they come; an array is only built once one differs.
    let built: Planned[] | undefined;
    let n = 0;
    for (let i = 0; i < policies.length; i += 1) {
      const policy = policies[i]!;
      if (policy.scope !== undefined && !inScope(policy.scope, subject)) continue;
      // A unit the estimate leaves out is one the call cannot be billed in; any other is planned, even at 0,
      // so that what the call was billed is settled into it.
      const estimated = policy.unit === 'concurrent' ? 1 : estimate[policy.unit];
      if (estimated === undefined) continue;
      const amount = estimated > 0 ? estimated : 0;
      const fixedKey = fixedKeys[i];
      let p = last[i];
      if (p?.request.amount !== amount) {
        const scope = fixedKey === undefined ? partitionOf(policy.scope, subject) : '';
        p = { policy, scope, request: { key: fixedKey ?? `${policy.name}|${scope}`, limit: policy.limit, amount, window: policy.resolved } };
        if (fixedKey !== undefined) last[i] = p;
      }
      if (!built && previous.planned[n] !== p) built = previous.planned.slice(0, n);
      built?.push(p);
      n += 1;
    }
    if (!built && n === previous.planned.length) return previous;
    const planned = built ?? previous.planned.slice(0, n);
    previous = { planned, requests: planned.map((p) => p.request) };
    return previous;
  };
}
