// The arithmetic of a session's running totals: per turn and overall, estimated and missing figures counted apart
// (never added as 0), the cost of an event priced from an estimate flagged as estimated.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sessionTally } from '../../src/report/session-totals.js';
import { estimated, missing, reported } from '../../src/usage.js';
import type { Cost } from '../../src/pricing/cost.js';
import { usageEvent } from '../support/make-usage-event.js';

const cost = (usd: number | undefined): Cost => ({ usd } as unknown as Cost);

describe('sessionTally: per-turn and session totals', () => {
  it('adds reported figures and costs per turn and overall; a turn without calls is a row of zeros', () => {
    const tally = sessionTally();
    tally.add(usageEvent({ cost: cost(0.5) }), 1);
    tally.add(usageEvent({ cost: cost(0.25) }), 1);
    tally.add(usageEvent({ cost: cost(1) }), 3);
    const { total, turns } = tally.read(4);
    assert.deepEqual(turns.map((t) => t.turn), [1, 2, 3, 4]);
    assert.deepEqual(turns.map((t) => t.totals.requests), [2, 0, 1, 0]);
    assert.deepEqual(turns.map((t) => t.totals.costUsd?.value), [0.75, undefined, 1, undefined]);
    assert.equal(total.requests, 3);
    assert.deepEqual(total.totals.inputTokens, { value: 30, estimated: 0, missing: 0 });
    assert.deepEqual(total.costUsd, { value: 1.75, estimated: 0, missing: 0 });
  });

  it('an estimated figure marks the figure and the cost priced from it as estimated, in its turn and overall', () => {
    const tally = sessionTally();
    tally.add(usageEvent({ cost: cost(0.25) }), 1);
    tally.add(usageEvent({ status: 'aborted', usage: { requests: 1, inputTokens: reported(10), outputTokens: estimated(7) }, cost: cost(0.5) }), 2);
    const { total, turns } = tally.read(2);
    assert.deepEqual(turns[0]!.totals.costUsd, { value: 0.25, estimated: 0, missing: 0 });
    assert.deepEqual(turns[1]!.totals.totals.outputTokens, { value: 7, estimated: 1, missing: 0 });
    assert.deepEqual(turns[1]!.totals.costUsd, { value: 0.5, estimated: 1, missing: 0 });
    assert.equal(turns[1]!.totals.aborted, 1);
    assert.deepEqual(total.totals.outputTokens, { value: 12, estimated: 1, missing: 0 });
    assert.deepEqual(total.costUsd, { value: 0.75, estimated: 1, missing: 0 });
    assert.equal(total.estimatedEvents, 1);
  });

  it('an estimated figure outside the report figures still marks the cost as estimated', () => {
    const tally = sessionTally();
    tally.add(usageEvent({ usage: { requests: 1, inputTokens: reported(3), inputTokensByModality: estimated(3) } as never, cost: cost(0.01) }), 1);
    assert.equal(tally.read(1).total.costUsd?.estimated, 1);
  });

  it('a missing figure or an unknown cost is counted apart, never added as 0', () => {
    const tally = sessionTally();
    tally.add(usageEvent({ usage: { requests: 1, inputTokens: reported(10), outputTokens: missing() }, cost: cost(undefined) }), 1);
    tally.add(usageEvent({ cost: cost(0.4) }), 1);
    const { total, turns } = tally.read(1);
    assert.deepEqual(turns[0]!.totals.totals.outputTokens, { value: 5, estimated: 0, missing: 1 });
    assert.deepEqual(total.costUsd, { value: 0.4, estimated: 0, missing: 1 });
    assert.equal(total.missingEvents, 1);
  });

  it('an unpriced event (no cost) leaves the cost absent; reads are snapshots that later events do not change', () => {
    const tally = sessionTally();
    tally.add(usageEvent(), 1);
    const before = tally.read(1);
    assert.equal(before.total.costUsd, undefined);
    tally.add(usageEvent({ cost: cost(2) }), 1);
    assert.equal(before.total.requests, 1);
    assert.equal(tally.read(1).total.requests, 2);
    assert.equal(tally.read(1).total.costUsd?.value, 2);
  });

  it('a turn beyond the one asked for (an event of a later turn) is still listed', () => {
    const tally = sessionTally();
    tally.add(usageEvent(), 3);
    assert.deepEqual(tally.read(1).turns.map((t) => t.turn), [1, 2, 3]);
  });
});
