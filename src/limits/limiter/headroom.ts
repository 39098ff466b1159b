import type { Plan, Planned } from '../policy/limit-plan.js';
import type { LimitSubject } from '../policy/limit-scope.js';
import type { UnitAmounts } from '../policy/limit-unit.js';
import type { LimitStore } from '../stores/limit-store.js';
import type { Affordability, Headroom } from './limiter-types.js';

/** An amount in every unit: plans every policy that applies to a subject, whatever its unit. */
const EVERY_UNIT: UnitAmounts = { requests: 1, inputTokens: 1, outputTokens: 1, tokens: 1, characters: 1, credits: 1, usd: 1 };

/** The limiter's planner: the counters a call touches. */
type Planner = (subject: LimitSubject, estimate: UnitAmounts) => Plan;

/**
 * What is left in every policy applying to `subject`, read from the store without reserving.
 *
 * @example
 * ```ts
 * const left = await readHeadroom(store, plan, { provider: 'openai', model: 'gpt-4o-mini' });
 * ```
 */
export async function readHeadroom(store: LimitStore, plan: Planner, subject: LimitSubject): Promise<{ planned: Planned; headroom: Headroom }[]> {
  const { planned } = plan(subject, EVERY_UNIT);
  return Promise.all(
    planned.map(async (p) => {
      const reading = await store.read(p.request);
      const headroom: Headroom = {
        policy: p.policy.name,
        scope: p.scope,
        unit: p.policy.unit,
        limit: p.policy.limit,
        used: reading.used,
        spent: Math.max(0, reading.used - reading.inFlight),
        reserved: reading.inFlight,
        remaining: Math.max(0, p.policy.limit - reading.used),
        ...(reading.end === undefined ? {} : { resetAt: new Date(reading.end) }),
      };
      return { planned: p, headroom };
    }),
  );
}

/**
 * Whether `estimate` fits in every policy applying to `subject` right now: a check, not a reservation.
 *
 * @example
 * ```ts
 * const verdict = await affordability(store, plan, subject, { credits: 500 });
 * ```
 */
export async function affordability(store: LimitStore, plan: Planner, subject: LimitSubject, estimate: UnitAmounts): Promise<Affordability> {
  const needs = plan(subject, estimate).planned;
  for (const { planned, headroom } of await readHeadroom(store, plan, subject)) {
    const needed = needs.find((n) => n.policy === planned.policy)?.request.amount ?? 0;
    if (needed > 0 && headroom.used + needed > headroom.limit) return { ok: false, blockedBy: { ...headroom, needed } };
  }
  return { ok: true };
}
