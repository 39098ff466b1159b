// The bucketed sliding window: bounded memory at any call rate, amounts never leave early and at most one
// bucket (1/600 of the window) late.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SlidingTally } from '../../../src/limits/stores/sliding-tally.js';

const MINUTE = 60_000;
const WIDTH = MINUTE / 600;

describe('SlidingTally', () => {
  it('holds at most ~600 buckets for a million reservations in one window', () => {
    const tally = new SlidingTally(MINUTE);
    const buckets = new Set<object>();
    for (let i = 0; i < 1_000_000; i += 1) {
      const now = (i * MINUTE) / 1_000_000;
      tally.trim(now);
      buckets.add(tally.add(1, now));
    }
    assert.equal(tally.total, 1_000_000);
    assert.ok(buckets.size <= 601, `${buckets.size} buckets`);
  });

  it('an amount leaves no earlier than its own time and at most one bucket later', () => {
    const tally = new SlidingTally(MINUTE);
    tally.add(1, 0);
    tally.add(2, WIDTH / 2);
    tally.trim(MINUTE - 1);
    assert.equal(tally.total, 3, 'nothing leaves before the first amount is a window old');
    tally.trim(MINUTE + WIDTH / 2 - 1);
    assert.equal(tally.total, 3, 'the first amount shares its bucket with a later one and waits for it');
    tally.trim(MINUTE + WIDTH / 2);
    assert.equal(tally.total, 0);
  });

  it('reservations spaced wider than a bucket leave exactly on time, and retryAfter says when', () => {
    const tally = new SlidingTally(MINUTE);
    tally.add(4, 0);
    tally.add(4, 10_000);
    assert.equal(tally.retryAfter(5, 10, 0, 20_000), 40_000);
    assert.equal(tally.retryAfter(9, 10, 0, 20_000), 50_000);
    assert.equal(tally.retryAfter(11, 10, 0, 20_000), undefined, 'never fits');
    tally.trim(MINUTE);
    assert.equal(tally.total, 4);
  });

  it('adjust changes an amount in the window; once its bucket left, a late settle changes nothing', () => {
    const tally = new SlidingTally(MINUTE);
    const early = tally.add(900, 0);
    const late = tally.add(900, 30_000);
    tally.adjust(late, 100 - 900);
    assert.equal(tally.total, 1000);
    tally.trim(MINUTE);
    tally.adjust(early, -500);
    assert.equal(tally.total, 100);
  });

  it('a clock stepping back puts the amount in time order', () => {
    const tally = new SlidingTally(MINUTE);
    tally.add(1, 10_000);
    tally.add(1, 0);
    assert.equal(tally.retryAfter(1, 1, 0, 20_000), 50_000, 'the later amount leaves last');
    tally.trim(MINUTE);
    assert.equal(tally.total, 1);
  });

  it('compacts the buckets that left as time goes on', () => {
    const tally = new SlidingTally(1_000);
    for (let now = 0; now < 100_000; now += 3) {
      tally.trim(now);
      tally.add(1, now);
    }
    assert.ok(tally.total <= 1_000 / 3 + 1, `total ${tally.total}`);
    assert.ok((tally as unknown as { buckets: unknown[] }).buckets.length <= 600 + 64, 'dropped buckets were cut from the array');
  });
});
