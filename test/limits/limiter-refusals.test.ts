// Issue 19 on the limiter alone (memory store, hand-moved clock): a call blocked only by reservations in flight
// waits for them, whatever the policy's action; a refusal's retryAfterMs is the earliest the call could fit, and
// a retry then succeeds; refusals say it in human units with resetAt; alerts count settled amounts only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RateLimitedError } from '../../src/errors/rate-limited-error.js';
import type { QuotaEvent } from '../../src/events.js';
import { createLimiter, type Reservation } from '../../src/limits/limiter.js';
import type { LimitStore, ReserveResult } from '../../src/limits/stores/limit-store.js';
import { memoryStore } from '../../src/limits/stores/memory-store.js';
import { humanDuration } from '../../src/limits/limiter/refusal.js';
import type { LimitPolicy } from '../../src/limits/policy/limit-policy.js';
import type { LimitSubject } from '../../src/limits/policy/limit-scope.js';
import { manualClock, settle } from '../support/limits-clock.js';
import { watch } from '../support/deferred.js';

const subject: LimitSubject = { provider: 'openai', model: 'gpt-4o-mini', operation: 'chat', tags: { customer: 'acme' } };

function setup(policies: LimitPolicy[], start = Date.parse('2026-12-05T05:46:40.164Z')) {
  const clock = manualClock(start);
  const limiter = createLimiter({ policies, clock });
  const alerts: QuotaEvent[] = [];
  const acquire = (amounts: Record<string, number>) => limiter.acquire(subject, amounts, { onAlert: (e) => alerts.push(e) });
  const refusal = async (amounts: Record<string, number>): Promise<RateLimitedError> => {
    const error = await acquire(amounts).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(RateLimitedError.isInstance(error), `expected a refusal, got ${String(error)}`);
    return error;
  };
  return { clock, limiter, alerts, acquire, refusal };
}

describe('honest refusals (issue 19)', () => {
  it('a reject policy waits for reservations in flight instead of refusing, and admits the call when they settle low', async () => {
    const { acquire } = setup([{ name: 'budget', unit: 'usd', limit: 0.001, window: 'month', action: 'reject' }]);
    const held = await acquire({ usd: 0.0006 });
    const next = watch(acquire({ usd: 0.0006 }));
    await settle();
    assert.equal(next.done, false, 'what is settled ($0) plus the call fits: it waits for the one in flight');
    await held.settle({ usd: 0.00002 });
    await settle();
    assert.equal(next.done, true);
    assert.equal(next.error, undefined);
  });

  it('the wait for reservations in flight is bounded by maxWaitMs; the refusal says when they are expected to settle, and a retry then succeeds', async () => {
    const { clock, acquire, refusal } = setup([{ name: 'budget', unit: 'usd', limit: 0.001, window: 'month', action: 'reject', maxWaitMs: 0 }]);
    // Hold times the limiter learns from: calls of 120 ms.
    for (let i = 0; i < 5; i += 1) {
      const r = await acquire({ usd: 0.0001 });
      await clock.advance(120);
      await r.settle({ usd: 0 });
    }
    const held = await acquire({ usd: 0.0006 });
    const error = await refusal({ usd: 0.0006 });
    assert.equal(error.retryAfterMs, 120, 'the 90th percentile of recent hold times');
    assert.equal(error.resetAt?.toISOString(), '2027-01-01T00:00:00.000Z');
    assert.equal(error.message, 'limit "budget": $0.0006 does not fit: $0.0006 of $0.001 used ($0.0006 of it reserved by calls in flight); room in 120 ms (the period resets at 2027-01-01T00:00:00.000Z)');
    await clock.advance(100);
    await held.settle({ usd: 0.00003 }); // the call in flight ends, as such calls do
    await clock.advance(error.retryAfterMs - 100);
    const retried = await acquire({ usd: 0.0006 });
    assert.ok(retried.waitedMs === 0);
  });

  it('once 64 hold times are known, the expected settle keeps following the recent ones (one settle in eight is timed)', async () => {
    const { clock, acquire, refusal } = setup([{ name: 'budget', unit: 'usd', limit: 0.001, window: 'month', action: 'reject', maxWaitMs: 0 }]);
    const hold = async (ms: number, calls: number): Promise<void> => {
      for (let i = 0; i < calls; i += 1) {
        const r = await acquire({ usd: 0.0001 });
        await clock.advance(ms);
        await r.settle({ usd: 0 });
      }
    };
    await hold(120, 64);
    await hold(300, 64 * 8);
    await acquire({ usd: 0.0006 });
    const error = await refusal({ usd: 0.0006 });
    assert.equal(error.retryAfterMs, 300, 'the 120 ms holds have left the sample');
  });

  it('a real exhaustion is refused at once with resetAt, in human units; the retry after retryAfterMs succeeds', async () => {
    const { clock, acquire, refusal } = setup([{ name: 'rpd', unit: 'requests', limit: 2, window: 'day', action: 'reject' }]);
    for (let i = 0; i < 2; i += 1) await (await acquire({ requests: 1 })).settle({ requests: 1 });
    const error = await refusal({ requests: 1 });
    assert.equal(error.message, 'limit "rpd": 1 request does not fit: 2 of 2 requests used; room in 18 h 14 min (the period resets at 2026-12-06T00:00:00.000Z)');
    assert.equal(error.retryAfterMs, Date.parse('2026-12-06T00:00:00Z') - clock.now());
    assert.equal(error.resetAt?.toISOString(), '2026-12-06T00:00:00.000Z');
    await clock.advance(error.retryAfterMs);
    await acquire({ requests: 1 });
  });

  it('a sliding window: retryAfterMs is when enough leaves the window; the retry then succeeds; no resetAt', async () => {
    const { clock, acquire, refusal } = setup([{ name: 'tpm', unit: 'tokens', limit: 1000, window: 'minute', action: 'reject' }]);
    await (await acquire({ tokens: 700 })).settle({ tokens: 700 });
    await clock.advance(20_000);
    await (await acquire({ tokens: 200 })).settle({ tokens: 200 });
    const error = await refusal({ tokens: 300 });
    assert.equal(error.retryAfterMs, 40_000);
    assert.equal(error.resetAt, undefined);
    assert.equal(error.message, 'limit "tpm": 300 tokens do not fit: 900 of 1000 tokens used; room in 40 s');
    await clock.advance(40_000);
    await acquire({ tokens: 300 });
  });

  it('a call bigger than the whole limit says so, with neither retryAfterMs nor resetAt', async () => {
    const { refusal } = setup([{ name: 'budget', unit: 'usd', limit: 0.001, window: 'month', action: 'reject' }]);
    const error = await refusal({ usd: 0.002 });
    assert.equal(error.message, 'limit "budget": the call alone needs $0.002, more than the whole limit of $0.001');
    assert.equal('retryAfterMs' in error || 'resetAt' in error, false);
  });

  it('durations read in their two largest units', () => {
    assert.deepEqual(
      [812, 4_210, 42_000, 185_000, 65_599_836, 2_315_000_000].map(humanDuration),
      ['812 ms', '4.3 s', '42 s', '3 min 5 s', '18 h 14 min', '26 d 20 h'],
      'rounded up: never sooner than the room comes',
    );
  });
});

describe('alerts on settled amounts (issue 19)', () => {
  it('reservations do not fire alerts; settled amounts do, with the reserved share beside them', async () => {
    const { alerts, acquire, limiter } = setup([{ name: 'budget', unit: 'usd', limit: 1, window: 'month', action: 'reject', alerts: [0.5, 0.8] }]);
    const a = await acquire({ usd: 0.45 });
    const b = await acquire({ usd: 0.45 });
    assert.equal(alerts.length, 0, '90 % reserved, nothing spent');
    await a.settle({ usd: 0.3 });
    assert.equal(alerts.length, 0, '30 % spent');
    const c: Reservation = await acquire({ usd: 0.2 });
    await b.settle({ usd: 0.25 });
    assert.deepEqual(alerts.map((e) => [e.threshold, e.used, e.reserved]), [[0.5, 0.55, 0.2]]);
    const [headroom] = await limiter.headroom(subject);
    assert.deepEqual([headroom!.spent, headroom!.reserved, headroom!.used], [0.55, 0.2, 0.75]);
    await c.settle({ usd: 0.3 });
    assert.deepEqual(alerts.map((e) => e.threshold), [0.5, 0.8]);
    assert.ok(Math.abs(alerts[1]!.used - 0.85) < 1e-9 && alerts[1]!.reserved === 0);
  });
});

describe('how long a call waits for reservations in flight', () => {
  it("a reject policy's maxWaitMs bounds its own wait, not a wait policy's longer one", async () => {
    const { clock, acquire } = setup([
      { name: 'rpm', unit: 'requests', limit: 1, window: 'minute', maxWaitMs: 3_600_000 },
      { name: 'budget', unit: 'usd', limit: 1, window: 'month', action: 'reject', maxWaitMs: 5_000 },
    ]);
    const first = await acquire({ requests: 1, usd: 0.9 });
    const behindRpm = watch(acquire({ requests: 1, usd: 0.05 }));
    await clock.advance(59_999);
    assert.equal(behindRpm.done, false, 'waits on the rolling minute longer than the budget policy would let it wait');
    await clock.advance(1);
    assert.equal(behindRpm.done && behindRpm.error, undefined, 'admitted when the minute slid');
    await clock.advance(60_000);
    const behindBudget = watch(acquire({ requests: 1, usd: 0.5 }));
    await clock.advance(4_999);
    assert.equal(behindBudget.done, false, 'waits for the reservation in flight');
    await clock.advance(1);
    assert.ok(RateLimitedError.isInstance(behindBudget.error), 'refused after the budget policy\'s 5 s');
    await first.settle({ requests: 1, usd: 0.1 });
  });
});

describe('a settle during a waiting call\'s store round trip', () => {
  it('is not lost: the call tries again at once instead of sleeping until its maxWaitMs', async () => {
    const clock = manualClock(Date.parse('2026-12-05T12:00:00Z'));
    const inner = memoryStore({ clock });
    // A store whose answers arrive late, as a shared store's do: each reserve is answered when the test says.
    const late: (() => void)[] = [];
    const store: LimitStore = {
      ...inner,
      reserve: (id, requests) => {
        const result = inner.reserve(id, requests);
        return new Promise<ReserveResult>((resolve) => late.push(() => void result.then(resolve)));
      },
    };
    const answer = async (): Promise<void> => {
      while (late.length) late.shift()!();
      await settle();
    };
    const limiter = createLimiter({ clock, store, policies: [{ name: 'budget', unit: 'usd', limit: 1, window: 'month', action: 'reject' }] });
    const a1 = limiter.acquire(subject, { usd: 0.5 });
    const a2 = limiter.acquire(subject, { usd: 0.5 });
    await answer();
    const [r1, r2] = await Promise.all([a1, a2]);
    const b = watch(limiter.acquire(subject, { usd: 0.6 }));
    await answer(); // blocked: waits for the reservations in flight
    await r1.settle({ usd: 0.3 }); // wakes b, whose attempt goes to the store…
    await settle();
    await r2.settle({ usd: 0.05 }); // …and this settle lands while that attempt is answered (still blocked)
    await answer();
    assert.equal(b.done, false);
    await answer(); // its next attempt, at once, fits
    assert.equal(b.done, true);
    assert.equal(b.error, undefined);
    await limiter.close();
  });
});
