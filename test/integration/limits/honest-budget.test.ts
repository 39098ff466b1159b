// Issue 19: 200 concurrent chats against a $0.001 customer budget, through the real OpenAI SDK and the simulator,
// on the memory store and on a real Redis. Exact mode never overshoots; estimate mode admits nearly every call
// the cap allows and overshoots by no more than its stated bound. Every refusal is a real exhaustion (what is
// settled plus the call's reservation exceeds the cap) with resetAt, and alerts fire on settled dollars only.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createAIClient } from '../../../src/client/index.js';
import { RateLimitedError } from '../../../src/errors/rate-limited-error.js';
import type { QuotaEvent } from '../../../src/events.js';
import type { LimitStore } from '../../../src/limits/stores/limit-store.js';
import type { ReservationMode } from '../../../src/limits/policy/output-estimate.js';
import { memoryStore } from '../../../src/limits/stores/memory-store.js';
import { redisStore } from '../../../src/limits/stores/redis/redis-store.js';
import { openai } from '../../../src/providers/openai/index.js';
import { redisUnavailable, REDIS_URL } from '../../support/redis-available.js';
import { redisFixture } from '../../support/redis-fixture.js';
import { useSimulator } from '../../support/use-simulator.js';
import { watchedStore } from '../../support/watched-store.js';

const CALLS = 200;
const CAP = 0.001;
const THRESHOLDS = [0.5, 0.8];
const skipRedis = await redisUnavailable();
const RUN = `aimeter-test:${process.pid}:${randomBytes(4).toString('hex')}:`;

interface Outcome {
  readonly admitted: number;
  readonly spent: number;
  readonly costs: readonly number[];
  readonly excess: number;
  readonly inFlightAtLastAdmission: number;
}

/** Runs the burst; checks what holds in both modes (refusals, alerts); returns the figures each mode checks. */
async function burst(sim: ReturnType<typeof useSimulator>, base: LimitStore, reservation: ReservationMode): Promise<Outcome> {
  const { store, watch } = watchedStore(base, 'customer-usd|');
  const ai = createAIClient({
    providers: { openai: openai({ baseURL: sim.openaiBaseURL }) },
    keys: { byProvider: { openai: `sk-proj-${randomBytes(16).toString('hex')}` } },
    limits: {
      store,
      reservation,
      policies: [{ name: 'customer-usd', unit: 'usd', limit: CAP, window: 'month', scope: { per: ['tag:customer'] }, action: 'reject', alerts: THRESHOLDS }],
    },
    flushOnExit: false,
  });
  const costs: number[] = [];
  ai.on('usage', (e) => costs.push(e.cost?.usd ?? Number.NaN));
  const alerts: QuotaEvent[] = [];
  ai.on('quota', (e) => alerts.push(e));
  const started = Date.now();
  const outcomes = await Promise.allSettled(
    Array.from({ length: CALLS }, (_, i) =>
      ai.chat({ model: 'openai:gpt-4o-mini', maxOutputTokens: 1024, tags: { customer: 'acme' }, messages: [{ role: 'user', content: `Question ${i}: ${'tell me more '.repeat(i % 5)}` }] }),
    ),
  );
  const ended = Date.now();
  await ai.flush();
  const [headroom] = (await ai.limits?.headroom({ provider: 'openai', model: 'gpt-4o-mini', tags: { customer: 'acme' } })) ?? [];
  await ai.close();

  const spent = costs.reduce((a, b) => a + b, 0);
  assert.ok(costs.every((c) => c > 0), 'every served call is priced');
  assert.ok(Math.abs((headroom?.spent ?? Number.NaN) - spent) < 1e-12 && headroom?.reserved === 0, `the limiter settled what was billed: ${JSON.stringify(headroom)}`);
  const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => o.reason as unknown);
  assert.equal(costs.length + refused.length, CALLS);
  // Every refusal: ours, with resetAt at the next month, retryAfterMs until then, in human units, and a real exhaustion.
  const now = new Date(started);
  const resetAt = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  for (const error of refused) {
    assert.ok(RateLimitedError.isInstance(error) && error.policy === 'customer-usd', String(error));
    assert.equal(error.resetAt?.getTime(), resetAt);
    assert.ok(error.retryAfterMs! <= resetAt - started && error.retryAfterMs! >= resetAt - ended - 1, `retryAfterMs ${error.retryAfterMs}`);
    assert.match(error.message, /^limit "customer-usd" for customer=acme: \$[\d.e-]+ does not fit: \$[\d.e-]+ of \$0\.001 used; room in \d+ d( \d+ h)? \(the period resets at /);
  }
  const never = [...watch.reservations.values()].filter((r) => r.settled === undefined);
  // A call refused in estimate mode tries again with a smaller estimate, under a new reservation id.
  assert.ok(never.length >= refused.length, 'each refused call is a reservation never admitted');
  for (const r of never) {
    assert.ok(r.last && !r.last.ok, 'its last answer was a refusal');
    const settled = r.last.used - r.last.inFlight;
    assert.ok(r.last.inFlight === 0 || settled + r.amount > CAP, 'not blocked by reservations in flight alone');
    assert.ok(settled + r.amount > CAP + 1e-12, `a real exhaustion: ${settled} settled + ${r.amount} > ${CAP}`);
  }
  // Alerts: exactly the thresholds the settled dollars reached, each once, each on settled dollars.
  assert.deepEqual(alerts.map((a) => a.threshold).sort(), THRESHOLDS.filter((t) => spent >= t * CAP - 1e-12));
  for (const a of alerts) assert.ok(a.used >= a.threshold * CAP - 1e-12 && a.used <= spent + 1e-12 && a.reserved >= 0, JSON.stringify(a));
  const excess = Math.max(0, ...[...watch.reservations.values()].map((r) => (r.settled ?? 0) - r.amount));
  return { admitted: costs.length, spent, costs, excess, inFlightAtLastAdmission: watch.inFlightAtLastAdmission };
}

function checkExact(o: Outcome): void {
  assert.ok(o.spent <= CAP + 1e-12, `0 overshoot: spent ${o.spent} of ${CAP}`);
  assert.equal(o.excess, 0, 'no call settled above its reservation');
}

function checkEstimate(o: Outcome): void {
  const bound = o.inFlightAtLastAdmission * o.excess;
  assert.ok(o.spent - CAP <= bound + 1e-12, `overshoot ${o.spent - CAP} ≤ ${o.inFlightAtLastAdmission} in flight × ${o.excess}`);
  const mean = o.costs.reduce((a, b) => a + b, 0) / o.costs.length;
  const allowed = Math.min(CALLS, Math.floor(CAP / mean));
  assert.ok(o.admitted >= 0.9 * allowed, `admitted ${o.admitted} of the ${allowed} calls the cap allows`);
}

describe('200 concurrent chats against a $0.001 customer budget (issue 19)', () => {
  const sim = useSimulator({ replyWords: 40 });

  describe('memory store', () => {
    it('exact mode: never overshoots; every refusal is a real exhaustion with resetAt', async () => {
      checkExact(await burst(sim, memoryStore(), 'exact'));
    });

    it('estimate mode: ≥ 90 % of the calls the cap allows, overshoot within the bound', async () => {
      const exact = await burst(sim, memoryStore(), 'exact');
      const estimate = await burst(sim, memoryStore(), 'estimate');
      checkEstimate(estimate);
      assert.ok(estimate.admitted > exact.admitted, `estimate ${estimate.admitted} > exact ${exact.admitted}`);
    });

    it('estimate mode seeded far too low: the overshoot is real, and still within the bound', async () => {
      const o = await burst(sim, memoryStore(), { seedOutputTokens: 2 });
      assert.ok(o.excess > 0 && o.spent > CAP, `a real overshoot: spent ${o.spent}, excess ${o.excess}`);
      checkEstimate(o);
    });
  });

  describe('Redis store', { skip: skipRedis }, () => {
    const { opened } = redisFixture(RUN);
    let n = 0;
    const store = (): LimitStore => {
      const s = redisStore({ url: REDIS_URL, prefix: `${RUN}${++n}:` });
      opened.push(s);
      return s;
    };

    it('exact mode: never overshoots; every refusal is a real exhaustion with resetAt', async () => {
      checkExact(await burst(sim, store(), 'exact'));
    });

    it('estimate mode: ≥ 90 % of the calls the cap allows, overshoot within the bound', async () => {
      checkEstimate(await burst(sim, store(), 'estimate'));
    });
  });
});
