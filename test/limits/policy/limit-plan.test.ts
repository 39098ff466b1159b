import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planner } from '../../../src/limits/policy/limit-plan.js';
import { resolvePolicies, type LimitPolicy } from '../../../src/limits/policy/limit-policy.js';

const POLICIES: LimitPolicy[] = [
  { name: 'rpm', unit: 'requests', limit: 100, window: 'minute' },
  { name: 'tpm', unit: 'tokens', limit: 10_000, window: 'minute' },
  { name: 'per-customer', unit: 'requests', limit: 10, window: 'day', scope: { per: ['tag:customer'] } },
  { name: 'gemini-only', unit: 'requests', limit: 5, window: 'minute', scope: { provider: 'gemini' } },
];
const OPENAI = { provider: 'openai', model: 'gpt-4o-mini', operation: 'chat' } as const;

const keysOf = (plan: ReturnType<ReturnType<typeof planner>>): string[] => plan.planned.map((p) => p.request.key);

describe('planner', () => {
  it('plans the policies in scope whose unit the estimate uses, requests in the same order', () => {
    const plan = planner(resolvePolicies(POLICIES, 'limits.policies'));
    const result = plan({ ...OPENAI, tags: { customer: 'acme' } }, { requests: 1, tokens: 900 });
    assert.deepEqual(keysOf(result), ['rpm|', 'tpm|', 'per-customer|customer=acme']);
    assert.deepEqual(result.requests, result.planned.map((p) => p.request));
    assert.deepEqual(result.requests.map((r) => r.amount), [1, 900, 1]);
  });

  it('returns the previous plan itself while the call repeats, and a new one when an amount changes', () => {
    const plan = planner(resolvePolicies(POLICIES.slice(0, 2), 'limits.policies'));
    const first = plan(OPENAI, { requests: 1, tokens: 900 });
    assert.equal(plan(OPENAI, { requests: 1, tokens: 900 }), first);
    const other = plan(OPENAI, { requests: 1, tokens: 50 });
    assert.notEqual(other, first);
    assert.deepEqual(other.requests.map((r) => r.amount), [1, 50]);
    assert.equal(other.planned[0], first.planned[0], 'the unchanged part is reused');
    assert.deepEqual(first.requests.map((r) => r.amount), [1, 900], 'an earlier plan is never changed');
  });

  it('builds a fresh part per partition, so customers never share a plan', () => {
    const plan = planner(resolvePolicies(POLICIES, 'limits.policies'));
    const acme = plan({ ...OPENAI, tags: { customer: 'acme' } }, { requests: 1 });
    const globex = plan({ ...OPENAI, tags: { customer: 'globex' } }, { requests: 1 });
    assert.deepEqual(keysOf(acme), ['rpm|', 'per-customer|customer=acme']);
    assert.deepEqual(keysOf(plan(OPENAI, { requests: 1 })), ['rpm|', 'per-customer|customer=-'], 'no customer tag: its own partition');
    assert.deepEqual(keysOf(globex), ['rpm|', 'per-customer|customer=globex']);
  });

  it('drops and adds parts as the scope changes between calls', () => {
    const plan = planner(resolvePolicies([POLICIES[0]!, POLICIES[3]!], 'limits.policies'));
    const gemini = plan({ provider: 'gemini', model: 'gemini-2.5-flash', operation: 'chat' }, { requests: 1 });
    const openai = plan(OPENAI, { requests: 1 });
    const geminiAgain = plan({ provider: 'gemini', model: 'gemini-2.5-flash', operation: 'chat' }, { requests: 1 });
    assert.deepEqual(keysOf(gemini), ['rpm|', 'gemini-only|']);
    assert.deepEqual(keysOf(openai), ['rpm|']);
    assert.deepEqual(keysOf(geminiAgain), ['rpm|', 'gemini-only|']);
    assert.deepEqual(keysOf(plan(OPENAI, {})), []);
  });

  it('plans a policy whose amount is 0 (it settles what the call is billed), not one whose unit the call cannot bill', () => {
    const plan = planner(resolvePolicies([{ name: 'usd', unit: 'usd', limit: 5, window: 'month' }, { name: 'chars', unit: 'characters', limit: 100, window: 'month' }], 'limits.policies'));
    const free = plan(OPENAI, { requests: 1, usd: 0 });
    assert.deepEqual(keysOf(free), ['usd|']);
    assert.deepEqual(free.requests.map((r) => r.amount), [0]);
    assert.equal(plan(OPENAI, { requests: 1, usd: 0 }), free, 'a repeated 0 is reused like any amount');
    assert.deepEqual(plan(OPENAI, { requests: 1, usd: 0.5, characters: 0 }).requests.map((r) => r.amount), [0.5, 0]);
    assert.deepEqual(plan(OPENAI, { requests: 1, usd: Number.NaN }).requests.map((r) => r.amount), [0], 'an amount that is no number reserves 0');
  });
});
