// A USD budget in reject mode against 1 000 concurrent calls of every operation of every provider, on the
// memory store and on Redis, through createAIClient, the real SDKs and the simulator.
//
// The bound: every admitted call reserved r (its estimate, the same for all calls of a case) and was billed a;
// admission keeps the reservations and settled costs within the cap, so what was spent exceeds the cap by at
// most the admitted calls' (a - r) where a > r. Each case asserts a <= r (the estimate covers the bill), so
// spent <= cap: the overshoot is 0, within one call's reservation error max(0, a - r) = 0. Measured figures are
// printed per case (admitted, r, a, spent, cap).
//
// Gemini chat is gemini-2.5-flash, a thinking model: maxOutputTokens caps its thoughts and answer together, so
// the reservation of maxOutputTokens output tokens covers the thoughts too.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createAIClient } from '../../../src/client/index.js';
import { RateLimitedError } from '../../../src/errors/rate-limited-error.js';
import type { LimitStore } from '../../../src/limits/stores/limit-store.js';
import { memoryStore } from '../../../src/limits/stores/memory-store.js';
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
import { recordingStore } from '../../support/recording-store.js';
import { useSimulator } from '../../support/use-simulator.js';

const CALLS = 1_000;
/** Calls the cap has room for: the cap is this many reservations and a half. */
const ROOM = 20;

type Client = ReturnType<typeof createAIClient>;
interface Case {
  readonly name: string;
  /** One whole call: a stream is read to its end. */
  readonly call: (ai: Client) => Promise<unknown>;
}

const messages = [{ role: 'user' as const, content: 'Say hello to the budget, please.' }];
const text = 'The quick brown fox jumps over the lazy dog, twice.';
const drain = async (stream: AsyncIterable<unknown> & { final: Promise<unknown> }): Promise<unknown> => {
  for await (const _ of stream);
  return stream.final;
};
const CASES: readonly Case[] = [
  { name: 'openai chat', call: (ai) => ai.chat({ model: 'openai:gpt-4o-mini', messages, maxOutputTokens: 20 }) },
  { name: 'gemini chat', call: (ai) => ai.chat({ model: 'gemini:gemini-2.5-flash', messages, maxOutputTokens: 20 }) },
  { name: 'openai streamChat', call: (ai) => drain(ai.streamChat({ model: 'openai:gpt-4o-mini', messages, maxOutputTokens: 20 })) },
  { name: 'gemini streamChat', call: (ai) => drain(ai.streamChat({ model: 'gemini:gemini-2.5-flash', messages, maxOutputTokens: 20 })) },
  { name: 'openai embed', call: (ai) => ai.embed({ model: 'openai:text-embedding-3-small', input: text }) },
  { name: 'gemini embed', call: (ai) => ai.embed({ model: 'gemini:gemini-embedding-001', input: text }) },
  { name: 'openai speak tts-1', call: (ai) => ai.speak({ model: 'openai:tts-1', voice: 'alloy', text }) },
  { name: 'openai speak gpt-4o-mini-tts', call: (ai) => ai.speak({ model: 'openai:gpt-4o-mini-tts', voice: 'alloy', text }) },
  { name: 'elevenlabs speak', call: (ai) => ai.speak({ model: 'elevenlabs:eleven_flash_v2_5', voice: VOICE, text }) },
  { name: 'openai streamSpeak tts-1', call: (ai) => drain(ai.streamSpeak({ model: 'openai:tts-1', voice: 'alloy', text })) },
  { name: 'openai streamSpeak gpt-4o-mini-tts', call: (ai) => drain(ai.streamSpeak({ model: 'openai:gpt-4o-mini-tts', voice: 'alloy', text })) },
  { name: 'elevenlabs streamSpeak', call: (ai) => drain(ai.streamSpeak({ model: 'elevenlabs:eleven_flash_v2_5', voice: VOICE, text })) },
  { name: 'openai transcribe whisper-1', call: (ai) => ai.transcribe({ model: 'openai:whisper-1', audio: wav(2) }) },
  { name: 'openai transcribe gpt-4o-mini-transcribe', call: (ai) => ai.transcribe({ model: 'openai:gpt-4o-mini-transcribe', audio: wav(2) }) },
];

interface Run {
  readonly admitted: number;
  readonly refused: number;
  /** Each served call's cost, from its usage event. */
  readonly costs: readonly number[];
  /** The amounts reserved in the budget's counter. */
  readonly reserved: readonly number[];
  /** The budget counter afterwards. */
  readonly used: number;
}

/** `calls` concurrent calls of one case against a USD budget of `cap`, on a fresh counter of `store`. */
async function run(sim: Simulator, store: LimitStore, c: Case, cap: number, calls: number): Promise<Run> {
  const recorded = recordingStore(store);
  const name = `usd-${randomBytes(4).toString('hex')}`;
  const ai = createAIClient({
    providers: { openai: openai({ baseURL: sim.openaiBaseURL }), gemini: gemini({ baseURL: sim.geminiBaseUrl }), elevenlabs: elevenlabs({ baseURL: sim.elevenlabsBaseUrl }) },
    keys: { byProvider: { openai: openaiKey(), gemini: geminiKey(), elevenlabs: elevenlabsKey() }, dotenv: false },
    limits: { policies: [{ name, unit: 'usd', limit: cap, window: 'month', action: 'reject' }], store: recorded.store, adaptive: false },
    retry: false,
    flushOnExit: false,
    env: {},
  });
  const events: UsageEvent[] = [];
  ai.on('usage', (e) => events.push(e));
  const outcomes = await Promise.allSettled(Array.from({ length: calls }, () => c.call(ai)));
  const failures = outcomes.filter((o) => o.status === 'rejected' && !RateLimitedError.isInstance(o.reason));
  assert.deepEqual(failures, [], `${c.name}: only the budget may refuse a call`);
  const [counter] = (await ai.limits?.headroom({ provider: 'openai', model: 'any' })) ?? [];
  await ai.close();
  assert.ok(events.every((e) => e.cost?.usd !== undefined), `${c.name}: every served call is priced`);
  return {
    admitted: outcomes.filter((o) => o.status === 'fulfilled').length,
    refused: outcomes.length - outcomes.filter((o) => o.status === 'fulfilled').length,
    costs: events.map((e) => e.cost!.usd!),
    reserved: recorded.reserved.filter((r) => r.key.startsWith(name)).map((r) => r.amount),
    used: counter?.used ?? NaN,
  };
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const EPSILON = 1e-12;

function everyCase(stores: () => { store: () => LimitStore; label: string }, sim: () => Simulator): void {
  for (const c of CASES) {
    it(`${c.name}: spent never exceeds the cap by more than one call's reservation error`, async (t) => {
      const { store, label } = stores();
      // One call alone shows the reservation r and the bill a; the cap then has room for ROOM and a half.
      const probe = await run(sim(), store(), c, 1_000, 1);
      const r = Math.max(...probe.reserved);
      const a = probe.costs[0]!;
      assert.ok(r > 0 && a > 0, `${c.name}: reserves ${r} and costs ${a}: a USD budget applies`);
      const error = Math.max(0, a - r);
      assert.equal(error, 0, `${c.name}: the reservation ${r} covers the bill ${a}`);
      const cap = r * (ROOM + 0.5);
      const burst = await run(sim(), store(), c, cap, CALLS);
      const spent = sum(burst.costs);
      t.diagnostic(`${label} ${c.name}: admitted ${burst.admitted}/${CALLS}, reserved ${r.toPrecision(4)} billed ${a.toPrecision(4)} per call, spent ${spent.toPrecision(4)} of cap ${cap.toPrecision(4)}`);
      assert.ok(spent <= cap + error + EPSILON, `${label} ${c.name}: spent ${spent} of ${cap}`);
      assert.ok(burst.admitted >= ROOM && burst.admitted < CALLS, `${c.name}: the budget admitted ${burst.admitted}, some and not all`);
      assert.equal(burst.admitted + burst.refused, CALLS);
      assert.ok(Math.abs(burst.used - spent) < 1e-9, `${c.name}: the counter holds what was billed (${burst.used} vs ${spent})`);
    });
  }
}

describe('a USD budget against 1 000 concurrent calls of every operation', { timeout: 300_000 }, () => {
  const sim = useSimulator({}, { resetEach: false });

  describe('memory store', () => {
    everyCase(() => ({ store: () => memoryStore(), label: 'memory' }), () => sim);
  });

  describe('Redis store', async () => {
    const skip = await redisUnavailable();
    const prefix = `aimeter-test:budget-ops:${randomBytes(4).toString('hex')}:`;
    describe('', { skip }, () => {
      const store = redisStores(prefix);
      everyCase(() => ({ store, label: 'redis' }), () => sim);
    });
  });
});
