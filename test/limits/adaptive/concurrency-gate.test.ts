import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AbortedError } from '../../../src/errors/aborted-error.js';
import { createAdaptiveThrottle } from '../../../src/limits/adaptive/adaptive-throttle.js';
import { readConcurrencyHeaders } from '../../../src/limits/adaptive/rate-limit-headers.js';
import { manualClock } from '../../support/limits-clock.js';

describe('announced concurrency (ElevenLabs current-/maximum-concurrent-requests)', () => {
  it('reads the pair; anything else is ignored', () => {
    assert.deepEqual(readConcurrencyHeaders({ 'current-concurrent-requests': '2', 'maximum-concurrent-requests': '5' }), { current: 2, maximum: 5 });
    assert.equal(readConcurrencyHeaders({ 'current-concurrent-requests': '2' }), undefined);
    assert.equal(readConcurrencyHeaders({ 'current-concurrent-requests': '2', 'maximum-concurrent-requests': '0' }), undefined);
    assert.equal(readConcurrencyHeaders({ 'current-concurrent-requests': 'x', 'maximum-concurrent-requests': '5' }), undefined);
    assert.equal(readConcurrencyHeaders(undefined), undefined);
  });

  it('no slot to take before a reply announced a maximum; then at most maximum in flight, the next one going as one frees', async () => {
    const throttle = createAdaptiveThrottle({ clock: manualClock(0) });
    assert.equal(throttle.enter('el|k', undefined), undefined);
    throttle.observeConcurrency('el|k', { current: 1, maximum: 2 });
    const first = throttle.enter('el|k', undefined);
    const second = throttle.enter('el|k', undefined);
    assert.equal(typeof first, 'function');
    assert.equal(typeof second, 'function');
    const third = throttle.enter('el|k', undefined);
    assert.ok(third instanceof Promise);
    let went = false;
    void third.then(() => (went = true));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(went, false);
    (first as () => void)();
    (first as () => void)(); // a second release frees nothing more
    const { release } = await third;
    assert.ok(went);
    assert.ok(throttle.enter('el|k', undefined) instanceof Promise, 'still two in flight');
    release();
    assert.equal(throttle.enter('other|k', undefined), undefined, 'scopes are apart');
  });

  it("other processes' requests in flight (current minus ours) shrink the slots, never below one", () => {
    const throttle = createAdaptiveThrottle({ clock: manualClock(0) });
    throttle.observeConcurrency('s', { current: 4, maximum: 5 });
    assert.equal(typeof throttle.enter('s', undefined), 'function');
    assert.equal(typeof throttle.enter('s', undefined), 'function');
    assert.ok(throttle.enter('s', undefined) instanceof Promise);
    throttle.observeConcurrency('s', { current: 9, maximum: 5 });
    assert.ok(throttle.enter('s', undefined) instanceof Promise);
  });

  it('a wait ends at maxWaitMs (the call goes anyway), or with AbortedError on abort', async () => {
    const clock = manualClock(0);
    const throttle = createAdaptiveThrottle({ clock, maxWaitMs: 1_000 });
    throttle.observeConcurrency('s', { current: 1, maximum: 1 });
    throttle.enter('s', undefined);
    const waiting = throttle.enter('s', undefined) as Promise<{ waitedMs: number }>;
    await clock.advance(1_000);
    assert.equal((await waiting).waitedMs, 1_000);
    const controller = new AbortController();
    const aborted = throttle.enter('s', controller.signal) as Promise<unknown>;
    controller.abort();
    await assert.rejects(aborted, (e: unknown) => AbortedError.isInstance(e));
  });
});
