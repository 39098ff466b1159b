import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../src/errors/config-error.js';
import { createAdaptiveThrottle } from '../../../src/limits/adaptive/adaptive-throttle.js';
import { manualClock } from '../../support/limits-clock.js';

const START = Date.UTC(2026, 10, 23, 12);
const requests = (limit: number, remaining: number, resetMs: number) => ({ requests: { limit, remaining, resetMs } });

describe('createAdaptiveThrottle', () => {
  it('lets calls through while nothing was announced', () => {
    const throttle = createAdaptiveThrottle({ clock: manualClock(START) });
    assert.deepEqual(throttle.admit('s', 1000), { waitMs: 0 });
  });

  it('spends the announced remainder locally, then holds calls until the reset', () => {
    const throttle = createAdaptiveThrottle({ clock: manualClock(START), lowWater: 0 });
    throttle.observe('s', requests(10, 3, 2000));
    assert.equal(throttle.admit('s', 0).waitMs, 0);
    assert.equal(throttle.admit('s', 0).waitMs, 0);
    assert.equal(throttle.admit('s', 0).waitMs, 0);
    assert.deepEqual(throttle.admit('s', 0), { waitMs: 2000, unit: 'requests' });
  });

  it('keeps scopes apart', () => {
    const throttle = createAdaptiveThrottle({ clock: manualClock(START), lowWater: 0 });
    throttle.observe('a', requests(10, 0, 1000));
    assert.equal(throttle.admit('a', 0).waitMs, 1000);
    assert.equal(throttle.admit('b', 0).waitMs, 0);
  });

  it('forgets an announcement once its reset has passed', async () => {
    const clock = manualClock(START);
    const throttle = createAdaptiveThrottle({ clock });
    throttle.observe('s', requests(10, 0, 1000));
    await clock.advance(1000);
    assert.equal(throttle.admit('s', 0).waitMs, 0);
  });

  it('paces calls evenly once below the low-water mark', () => {
    const throttle = createAdaptiveThrottle({ clock: manualClock(START), lowWater: 0.5 });
    throttle.observe('s', requests(10, 4, 10_000));
    const waits = [1, 2, 3].map(() => throttle.admit('s', 0).waitMs);
    assert.equal(waits[0], 0, 'the first paced call goes at once');
    assert.ok(waits[1]! > 0 && waits[2]! > waits[1]!, `later calls wait longer: ${waits.join(', ')}`);
    assert.ok(waits[2]! < 10_000, 'and all of them before the reset');
  });

  it('holds a call whose tokens do not fit, on the token limit', () => {
    const throttle = createAdaptiveThrottle({ clock: manualClock(START), lowWater: 0 });
    throttle.observe('s', { ...requests(100, 90, 1000), tokens: { limit: 10_000, remaining: 500, resetMs: 30_000 } });
    assert.deepEqual(throttle.admit('s', 800), { waitMs: 30_000, unit: 'tokens' });
    assert.equal(throttle.admit('s', 400).waitMs, 0);
  });

  it('caps a wait at maxWaitMs', () => {
    const throttle = createAdaptiveThrottle({ clock: manualClock(START), maxWaitMs: 5000 });
    throttle.observe('s', requests(10, 0, 3_600_000));
    assert.equal(throttle.admit('s', 0).waitMs, 5000);
  });

  it('the newest reply replaces local counts', () => {
    const throttle = createAdaptiveThrottle({ clock: manualClock(START), lowWater: 0 });
    throttle.observe('s', requests(10, 1, 1000));
    throttle.admit('s', 0);
    assert.equal(throttle.admit('s', 0).waitMs, 1000);
    throttle.observe('s', requests(10, 5, 1000));
    assert.equal(throttle.admit('s', 0).waitMs, 0);
  });

  it('rejects bad options with ConfigError', () => {
    assert.throws(() => createAdaptiveThrottle({ lowWater: 1 }), ConfigError);
    assert.throws(() => createAdaptiveThrottle({ lowWater: -0.1 }), ConfigError);
    assert.throws(() => createAdaptiveThrottle({ maxWaitMs: -1 }), ConfigError);
    assert.throws(() => createAdaptiveThrottle({ maxWaitMs: Number.NaN }), ConfigError);
  });
});
