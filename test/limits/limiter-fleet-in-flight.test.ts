// Issue 19 across processes: two limiters sharing one real Redis. A call blocked only by another process's
// reservation in flight waits for it (re-checking every pollMs: that settle wakes nobody here) instead of
// being refused; one blocked by what is settled is refused at once with resetAt.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { RateLimitedError } from '../../src/errors/rate-limited-error.js';
import { createLimiter } from '../../src/limits/limiter.js';
import type { LimitPolicy } from '../../src/limits/policy/limit-policy.js';
import { redisStore } from '../../src/limits/stores/redis/redis-store.js';
import { redisUnavailable, REDIS_URL } from '../support/redis-available.js';
import { redisFixture } from '../support/redis-fixture.js';

const RUN = `aimeter-test:${process.pid}:${randomBytes(4).toString('hex')}:`;
const skip = await redisUnavailable();
const subject = { provider: 'openai', model: 'gpt-4o-mini', operation: 'chat', tags: { customer: 'acme' } } as const;
const policies: LimitPolicy[] = [{ name: 'budget', unit: 'usd', limit: 0.001, window: 'month', scope: { per: ['tag:customer'] }, action: 'reject' }];

describe('reservations in flight in another process (Redis)', { skip }, () => {
  const { opened } = redisFixture(RUN);
  const limiter = () => {
    const store = redisStore({ url: REDIS_URL, prefix: `${RUN}fleet:` });
    opened.push(store);
    return createLimiter({ policies, store, pollMs: 20 });
  };

  it('waits for the other process to settle, then fits; a settled exhaustion is refused with resetAt', async () => {
    const [a, b] = [limiter(), limiter()];
    const held = await a.acquire(subject, { usd: 0.0006 });
    let admitted = false;
    const waiting = b.acquire(subject, { usd: 0.0006 }).then((r) => {
      admitted = true;
      return r;
    });
    // Several of b's polls go by while a's reservation is in flight.
    for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(admitted, false, 'still waiting while the reservation is in flight');
    await held.settle({ usd: 0.00002 });
    const second = await waiting;
    await second.settle({ usd: 0.0006 });
    const [headroom] = await a.headroom(subject);
    assert.ok(Math.abs(headroom!.spent - 0.00062) < 1e-12 && headroom!.reserved === 0, JSON.stringify(headroom));
    const before = Date.now();
    const refused = await a.acquire(subject, { usd: 0.0006 }).catch((e: unknown) => e);
    assert.ok(RateLimitedError.isInstance(refused), String(refused));
    const now = new Date(before);
    const reset = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
    assert.equal(refused.resetAt?.getTime(), reset);
    assert.ok(refused.retryAfterMs! <= reset - before && refused.retryAfterMs! > reset - Date.now() - 1_000, `retryAfterMs ${refused.retryAfterMs}`);
    assert.match(refused.message, /\$0\.0006 does not fit: \$0\.00062 of \$0\.001 used; room in \d+ d/);
  });
});
