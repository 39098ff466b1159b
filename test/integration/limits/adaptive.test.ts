// Adaptive throttling through the real OpenAI SDK: the simulator announces its per-key limits in
// `x-ratelimit-*` headers, and the client holds calls back instead of running into a 429.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, afterEach, before, describe, it } from 'node:test';
import { createAIClient, type AIClient } from '../../../src/client/index.js';
import { ProviderError } from '../../../src/errors/provider-error.js';
import type { LimitedEvent } from '../../../src/events.js';
import type { ChatRequest } from '../../../src/operations/chat.js';
import { openai } from '../../../src/providers/openai/index.js';
import { startSimulator } from '../../../src/simulator/index.js';
import type { Simulator } from '../../../src/simulator/types.js';
import { manualClock, settle, type ManualClock } from '../../support/limits-clock.js';
import { assertNoKey } from '../../support/keys.js';

const RPM = 5;
const request: ChatRequest = { model: 'openai:gpt-4o-mini', messages: [{ role: 'user', content: 'Hello, world!' }], maxOutputTokens: 5 };

describe('adaptive throttling on announced limits (OpenAI x-ratelimit-*)', () => {
  let sim: Simulator;
  let clock: ManualClock;
  let ai: AIClient | undefined;
  before(async () => {
    clock = manualClock(Date.parse('2026-06-01T10:00:00Z'));
    sim = await startSimulator({ now: () => clock.now(), quotas: { openai: { rpm: RPM } } });
  });
  after(() => sim.close());
  afterEach(async () => {
    await ai?.close();
    sim.reset();
    await clock.advance(120_000);
  });

  const client = (key: string, adaptive: boolean): AIClient =>
    createAIClient({
      providers: { openai: openai({ baseURL: sim.openaiBaseURL }) },
      keys: { byProvider: { openai: key } },
      retry: false,
      limits: { clock, policies: [], adaptive: adaptive && { lowWater: 0 } },
      flushOnExit: false,
    });

  it('holds the call that would exceed the announced limit until the reset, with no 429', async () => {
    const key = `sk-proj-${randomBytes(16).toString('hex')}`;
    ai = client(key, true);
    const limited: LimitedEvent[] = [];
    ai.on('limited', (e) => limited.push(e));
    for (let i = 0; i < RPM; i += 1) await ai.chat(request);
    const held = ai.chat(request);
    await settle();
    await sim.settled();
    assert.equal(sim.requests.length, RPM, 'the sixth call has not gone out');
    assert.ok(clock.pending > 0, 'it sleeps on the clock');
    await clock.advance(60_000);
    const reply = await held;
    assert.equal(reply.output.text.length > 0, true);
    assert.deepEqual(sim.requests.map((r) => r.status), Array(RPM + 1).fill(200), 'no request was refused');
    assert.equal(limited.length, 1);
    assert.equal(limited[0]?.policy, 'adaptive');
    assert.equal(limited[0]?.unit, 'requests');
    assert.equal(limited[0]?.action, 'wait');
    assertNoKey(key, limited);
  });

  it('counts a concurrent burst locally before any reply comes back', async () => {
    ai = client(`sk-proj-${randomBytes(16).toString('hex')}`, true);
    await ai.chat(request);
    const burst = Promise.all(Array.from({ length: RPM + 2 }, () => ai!.chat(request)));
    await settle();
    await sim.settled();
    assert.equal(sim.requests.length, RPM, 'four of the burst went, three wait');
    await clock.advance(60_000);
    await burst;
    assert.ok(sim.requests.every((r) => r.status === 200), 'no 429');
  });

  it('without it the same sequence runs into the 429', async () => {
    ai = client(`sk-proj-${randomBytes(16).toString('hex')}`, false);
    for (let i = 0; i < RPM; i += 1) await ai.chat(request);
    await assert.rejects(ai.chat(request), (error: unknown) => ProviderError.isInstance(error) && error.status === 429);
    assert.equal(sim.requests.at(-1)?.status, 429);
  });
});
