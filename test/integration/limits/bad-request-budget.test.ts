// A $0.001 budget against 100 parallel OpenAI chats through the real SDK and the simulator. Before, a
// maxOutputTokens of NaN, a negative number or a string reserved nothing (NaN / negative amounts are skipped,
// '100' became '7' + '100'), so every call was admitted and billed; now each is a ConfigError before anything
// is reserved or sent, and the budget still holds for valid calls.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createAIClient, type AIClient } from '../../../src/client/index.js';
import { ConfigError } from '../../../src/errors/config-error.js';
import { RateLimitedError } from '../../../src/errors/rate-limited-error.js';
import { openai } from '../../../src/providers/openai/index.js';
import { startSimulator } from '../../../src/simulator/index.js';
import type { Simulator } from '../../../src/simulator/types.js';
import { assertNoKey } from '../../support/keys.js';

const CALLS = 100;
const BUDGET_USD = 0.001;
// gpt-4o-mini: $0.15 per million input tokens, $0.60 per million output tokens.
const usdOf = (usage: { prompt_tokens: number; completion_tokens: number }): number => (usage.prompt_tokens * 0.15 + usage.completion_tokens * 0.6) / 1e6;

describe('a USD budget is not bypassed by a malformed maxOutputTokens', () => {
  let sim: Simulator;
  let ai: AIClient;
  const key = `sk-proj-${randomBytes(16).toString('hex')}`;
  before(async () => {
    sim = await startSimulator();
    ai = createAIClient({
      providers: { openai: openai({ baseURL: sim.openaiBaseURL }) },
      keys: { byProvider: { openai: key } },
      limits: { policies: [{ name: 'usd', unit: 'usd', limit: BUDGET_USD, window: 'month', action: 'reject' }] },
      retry: false,
      flushOnExit: false,
    });
  });
  after(async () => {
    await ai.close();
    await sim.close();
  });

  const messages = [{ role: 'user' as const, content: 'Write a long story about the sea.' }];
  const BAD: [string, unknown][] = [
    ['NaN', Number.NaN],
    ['a negative number', -1],
    ['a string', '100'],
  ];
  for (const [what, value] of BAD) {
    it(`${what}: all ${CALLS} calls fail with ConfigError naming request.maxOutputTokens; none reaches the provider`, async () => {
      const before = sim.requests.length;
      const outcomes = await Promise.allSettled(
        Array.from({ length: CALLS }, (_, i) =>
          i % 2 === 0
            ? ai.chat({ model: 'openai:gpt-4o-mini', messages, maxOutputTokens: value as number })
            : collect(ai.streamChat({ model: 'openai:gpt-4o-mini', messages, maxOutputTokens: value as number })),
        ),
      );
      await sim.settled();
      assert.equal(sim.requests.length - before, 0, `the provider served ${sim.requests.length - before} calls`);
      for (const outcome of outcomes) {
        assert.equal(outcome.status, 'rejected');
        const error = (outcome).reason as unknown;
        assert.ok(ConfigError.isInstance(error), `expected ConfigError, got ${String(error)}`);
        assert.equal(error.field, 'request.maxOutputTokens');
      }
      const [left] = (await ai.limits?.headroom({ provider: 'openai', model: 'gpt-4o-mini' })) ?? [];
      assert.equal(left?.used, 0, 'nothing was reserved or settled');
    });
  }

  it('a signal that is not an AbortSignal is a ConfigError, not a misleading "Connection error."', async () => {
    const before = sim.requests.length;
    const error = await ai.chat({ model: 'openai:gpt-4o-mini', messages, maxOutputTokens: 10, signal: {} as AbortSignal }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(ConfigError.isInstance(error), `expected ConfigError, got ${String(error)}`);
    assert.equal(error.field, 'request.signal');
    assert.equal(sim.requests.length, before);
    assertNoKey(key, error);
  });

  it('valid calls still meet the budget: spend stays within it plus one reservation, the rest is refused', async () => {
    const maxOutputTokens = 100;
    const outcomes = await Promise.allSettled(Array.from({ length: CALLS }, () => ai.chat({ model: 'openai:gpt-4o-mini', messages, maxOutputTokens })));
    await sim.settled();
    const served = sim.requests.filter((r) => r.operation === 'chat' && r.status === 200);
    const spent = served.reduce((sum, r) => sum + usdOf(r.usage as { prompt_tokens: number; completion_tokens: number }), 0);
    const oneReservation = usdOf({ prompt_tokens: 7 + 3 * 2, completion_tokens: maxOutputTokens });
    assert.ok(served.length > 0, 'some calls fit in the budget');
    assert.ok(spent <= BUDGET_USD + oneReservation, `spent $${spent} of $${BUDGET_USD}`);
    const refused = outcomes.filter((o) => o.status === 'rejected');
    assert.equal(refused.length, CALLS - served.length);
    assert.ok(refused.length > 0 && refused.every((o) => RateLimitedError.isInstance(o.reason) && o.reason.policy === 'usd'));
  });
});

async function collect(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of stream) void _;
}
