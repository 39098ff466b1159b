// The limiter with the memory store and a hand-moved clock: every window kind, wait and reject, fair order,
// reserve → settle, alerts once per window, queries.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AbortedError } from '../../src/errors/aborted-error.js';
import { ConfigError } from '../../src/errors/config-error.js';
import { RateLimitedError } from '../../src/errors/rate-limited-error.js';
import type { QuotaEvent } from '../../src/events.js';
import { createLimiter, type LimitNotice, type Reservation } from '../../src/limits/limiter.js';
import type { LimitPolicy } from '../../src/limits/policy/limit-policy.js';
import type { LimitSubject } from '../../src/limits/policy/limit-scope.js';
import { manualClock, settle } from '../support/limits-clock.js';
import { watch } from '../support/deferred.js';

const subject: LimitSubject = { provider: 'gemini', model: 'gemini-2.5-flash', operation: 'chat', tags: { customer: 'acme' } };
const one = { requests: 1 };

function setup(policies: LimitPolicy[], start = Date.parse('2026-03-08T12:00:00Z')) {
  const clock = manualClock(start);
  const limiter = createLimiter({ policies, clock });
  const notices: LimitNotice[] = [];
  const alerts: QuotaEvent[] = [];
  const acquire = (amounts: Record<string, number> = one, who: LimitSubject = subject, signal?: AbortSignal) =>
    limiter.acquire(who, amounts, { signal, onLimited: (n) => notices.push(n), onAlert: (e) => alerts.push(e) });
  return { clock, limiter, notices, alerts, acquire };
}

describe('limiter (memory store, manual clock)', () => {
  it('a sliding minute admits the next call exactly when the oldest leaves the window', async () => {
    const { clock, acquire, notices } = setup([{ name: 'rpm', unit: 'requests', limit: 2, window: 'minute' }]);
    await acquire();
    await clock.advance(10_000);
    await acquire();
    const third = watch(acquire());
    await clock.advance(49_999);
    assert.equal(third.done, false);
    await clock.advance(1);
    assert.equal(third.done, true);
    assert.equal((third.value as Reservation).waitedMs, 50_000);
    assert.deepEqual(notices, [{ policy: 'rpm', scope: '', unit: 'requests', action: 'wait', waitMs: 50_000 }]);
  });

  it('a fixed minute resets at the minute boundary', async () => {
    const { clock, acquire } = setup([{ name: 'rpm', unit: 'requests', limit: 1, window: { unit: 'minute', type: 'fixed' } }], Date.parse('2026-01-01T00:00:45Z'));
    await acquire();
    const next = watch(acquire());
    await clock.advance(14_999);
    assert.equal(next.done, false);
    await clock.advance(1);
    assert.equal(next.done, true);
  });

  it('a Pacific day resets at midnight Pacific, 23 hours after the previous one on the spring DST day', async () => {
    const policy: LimitPolicy = { name: 'rpd', unit: 'requests', limit: 1, window: { unit: 'day', timeZone: 'America/Los_Angeles' }, maxWaitMs: 2 * 86_400_000 };
    const { clock, acquire } = setup([policy], Date.parse('2026-03-08T08:00:00Z')); // midnight PST, the day clocks spring forward
    await acquire();
    const next = watch(acquire());
    await clock.advance(23 * 3_600_000 - 1);
    assert.equal(next.done, false);
    await clock.advance(1);
    assert.equal(next.done, true, 'the 23-hour day is over at 2026-03-09T07:00Z');
    assert.equal(clock.now(), Date.parse('2026-03-09T07:00:00Z'));
  });

  it('a month anchored on the 31st ends on the last day of February', async () => {
    const policy: LimitPolicy = { name: 'credits', unit: 'credits', limit: 100, window: { unit: 'month', anchorDay: 31 }, action: 'reject' };
    const { clock, acquire } = setup([policy], Date.parse('2026-02-27T23:00:00Z'));
    await (await acquire({ credits: 100 })).settle({ credits: 100 });
    const refused = await acquire({ credits: 1 }).catch((e: unknown) => e);
    assert.ok(RateLimitedError.isInstance(refused));
    assert.equal(refused.retryAfterMs, 3_600_000, 'room at 2026-02-28T00:00Z');
    assert.equal(refused.resetAt?.toISOString(), '2026-02-28T00:00:00.000Z');
    assert.equal(refused.message, 'limit "credits": 1 credit does not fit: 100 of 100 credits used; room in 1 h (the period resets at 2026-02-28T00:00:00.000Z)');
    await clock.set(Date.parse('2026-02-28T00:00:00Z'));
    await acquire({ credits: 100 });
  });

  it('reject refuses at once with retryAfterMs; maxWaitMs refuses a wait that is too long', async () => {
    const { acquire, notices } = setup([
      { name: 'rps', unit: 'requests', limit: 1, window: 'second', action: 'reject', scope: { provider: 'gemini' } },
      { name: 'rpd', unit: 'requests', limit: 1, window: 'day', maxWaitMs: 1_000, scope: { provider: 'openai' } },
    ]);
    await acquire();
    const refused = await acquire().catch((e: unknown) => e);
    assert.ok(RateLimitedError.isInstance(refused));
    assert.deepEqual([refused.policy, refused.unit, refused.retryAfterMs], ['rps', 'requests', 1_000]);
    const openaiSubject = { provider: 'openai', model: 'gpt-4o-mini' };
    await (await acquire(one, openaiSubject)).settle(one);
    const tooLong = await acquire(one, openaiSubject).catch((e: unknown) => e);
    assert.ok(RateLimitedError.isInstance(tooLong) && tooLong.policy === 'rpd');
    assert.deepEqual(notices.map((n) => [n.policy, n.action]), [['rps', 'reject'], ['rpd', 'reject']]);
  });

  it('a call bigger than the whole limit is refused at once, even in wait mode', async () => {
    const { acquire } = setup([{ name: 'tpm', unit: 'tokens', limit: 100, window: 'minute' }]);
    const error = await acquire({ tokens: 101 }).catch((e: unknown) => e);
    assert.ok(RateLimitedError.isInstance(error));
    assert.equal(error.retryAfterMs, undefined);
  });

  it('waiters are served in arrival order: a small late call does not overtake a big early one', async () => {
    const { clock, acquire } = setup([{ name: 'tpm', unit: 'tokens', limit: 10, window: 'minute', maxWaitMs: 300_000 }]);
    await acquire({ tokens: 8 });
    const order: string[] = [];
    const big = acquire({ tokens: 10 }).then(() => order.push('big'));
    await settle();
    const small = acquire({ tokens: 1 }).then(() => order.push('small'));
    await settle();
    assert.deepEqual(order, [], 'the small call fits (8 + 1 ≤ 10) but must queue behind the big one');
    await clock.advance(60_000);
    await big;
    assert.deepEqual(order, ['big']);
    await clock.advance(60_000);
    await small;
    assert.deepEqual(order, ['big', 'small']);
  });

  it('settle refunds an over-estimate and charges an under-estimate', async () => {
    const { limiter, acquire } = setup([{ name: 'tpm', unit: 'tokens', limit: 1000, window: 'minute' }]);
    const a = await acquire({ tokens: 600 });
    await a.settle({ tokens: 150 });
    const b = await acquire({ tokens: 100 });
    await b.settle({ tokens: 300 });
    await b.settle({ tokens: 999 }); // idempotent: the second settle is ignored
    const [headroom] = await limiter.headroom(subject);
    assert.equal(headroom!.used, 450);
    assert.equal(headroom!.remaining, 550);
  });

  it('a settle wakes a waiter at once, even when the window resets later than maxWaitMs', async () => {
    const { acquire } = setup([{ name: 'usd', unit: 'usd', limit: 1, window: 'month' }]);
    const first = await acquire({ usd: 0.9 });
    const second = watch(acquire({ usd: 0.5 }));
    await settle();
    assert.equal(second.done, false);
    await first.settle({ usd: 0.2 });
    await settle();
    assert.equal(second.done, true);
  });

  it('concurrency: a slot frees when its call settles', async () => {
    const { acquire } = setup([{ name: 'tts-slots', unit: 'concurrent', limit: 2 }]);
    const a = await acquire();
    await acquire();
    const c = watch(acquire());
    await settle();
    assert.equal(c.done, false);
    await a.settle({});
    await settle();
    assert.equal(c.done, true);
  });

  it('with nothing in flight, a wait longer than maxWaitMs is refused at once', async () => {
    const { acquire } = setup([{ name: 'usd', unit: 'usd', limit: 1, window: 'month' }]);
    const first = await acquire({ usd: 0.9 });
    await first.settle({ usd: 0.9 });
    const refused = await acquire({ usd: 0.5 }).catch((e: unknown) => e);
    assert.ok(RateLimitedError.isInstance(refused));
  });

  it('an abort while waiting rejects with AbortedError and leaves the queue to the next caller', async () => {
    const { clock, acquire } = setup([{ name: 'rpm', unit: 'requests', limit: 1, window: 'minute' }]);
    await acquire();
    const controller = new AbortController();
    const aborted = watch(acquire(one, subject, controller.signal));
    const next = watch(acquire());
    await settle();
    controller.abort();
    await settle();
    assert.ok(AbortedError.isInstance(aborted.error));
    await clock.advance(60_000);
    assert.equal(next.done, true);
    assert.equal(next.error, undefined);
    assert.equal(clock.pending, 0, 'no sleep left behind');
  });

  it('counts per partition: each customer has its own budget', async () => {
    const { acquire, limiter } = setup([{ name: 'budget', unit: 'usd', limit: 1, window: 'month', scope: { per: ['tag:customer'] }, action: 'reject' }]);
    await (await acquire({ usd: 1 })).settle({ usd: 1 });
    const other = { ...subject, tags: { customer: 'globex' } };
    await (await acquire({ usd: 1 }, other)).settle({ usd: 1 });
    const refused = await acquire({ usd: 0.01 }).catch((e: unknown) => e);
    assert.ok(RateLimitedError.isInstance(refused) && refused.scope === 'customer=acme');
    const [acme] = await limiter.headroom(subject);
    assert.deepEqual([acme!.scope, acme!.remaining, acme!.resetAt?.toISOString()], ['customer=acme', 0, '2026-04-01T00:00:00.000Z']);
  });

  it('scopes filter by provider, model, operation and tags', async () => {
    const { limiter } = setup([
      { name: 'gemini-flash', unit: 'requests', limit: 1, window: 'minute', scope: { provider: 'gemini', model: ['gemini-2.5-flash'] } },
      { name: 'speech', unit: 'characters', limit: 1, window: 'minute', scope: { operation: ['speak', 'streamSpeak'] } },
      { name: 'vip', unit: 'requests', limit: 1, window: 'minute', scope: { tags: { tier: 'vip' } } },
    ]);
    assert.deepEqual((await limiter.headroom(subject)).map((h) => h.policy), ['gemini-flash']);
    assert.deepEqual((await limiter.headroom({ provider: 'openai', model: 'tts-1', operation: 'speak', tags: { tier: 'vip' } })).map((h) => h.policy), ['speech', 'vip']);
  });

  it('alerts fire once per window at each threshold, and again in the next window', async () => {
    const { clock, acquire, alerts } = setup([{ name: 'monthly', unit: 'credits', limit: 100, window: 'month', alerts: [0.5, 0.8, 1] }], Date.parse('2026-03-31T12:00:00Z'));
    for (const credits of [40, 20, 5, 15, 20]) await (await acquire({ credits })).settle({ credits });
    assert.deepEqual(alerts.map((a) => [a.threshold, a.used, a.reserved]), [[0.5, 60, 0], [0.8, 80, 0], [1, 100, 0]]);
    assert.equal(alerts[0]!.resetAt?.toISOString(), '2026-04-01T00:00:00.000Z');
    await clock.set(Date.parse('2026-04-01T00:00:00Z'));
    await (await acquire({ credits: 55 })).settle({ credits: 55 });
    await (await acquire({ credits: 1 })).settle({ credits: 1 });
    assert.deepEqual(alerts.map((a) => a.threshold), [0.5, 0.8, 1, 0.5]);
  });

  it('canAfford checks without reserving', async () => {
    const { limiter, acquire } = setup([{ name: 'chars', unit: 'characters', limit: 1000, window: 'month', scope: { per: ['tag:customer'] } }]);
    await acquire({ characters: 900 });
    assert.deepEqual(await limiter.canAfford(subject, { characters: 100 }), { ok: true });
    const verdict = await limiter.canAfford(subject, { characters: 101 });
    assert.equal(verdict.ok, false);
    assert.deepEqual([verdict.blockedBy?.policy, verdict.blockedBy?.remaining, verdict.blockedBy?.needed], ['chars', 100, 101]);
    assert.equal((await limiter.headroom(subject))[0]!.used, 900);
  });

  it('rejects invalid policies with ConfigError naming the field', () => {
    const field = (policies: unknown): string | undefined => {
      try {
        createLimiter({ policies: policies as LimitPolicy[] });
      } catch (error) {
        return ConfigError.isInstance(error) ? error.field : 'not a ConfigError';
      }
      return undefined;
    };
    assert.equal(field([{ name: 'a', unit: 'requests', limit: 1 }]), 'limits.policies[0].window');
    assert.equal(field([{ name: 'a', unit: 'bananas', limit: 1, window: 'minute' }]), 'limits.policies[0].unit');
    assert.equal(field([{ name: 'a', unit: 'requests', limit: 0, window: 'minute' }]), 'limits.policies[0].limit');
    assert.equal(field([{ name: 'a', unit: 'concurrent', limit: 1 }, { name: 'a', unit: 'concurrent', limit: 1 }]), 'limits.policies[1].name');
    assert.equal(field([{ name: 'a', unit: 'usd', limit: 1, window: 'month', alerts: [0] }]), 'limits.policies[0].alerts');
    assert.equal(field([{ name: 'a', unit: 'usd', limit: 1, window: 'month', scope: { per: ['customer'] } }]), 'limits.policies[0].scope.per[0]');
    assert.equal(field([{ name: 'a', unit: 'usd', limit: 1, window: 'month', action: 'drop' }]), 'limits.policies[0].action');
  });
});

describe('estimate of a call', () => {
  it('chat: prompt tokens with the chat format, plus maxOutputTokens (or the default); speech: characters and credits', async () => {
    const { estimateCall } = await import('../../src/limits/policy/estimate-usage.js');
    const { testContext } = await import('../support/context.js');
    const chat = testContext();
    assert.deepEqual(estimateCall(chat).amounts, { requests: 1, inputTokens: 1 + 3 * 2, outputTokens: 1024, tokens: 1031, usd: 0.01 }, 'only the units a chat bills; no price known: the chat floor');
    const speech = { ...testContext(), operation: 'speak', provider: 'elevenlabs', model: 'eleven_flash_v2_5', request: { model: 'elevenlabs:eleven_flash_v2_5', voice: 'v', text: 'héllo 👋' } } as unknown as Parameters<typeof estimateCall>[0];
    const amounts = estimateCall(speech).amounts;
    assert.deepEqual([amounts.characters, amounts.credits], [7, 4]);
  });
});
