import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Ledger, MinuteWindow } from '../../src/simulator/quotas.js';

const T0 = Date.UTC(2026, 2, 8, 10, 0, 0);

describe('MinuteWindow', () => {
  it('sums what was spent in the rolling minute; an entry leaves exactly 60 s after it was spent', () => {
    const window = new MinuteWindow();
    assert.equal(window.used(T0), 0);
    window.spend(T0, 1);
    window.spend(T0 + 20_000, 5);
    assert.equal(window.used(T0 + 20_000), 6);
    assert.equal(window.used(T0 + 59_999), 6);
    assert.equal(window.used(T0 + 60_000), 5);
    assert.equal(window.used(T0 + 80_000), 0);
  });

  it('waitMs: 0 when it fits, else until enough of the oldest entries rolled out', () => {
    const window = new MinuteWindow();
    window.spend(T0, 10);
    window.spend(T0 + 10_000, 10);
    window.spend(T0 + 30_000, 10);
    const now = T0 + 40_000;
    assert.equal(window.waitMs(now, 40, 10), 0);
    assert.equal(window.waitMs(now, 30, 10), 20_000, 'the first entry must leave');
    assert.equal(window.waitMs(now, 30, 20), 30_000, 'the first two entries must leave');
    assert.equal(window.waitMs(now, 30, 30), 50_000, 'everything must leave');
  });

  it('waitMs: a need larger than the limit never fits, reported as a whole minute', () => {
    const window = new MinuteWindow();
    assert.equal(window.waitMs(T0, 5, 6), 60_000);
    window.spend(T0, 1);
    assert.equal(window.waitMs(T0 + 1_000, 5, 6), 60_000);
  });

  it('fullResetMs: until the newest entry rolls out, 0 when empty', () => {
    const window = new MinuteWindow();
    assert.equal(window.fullResetMs(T0), 0);
    window.spend(T0, 1);
    window.spend(T0 + 15_000, 1);
    assert.equal(window.fullResetMs(T0 + 20_000), 55_000);
    assert.equal(window.fullResetMs(T0 + 75_000), 0);
  });

  it('spending the same instant twice counts twice', () => {
    const window = new MinuteWindow();
    window.spend(T0, 1);
    window.spend(T0, 1);
    assert.equal(window.used(T0), 2);
    assert.equal(window.waitMs(T0, 2, 1), 60_000);
  });
});

describe('Ledger', () => {
  it('creates one state per id on first use and forgets all on clear', () => {
    let created = 0;
    const ledger = new Ledger(() => ({ n: ++created }));
    assert.equal(ledger.get('a'), ledger.get('a'));
    assert.notEqual(ledger.get('a'), ledger.get('b'));
    assert.equal(created, 2);
    ledger.clear();
    assert.equal(ledger.get('a').n, 3);
  });
});
