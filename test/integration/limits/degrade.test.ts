// Budget-aware degradation through createAIClient, the real SDKs and the simulator: one customer calls until
// the budget refuses. Before each call the test reads the budget's spent share; below the rule's `at` the
// simulator must see the asked-for model (and voice), from it on the cheaper one. The usage events record the
// model the simulator saw, a `degraded` event names each degraded call and why, and the spend never exceeds
// the budget. Another customer's calls are not degraded. Memory store and Redis store.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createAIClient } from '../../../src/client/index.js';
import { RateLimitedError } from '../../../src/errors/rate-limited-error.js';
import type { DegradedEvent } from '../../../src/events.js';
import type { LimitPolicy } from '../../../src/limits/policy/limit-policy.js';
import type { LimitStore } from '../../../src/limits/stores/limit-store.js';
import { memoryStore } from '../../../src/limits/stores/memory-store.js';
import type { Operation } from '../../../src/operations/operation.js';
import { elevenlabs } from '../../../src/providers/elevenlabs/index.js';
import { gemini } from '../../../src/providers/gemini/index.js';
import { openai } from '../../../src/providers/openai/index.js';
import type { Simulator } from '../../../src/simulator/types.js';
import type { UsageEvent } from '../../../src/usage-event.js';
import { redisUnavailable } from '../../support/redis-available.js';
import { redisStores } from '../../support/redis-fixture.js';
import { fakeKey as elevenlabsKey, VOICE } from '../../support/providers/elevenlabs.js';
import { fakeKey as geminiKey } from '../../support/providers/gemini.js';
import { fakeKey as openaiKey, wav } from '../../support/providers/openai.js';
import { useSimulator } from '../../support/use-simulator.js';

type Client = ReturnType<typeof createAIClient>;
/** Most calls a case makes: the budget refuses long before. */
const MAX_CALLS = 400;
const AT = 0.8;
const CHEAP_VOICE = 'EXAVITQu4vr4xnSDxMaL';

interface Case {
  readonly name: string;
  readonly unit: 'usd' | 'credits';
  readonly limit: number;
  readonly degrade: NonNullable<LimitPolicy['degrade']>;
  readonly from: { readonly provider: string; readonly model: string; readonly operation: Operation };
  readonly to: { readonly model: string; readonly voice?: string };
  /** The i-th call of `customer`; a stream is read to its end. */
  readonly call: (ai: Client, customer: string, i: number) => Promise<unknown>;
  /** The voice the simulator saw, for speech. */
  readonly voiceOf?: (body: unknown, path: string) => string | undefined;
}

const messages = [{ role: 'user' as const, content: 'Say hello to the budget, please.' }];
const text = 'The quick brown fox jumps over the lazy dog, twice.';
const drain = async (stream: AsyncIterable<unknown> & { final: Promise<unknown> }): Promise<unknown> => {
  for await (const _ of stream);
  return stream.final;
};
const tags = (customer: string) => ({ customer });

const CASES: readonly Case[] = [
  {
    name: 'chat and streamChat: gpt-4o to gpt-4o-mini',
    unit: 'usd',
    limit: 0.004,
    degrade: { at: AT, operation: ['chat', 'streamChat'], to: 'openai:gpt-4o-mini' },
    from: { provider: 'openai', model: 'gpt-4o', operation: 'chat' },
    to: { model: 'gpt-4o-mini' },
    call: (ai, customer, i) => {
      const request = { model: 'openai:gpt-4o' as const, messages, maxOutputTokens: 20, tags: tags(customer) };
      return i % 2 === 0 ? ai.chat(request) : drain(ai.streamChat(request));
    },
  },
  {
    name: 'ElevenLabs speak: multilingual v2 to flash v2.5 with a cheaper voice, on a credit budget',
    unit: 'credits',
    limit: 1_000,
    degrade: { at: AT, operation: ['speak', 'streamSpeak'], to: 'elevenlabs:eleven_flash_v2_5', voice: CHEAP_VOICE },
    from: { provider: 'elevenlabs', model: 'eleven_multilingual_v2', operation: 'speak' },
    to: { model: 'eleven_flash_v2_5', voice: CHEAP_VOICE },
    call: (ai, customer) => ai.speak({ model: 'elevenlabs:eleven_multilingual_v2', voice: VOICE, text, tags: tags(customer) }),
    voiceOf: (_body, path) => /text-to-speech\/([^/?]+)/.exec(path)?.[1],
  },
  {
    name: 'OpenAI streamSpeak: tts-1-hd to tts-1 with another voice',
    unit: 'usd',
    limit: 0.02,
    degrade: { at: AT, operation: ['speak', 'streamSpeak'], to: 'openai:tts-1', voice: 'nova' },
    from: { provider: 'openai', model: 'tts-1-hd', operation: 'streamSpeak' },
    to: { model: 'tts-1', voice: 'nova' },
    call: (ai, customer) => drain(ai.streamSpeak({ model: 'openai:tts-1-hd', voice: 'alloy', text, tags: tags(customer) })),
    voiceOf: (body) => (body as { voice?: string }).voice,
  },
  {
    name: 'transcribe: whisper-1 to gpt-4o-mini-transcribe',
    unit: 'usd',
    limit: 0.004,
    degrade: { at: AT, operation: 'transcribe', to: 'openai:gpt-4o-mini-transcribe' },
    from: { provider: 'openai', model: 'whisper-1', operation: 'transcribe' },
    to: { model: 'gpt-4o-mini-transcribe' },
    call: (ai, customer) => ai.transcribe({ model: 'openai:whisper-1', audio: wav(2), tags: tags(customer) }),
  },
];

function client(sim: Simulator, store: LimitStore, policy: LimitPolicy): Client {
  return createAIClient({
    providers: { openai: openai({ baseURL: sim.openaiBaseURL }), gemini: gemini({ baseURL: sim.geminiBaseUrl }), elevenlabs: elevenlabs({ baseURL: sim.elevenlabsBaseUrl }) },
    keys: { byProvider: { openai: openaiKey(), gemini: geminiKey(), elevenlabs: elevenlabsKey() }, dotenv: false },
    limits: { policies: [policy], store, adaptive: false },
    retry: false,
    flushOnExit: false,
    env: {},
  });
}

interface Served {
  readonly share: number;
  readonly model: string | undefined;
  readonly voice: string | undefined;
}

/** Calls as `acme` until the budget refuses; returns each served call's share before it and what the simulator saw. */
async function callUntilRefused(ai: Client, sim: Simulator, c: Case): Promise<Served[]> {
  const subject = { ...c.from, tags: tags('acme') };
  const served: Served[] = [];
  for (let i = 0; i < MAX_CALLS; i += 1) {
    const [counter] = (await ai.limits!.headroom(subject));
    const share = counter!.used / counter!.limit;
    const seen = sim.requests.length;
    try {
      await c.call(ai, 'acme', i);
    } catch (error) {
      if (RateLimitedError.isInstance(error)) return served;
      throw error;
    }
    await sim.settled();
    const request = sim.requests.at(-1)!;
    assert.equal(sim.requests.length, seen + 1, `${c.name}: one provider request per call`);
    served.push({ share, model: request.model, voice: c.voiceOf?.(request.body, request.path) });
  }
  assert.fail(`${c.name}: the budget never refused in ${MAX_CALLS} calls`);
}

function everyCase(stores: () => { store: () => LimitStore; label: string }, sim: () => Simulator): void {
  for (const c of CASES) {
    it(`${c.name}: from ${AT * 100} % of the budget the cheaper model is called, and the budget holds`, async (t) => {
      const { store, label } = stores();
      const name = `budget-${randomBytes(4).toString('hex')}`;
      const ai = client(sim(), store(), { name, unit: c.unit, limit: c.limit, window: 'month', action: 'reject', scope: { per: ['tag:customer'] }, degrade: c.degrade });
      const usage: UsageEvent[] = [];
      const degraded: DegradedEvent[] = [];
      ai.on('usage', (e) => usage.push(e));
      ai.on('degraded', (e) => degraded.push(e));
      const served = await callUntilRefused(ai, sim(), c);
      const [counter] = await ai.limits!.headroom({ ...c.from, tags: tags('acme') });
      await ai.flush();
      const before = served.filter((s) => s.share < AT);
      const after = served.filter((s) => s.share >= AT);
      t.diagnostic(`${label} ${c.name}: ${before.length} calls of ${c.from.model}, ${after.length} of ${c.to.model}, spent ${counter!.used.toPrecision(4)} of ${c.limit}`);
      assert.ok(before.length > 0 && after.length > 0, `${c.name}: some calls on each side of the threshold`);
      for (const s of before) assert.equal(s.model, c.from.model, `${c.name}: below ${AT} (${s.share}) the asked-for model`);
      for (const s of after) assert.equal(s.model, c.to.model, `${c.name}: from ${AT} (${s.share}) the cheaper model`);
      if (c.to.voice) for (const s of after) assert.equal(s.voice, c.to.voice, `${c.name}: the cheaper voice`);
      // The usage events record the model actually called, call by call.
      assert.deepEqual(usage.map((e) => e.model), served.map((s) => s.model));
      assert.ok(usage.every((e) => e.tags.customer === 'acme' && e.provider === c.from.provider));
      // One degraded event per degraded call, saying why; the last is the call the budget then refused (it was
      // degraded first, and its cheaper reservation still did not fit).
      const degradedCalls = usage.filter((e) => e.model === c.to.model).map((e) => e.callId);
      assert.deepEqual(degraded.slice(0, -1).map((e) => e.callId), degradedCalls);
      assert.ok(!usage.some((e) => e.callId === degraded.at(-1)!.callId), 'the refused call reached no provider');
      for (const e of degraded) {
        assert.equal(e.policy, name);
        assert.equal(e.scope, 'customer=acme');
        assert.equal(e.at, AT);
        assert.ok(e.share >= AT && e.share <= 1, `share ${e.share}`);
        assert.deepEqual([e.from.model, e.to.model, e.model], [c.from.model, c.to.model, c.from.model]);
        if (c.to.voice) assert.equal(e.to.voice, c.to.voice);
      }
      // Never over the budget: the counter (what was billed) and, for dollars, the usage events' costs.
      assert.ok(counter!.used <= c.limit + 1e-12, `${c.name}: spent ${counter!.used} of ${c.limit}`);
      if (c.unit === 'usd') {
        const spent = usage.reduce((sum, e) => sum + (e.cost?.usd ?? NaN), 0);
        assert.ok(Math.abs(spent - counter!.used) < 1e-9 && spent <= c.limit + 1e-12, `${c.name}: costs ${spent} of ${c.limit}`);
      }
      // Another customer has its own counter: not degraded.
      const seen = sim().requests.length;
      await c.call(ai, 'globex', 0);
      await sim().settled();
      assert.equal(sim().requests[seen]?.model, c.from.model);
      await ai.close();
      assert.equal(degraded.length, degradedCalls.length + 1, 'no degraded event for the other customer');
    });
  }
}

describe('budget-aware degradation against the simulator', { timeout: 300_000 }, () => {
  const sim = useSimulator({}, { resetEach: false });

  describe('memory store', () => {
    everyCase(() => ({ store: () => memoryStore(), label: 'memory' }), () => sim);
  });

  describe('Redis store', async () => {
    const skip = await redisUnavailable();
    const prefix = `aimeter-test:degrade:${randomBytes(4).toString('hex')}:`;
    describe('', { skip }, () => {
      const store = redisStores(prefix);
      everyCase(() => ({ store, label: 'redis' }), () => sim);
    });
  });
});
