import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { billingCycle } from '../../src/time/billing-cycle.js';

const utc = (iso: string): number => Date.parse(`${iso}Z`);
const iso = (cycle: { start: number; end: number }): [string, string] => [new Date(cycle.start).toISOString(), new Date(cycle.end).toISOString()];

describe('billingCycle', () => {
  it('starts at 00:00 UTC on the anchor day and ends on the next month’s', () => {
    assert.deepEqual(iso(billingCycle(utc('2025-03-20T10:00:00'), 15)), ['2025-03-15T00:00:00.000Z', '2025-04-15T00:00:00.000Z']);
  });

  it('before the anchor day, the cycle is the one that started last month', () => {
    assert.deepEqual(iso(billingCycle(utc('2025-03-10T10:00:00'), 15)), ['2025-02-15T00:00:00.000Z', '2025-03-15T00:00:00.000Z']);
  });

  it('the anchor instant itself opens a new cycle; the instant before belongs to the old one', () => {
    const anchor = utc('2025-03-15T00:00:00');
    assert.equal(billingCycle(anchor, 15).start, anchor);
    assert.equal(billingCycle(anchor - 1, 15).end, anchor);
  });

  it('clamps the anchor day to the last day of shorter months, leap years included', () => {
    assert.deepEqual(iso(billingCycle(utc('2025-02-10T00:00:00'), 31)), ['2025-01-31T00:00:00.000Z', '2025-02-28T00:00:00.000Z']);
    assert.deepEqual(iso(billingCycle(utc('2025-03-05T00:00:00'), 31)), ['2025-02-28T00:00:00.000Z', '2025-03-31T00:00:00.000Z']);
    assert.deepEqual(iso(billingCycle(utc('2024-02-29T12:00:00'), 30)), ['2024-02-29T00:00:00.000Z', '2024-03-30T00:00:00.000Z']);
    assert.deepEqual(iso(billingCycle(utc('2025-04-30T12:00:00'), 31)), ['2025-04-30T00:00:00.000Z', '2025-05-31T00:00:00.000Z']);
  });

  it('crosses the year boundary both ways', () => {
    assert.deepEqual(iso(billingCycle(utc('2025-01-03T00:00:00'), 20)), ['2024-12-20T00:00:00.000Z', '2025-01-20T00:00:00.000Z']);
    assert.deepEqual(iso(billingCycle(utc('2025-12-25T00:00:00'), 20)), ['2025-12-20T00:00:00.000Z', '2026-01-20T00:00:00.000Z']);
  });

  it('anchor day 1 gives calendar months', () => {
    assert.deepEqual(iso(billingCycle(utc('2025-07-31T23:59:59'), 1)), ['2025-07-01T00:00:00.000Z', '2025-08-01T00:00:00.000Z']);
  });

  it('consecutive cycles tile time with no gap or overlap', () => {
    let at = utc('2024-01-01T00:00:00');
    for (let i = 0; i < 30; i += 1) {
      const cycle = billingCycle(at, 31);
      assert.ok(cycle.start <= at && at < cycle.end);
      assert.equal(billingCycle(cycle.end, 31).start, cycle.end);
      at = cycle.end;
    }
  });
});
