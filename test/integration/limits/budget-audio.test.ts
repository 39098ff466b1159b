// Issue 14, item 1: a $0.005 budget in reject mode admitted 1 000 of 1 000 concurrent whisper-1 transcriptions
// and gpt-4o-mini-tts speeches, and its counter stayed at $0, on memory and Redis alike. Also: a call whose
// model has no price reserves, and settles, the operation's floor.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createAIClient } from '../../../src/client/index.js';
import { RateLimitedError } from '../../../src/errors/rate-limited-error.js';
import type { LimitStore } from '../../../src/limits/stores/limit-store.js';
import type { LimitsOptions } from '../../../src/limits/limits-options.js';
import { memoryStore } from '../../../src/limits/stores/memory-store.js';
import { gemini } from '../../../src/providers/gemini/index.js';
import { openai } from '../../../src/providers/openai/index.js';
import type { Simulator } from '../../../src/simulator/types.js';
import type { UsageEvent } from '../../../src/usage-event.js';
import { redisUnavailable } from '../../support/redis-available.js';
import { redisStores } from '../../support/redis-fixture.js';
import { fakeKey as geminiKey } from '../../support/providers/gemini.js';
import { fakeKey as openaiKey, wav } from '../../support/providers/openai.js';
import { useSimulator } from '../../support/use-simulator.js';

const CALLS = 1_000;
const CAP = 0.005;

type Client = ReturnType<typeof createAIClient>;

interface Outcome {
  readonly admitted: number;
  readonly spent: number;
  readonly used: number;
  readonly events: readonly UsageEvent[];
}

async function burst(sim: Simulator, store: LimitStore, calls: number, call: (ai: Client) => Promise<unknown>, limits: Partial<LimitsOptions> = {}): Promise<Outcome> {
  const ai = createAIClient({
    providers: { openai: openai({ baseURL: sim.openaiBaseURL }), gemini: gemini({ baseURL: sim.geminiBaseUrl }) },
    keys: { byProvider: { openai: openaiKey(), gemini: geminiKey() }, dotenv: false },
    limits: { policies: [{ name: `budget-${randomBytes(4).toString('hex')}`, unit: 'usd', limit: CAP, window: 'month', action: 'reject' }], store, adaptive: false, ...limits },
    retry: false,
    flushOnExit: false,
    env: {},
  });
  const events: UsageEvent[] = [];
  ai.on('usage', (e) => events.push(e));
  const outcomes = await Promise.allSettled(Array.from({ length: calls }, () => call(ai)));
  for (const o of outcomes) if (o.status === 'rejected') assert.ok(RateLimitedError.isInstance(o.reason), String(o.reason));
  const [counter] = (await ai.limits?.headroom({ provider: 'openai', model: 'any' })) ?? [];
  await ai.close();
  return {
    admitted: outcomes.filter((o) => o.status === 'fulfilled').length,
    spent: events.reduce((sum, e) => sum + (e.cost?.usd ?? 0), 0),
    used: counter?.used ?? NaN,
    events,
  };
}

function defects(store: () => LimitStore, sim: () => Simulator): void {
  it('a USD budget holds whisper-1 transcriptions (billed per minute) to the cap', async () => {
    const { admitted, spent, used } = await burst(sim(), store(), CALLS, (ai) => ai.transcribe({ model: 'openai:whisper-1', audio: wav(2) }));
    assert.ok(admitted > 0 && admitted < CALLS, `admitted ${admitted} of ${CALLS}`);
    assert.ok(spent <= CAP + 1e-12, `spent ${spent} of ${CAP}`);
    assert.ok(Math.abs(used - spent) < 1e-12, `the counter (${used}) holds what was billed (${spent})`);
  });

  it('a USD budget holds gpt-4o-mini-tts speech (billed per token) to the cap', async () => {
    const { admitted, spent, used } = await burst(sim(), store(), CALLS, (ai) => ai.speak({ model: 'openai:gpt-4o-mini-tts', voice: 'alloy', text: 'The quick brown fox jumps over the lazy dog, twice.' }));
    assert.ok(admitted > 0 && admitted < CALLS, `admitted ${admitted} of ${CALLS}`);
    assert.ok(spent <= CAP + 1e-12, `spent ${spent} of ${CAP}`);
    assert.ok(Math.abs(used - spent) < 1e-12, `the counter (${used}) holds what was billed (${spent})`);
  });

  it('a token limit holds gpt-4o-mini-transcribe and gpt-4o-mini-tts calls', async () => {
    const limits = () => ({ policies: [{ name: `tokens-${randomBytes(4).toString('hex')}`, unit: 'tokens' as const, limit: 500, window: 'month' as const, action: 'reject' as const }] });
    const heard = await burst(sim(), store(), 100, (ai) => ai.transcribe({ model: 'openai:gpt-4o-mini-transcribe', audio: wav(2) }), limits());
    const spoken = await burst(sim(), store(), 100, (ai) => ai.speak({ model: 'openai:gpt-4o-mini-tts', voice: 'alloy', text: 'Hello there, budget.' }), limits());
    for (const { admitted, events, used } of [heard, spoken]) {
      const tokens = events.reduce((sum, e) => sum + (e.usage.inputTokens?.value ?? 0) + (e.usage.outputTokens?.value ?? 0), 0);
      assert.ok(admitted > 0 && admitted < 100, `admitted ${admitted} of 100`);
      assert.ok(tokens <= 500, `billed ${tokens} tokens of 500`);
      assert.equal(used, tokens, 'the counter holds the tokens billed');
    }
  });

  it('a speech or chat stream cut by its consumer still settles what it was billed (an unknown figure at its reservation)', async () => {
    const text = 'The quick brown fox jumps over the lazy dog, twice. '.repeat(20);
    const cut = async (stream: AsyncIterable<unknown> & { final: Promise<unknown> }): Promise<unknown> => {
      for await (const _ of stream) break;
      return stream.final.catch(() => undefined);
    };
    const limits = () => ({ policies: [{ name: `usd-${randomBytes(4).toString('hex')}`, unit: 'usd' as const, limit: 1, window: 'month' as const, action: 'reject' as const }] });
    const speech = await burst(sim(), store(), 3, (ai) => cut(ai.streamSpeak({ model: 'openai:gpt-4o-mini-tts', voice: 'alloy', text })), limits());
    const chat = await burst(sim(), store(), 3, (ai) => cut(ai.streamChat({ model: 'openai:gpt-4o-mini', messages: [{ role: 'user', content: text }], maxOutputTokens: 200 })), limits());
    for (const [name, run] of [['streamSpeak', speech], ['streamChat', chat]] as const) {
      assert.equal(run.events.length, 3, `${name}: every cut call is metered (${run.events.length}, used ${run.used}, spent ${run.spent})`);
      assert.ok(run.used > 0, `${name}: the budget counts the cut calls (${run.used})`);
      assert.ok(run.used >= run.spent - 1e-12, `${name}: the counter (${run.used}) holds at least what the ledger prices (${run.spent})`);
    }
  });

  it('a call of a model without a price reserves and settles the floor, default or configured', async () => {
    const embed = (ai: Client): Promise<unknown> => ai.embed({ model: 'gemini:text-embedding-004', input: 'no price is known for this model' });
    const byDefault = await burst(sim(), store(), 100, embed);
    assert.equal(byDefault.admitted, 50, 'the embed floor is $0.0001: 50 fit in $0.005');
    assert.ok(Math.abs(byDefault.used - 50 * 0.0001) < 1e-12, `the counter holds 50 floors (${byDefault.used})`);
    const configured = await burst(sim(), store(), 100, embed, { reserveFloor: { embed: { usd: 0.001 } } });
    assert.equal(configured.admitted, 5);
    assert.ok(Math.abs(configured.used - 0.005) < 1e-12);
  });
}

describe('budgets on transcription and token-billed speech (issue 14, item 1)', { timeout: 120_000 }, () => {
  const sim = useSimulator({}, { resetEach: false });

  describe('memory store', () => defects(() => memoryStore(), () => sim));

  describe('Redis store', async () => {
    const skip = await redisUnavailable();
    const prefix = `aimeter-test:budget-audio:${randomBytes(4).toString('hex')}:`;
    describe('', { skip }, () => {
      const store = redisStores(prefix);
      defects(store, () => sim);
    });
  });
});
