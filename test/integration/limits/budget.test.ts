// 1 000 parallel calls against a budget, through the real SDKs and the simulator. The simulator's own log is
// the measure: what it served never exceeds the budget by more than one call's reservation.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { createAIClient } from '../../../src/client/index.js';
import { RateLimitedError } from '../../../src/errors/rate-limited-error.js';
import type { LimitedEvent, QuotaEvent } from '../../../src/events.js';
import { elevenlabs } from '../../../src/providers/elevenlabs/index.js';
import { openai } from '../../../src/providers/openai/index.js';
import { startSimulator } from '../../../src/simulator/index.js';
import type { Simulator } from '../../../src/simulator/types.js';
import { manualClock } from '../../support/limits-clock.js';
import { assertNoKey } from '../../support/keys.js';
import { useSimulator } from '../../support/use-simulator.js';

const CALLS = 1_000;
const VOICE = '21m00Tcm4TlvDq8ikWAM';

describe('1 000 parallel calls against a budget', () => {
  describe('reject mode: ElevenLabs credits per month', () => {
    const sim = useSimulator({}, { resetEach: false });

    it('serves at most the budget; every other call is refused with RateLimitedError', async () => {
      const key = `sk_${randomBytes(24).toString('hex')}`;
      const budget = 5_000;
      const ai = createAIClient({
        providers: { elevenlabs: elevenlabs({ baseURL: sim.elevenlabsBaseUrl }) },
        keys: { byProvider: { elevenlabs: key } },
        limits: { policies: [{ name: 'tts-budget', unit: 'credits', limit: budget, window: 'month', action: 'reject', alerts: [0.5, 1] }] },
        flushOnExit: false,
      });
      const alerts: QuotaEvent[] = [];
      ai.on('quota', (e) => alerts.push(e));
      const text = 'The quick brown fox jumps over the lazy dog, twice.'; // 51 characters → 26 credits on Flash
      const reservation = Math.ceil(text.length * 0.5);
      const outcomes = await Promise.allSettled(Array.from({ length: CALLS }, () => ai.speak({ model: 'elevenlabs:eleven_flash_v2_5', voice: VOICE, text })));
      await sim.settled();
      const served = sim.requests.filter((r) => r.operation === 'speak' && r.status === 200);
      const credits = served.reduce((sum, r) => sum + (r.usage as { 'character-cost': number })['character-cost'], 0);
      assert.ok(credits <= budget + reservation, `served ${credits} credits of ${budget}`);
      assert.equal(served.length, Math.floor(budget / reservation), 'the estimate is exact, so the budget is filled to the last whole call');
      const refused = outcomes.filter((o) => o.status === 'rejected');
      assert.equal(refused.length, CALLS - served.length);
      assert.ok(refused.every((o) => RateLimitedError.isInstance(o.reason) && o.reason.policy === 'tts-budget'));
      assert.deepEqual(alerts.map((a) => a.threshold), [0.5], 'the 100 % alert needs the budget full; 26-credit calls stop at 4 992');
      const [left] = (await ai.limits?.headroom({ provider: 'elevenlabs', model: 'eleven_flash_v2_5' })) ?? [];
      assert.equal(left?.used, credits, 'settled to what the simulator billed');
      assertNoKey(key, refused.map((o) => (o.status === 'rejected' ? (o.reason as unknown) : undefined)), alerts);
      await ai.close();
    });
  });

  // Limiter and simulator share a clock the test moves: it jumps to the next minute only once every call
  // admitted in this one has been served, so a request's arrival time is always in the window that admitted it.
  describe('wait mode: OpenAI tokens per minute, on a shared hand-moved clock', () => {
    let sim: Simulator | undefined;
    after(() => sim?.close());

    it('all calls complete, and each minute the simulator served at most the limit plus one reservation', async () => {
      const clock = manualClock(Date.parse('2026-06-01T10:00:00Z'));
      sim = await startSimulator({ now: () => clock.now() });
      const key = `sk-proj-${randomBytes(16).toString('hex')}`;
      const limit = 7_500;
      const ai = createAIClient({
        providers: { openai: openai({ baseURL: sim.openaiBaseURL }) },
        keys: { byProvider: { openai: key } },
        limits: { clock, policies: [{ name: 'tpm', unit: 'tokens', limit, window: { unit: 'minute', type: 'fixed' }, maxWaitMs: 3_600_000 }] },
        flushOnExit: false,
      });
      let completed = 0;
      ai.on('usage', () => (completed += 1));
      const limited: LimitedEvent[] = [];
      ai.on('limited', (e) => limited.push(e));
      const messages = [{ role: 'user' as const, content: 'Hello, world!' }];
      const reservation = 4 + 3 * 2 + 5; // prompt estimate + chat format + maxOutputTokens
      const all = Promise.all(Array.from({ length: CALLS }, () => ai.chat({ model: 'openai:gpt-4o-mini', messages, maxOutputTokens: 5 })));
      const perWindow = Math.floor(limit / reservation);
      for (let window = 1; completed < CALLS; window += 1) {
        while (completed < Math.min(CALLS, perWindow * window)) await new Promise((resolve) => setImmediate(resolve));
        await sim.settled();
        if (completed < CALLS) await clock.advance(60_000);
      }
      const replies = await all;
      assert.equal(replies.length, CALLS);
      const served = sim.requests.filter((r) => r.status === 200);
      assert.equal(served.length, CALLS, 'no request was refused by the simulator or retried');
      const perMinute = new Map<number, number>();
      for (const r of served) {
        const usage = r.usage as { prompt_tokens: number; completion_tokens: number };
        assert.ok(usage.prompt_tokens + usage.completion_tokens <= reservation, 'the reservation covers what was billed');
        const minute = r.time - (r.time % 60_000);
        perMinute.set(minute, (perMinute.get(minute) ?? 0) + usage.prompt_tokens + usage.completion_tokens);
      }
      for (const [minute, tokens] of perMinute) assert.ok(tokens <= limit + reservation, `${new Date(minute).toISOString()}: ${tokens} tokens`);
      assert.equal(perMinute.size, Math.ceil(CALLS / perWindow));
      assert.ok(limited.length > 0 && limited.every((e) => e.action === 'wait' && e.policy === 'tpm'));
      await ai.close();
    });
  });
});
