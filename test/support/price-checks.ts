import assert from 'node:assert/strict';
import type { Operation } from '../../src/operations/operation.js';
import type { CostQuery } from '../../src/pricing/cost-calculator.js';
import type { Usage } from '../../src/usage.js';

/** A fixed request time: the bundled price data is time-dependent. */
export const TIME = new Date('2026-11-23T12:00:00Z');

/** Asserts a cost in USD equals the hand-computed value to 1e-9 USD. */
export function assertUsd(actual: number | undefined, expected: number): void {
  assert.equal(typeof actual, 'number', `expected a cost of ${expected} USD, got ${String(actual)}`);
  assert.ok(Math.abs((actual as number) - expected) <= 1e-9, `expected ${expected} USD, got ${String(actual)}`);
}

/** A query for `provider:model`. */
export function query(ref: `${string}:${string}`, operation: Operation, usage: Omit<Usage, 'requests'>, customer?: string): CostQuery {
  const [provider = '', model = ''] = ref.split(/:(.*)/s);
  return { provider, model, operation, usage: { requests: 1, ...usage }, time: TIME, ...(customer === undefined ? {} : { customer }) };
}
