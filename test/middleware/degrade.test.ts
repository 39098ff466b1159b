// The degrade layer inside the client, against the simulator with the real SDKs: a shorter maxOutputTokens, a
// cheaper model of another provider (whose key is then used), and the typed config errors of bad rules.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAIClient } from '../../src/client/index.js';
import { ConfigError } from '../../src/errors/config-error.js';
import type { DegradedEvent } from '../../src/events.js';
import type { LimitPolicy } from '../../src/limits/policy/limit-policy.js';
import { elevenlabs } from '../../src/providers/elevenlabs/index.js';
import { gemini } from '../../src/providers/gemini/index.js';
import { openai } from '../../src/providers/openai/index.js';
import type { Simulator } from '../../src/simulator/types.js';
import type { UsageEvent } from '../../src/usage-event.js';
import { fakeKey as elevenlabsKey } from '../support/providers/elevenlabs.js';
import { fakeKey as geminiKey } from '../support/providers/gemini.js';
import { fakeKey as openaiKey } from '../support/providers/openai.js';
import { useSimulator } from '../support/use-simulator.js';

const messages = [{ role: 'user' as const, content: 'Hello there.' }];

function client(sim: Simulator, policies: readonly LimitPolicy[]) {
  return createAIClient({
    providers: { openai: openai({ baseURL: sim.openaiBaseURL }), gemini: gemini({ baseURL: sim.geminiBaseUrl }), elevenlabs: elevenlabs({ baseURL: sim.elevenlabsBaseUrl }) },
    keys: { byProvider: { openai: openaiKey(), gemini: geminiKey(), elevenlabs: elevenlabsKey() }, dotenv: false },
    limits: { policies, adaptive: false },
    retry: false,
    pricing: false,
    flushOnExit: false,
    env: {},
  });
}

/** The ConfigError that creating a client with `policies` throws. */
function configError(policies: readonly unknown[]): ConfigError {
  try {
    createAIClient({ providers: { openai: openai(), elevenlabs: elevenlabs() }, limits: { policies: policies as LimitPolicy[] }, flushOnExit: false, env: {} });
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  assert.fail('expected a ConfigError');
}

describe('degrade middleware', () => {
  const sim = useSimulator();

  it('shortens maxOutputTokens from the threshold on, and emits degraded only when something changed', async () => {
    const ai = client(sim, [{ name: 'rpd', unit: 'requests', limit: 10, window: 'day', degrade: { at: 0.5, operation: 'chat', maxOutputTokens: 5 } }]);
    const degraded: DegradedEvent[] = [];
    ai.on('degraded', (e) => degraded.push(e));
    for (let i = 0; i < 5; i += 1) await ai.chat({ model: 'openai:gpt-4o-mini', messages, maxOutputTokens: 50 });
    await ai.chat({ model: 'openai:gpt-4o-mini', messages, maxOutputTokens: 50 });
    await ai.chat({ model: 'openai:gpt-4o-mini', messages });
    await ai.chat({ model: 'openai:gpt-4o-mini', messages, maxOutputTokens: 3 });
    await sim.settled();
    const asked = sim.requests.map((r) => (r.body as { max_completion_tokens?: number }).max_completion_tokens);
    assert.deepEqual(asked, [50, 50, 50, 50, 50, 5, 5, 3]);
    assert.deepEqual(degraded.map((e) => [e.from.maxOutputTokens, e.to.maxOutputTokens, e.share, e.policy]), [[50, 5, 0.5, 'rpd'], [undefined, 5, 0.6, 'rpd']]);
    assert.equal(degraded[0]!.from.model, degraded[0]!.to.model);
    await ai.close();
  });

  it('applies every due rule, lowest first, each with its own event', async () => {
    const degrade = [{ at: 0.2, operation: 'chat' as const, maxOutputTokens: 5 }, { at: 0.1, operation: 'chat' as const, to: 'openai:gpt-4o-mini' as const }];
    const ai = client(sim, [{ name: 'rpd', unit: 'requests', limit: 10, window: 'day', degrade }]);
    const degraded: DegradedEvent[] = [];
    ai.on('degraded', (e) => degraded.push(e));
    for (let i = 0; i < 3; i += 1) await ai.chat({ model: 'openai:gpt-4o', messages, maxOutputTokens: 50 });
    await sim.settled();
    assert.deepEqual(sim.requests.map((r) => [r.model, (r.body as { max_completion_tokens?: number }).max_completion_tokens]), [['gpt-4o', 50], ['gpt-4o-mini', 50], ['gpt-4o-mini', 5]]);
    const steps = degraded.map((e) => [e.at, e.from.model, e.to.model, e.from.maxOutputTokens, e.to.maxOutputTokens]);
    assert.deepEqual(steps, [[0.1, 'gpt-4o', 'gpt-4o-mini', 50, 50], [0.1, 'gpt-4o', 'gpt-4o-mini', 50, 50], [0.2, 'gpt-4o-mini', 'gpt-4o-mini', 50, 5]]);
    assert.equal(degraded[1]!.callId, degraded[2]!.callId);
    await ai.close();
  });

  it('sends the call to another provider with that provider\'s key, and the usage event names it', async () => {
    const ai = client(sim, [{ name: 'rpd', unit: 'requests', limit: 10, window: 'day', scope: { operation: 'chat' }, degrade: { at: 0.1, to: 'openai:gpt-4o-mini' } }]);
    const degraded: DegradedEvent[] = [];
    const usage: UsageEvent[] = [];
    ai.on('degraded', (e) => degraded.push(e));
    ai.on('usage', (e) => usage.push(e));
    await ai.chat({ model: 'gemini:gemini-2.5-flash', messages, maxOutputTokens: 20 });
    const reply = await ai.chat({ model: 'gemini:gemini-2.5-flash', messages, maxOutputTokens: 20 });
    await ai.flush();
    await sim.settled();
    assert.deepEqual(sim.requests.map((r) => [r.provider, r.model, r.status]), [['gemini', 'gemini-2.5-flash', 200], ['openai', 'gpt-4o-mini', 200]]);
    assert.deepEqual(usage.map((e) => [e.provider, e.model]), [['gemini', 'gemini-2.5-flash'], ['openai', 'gpt-4o-mini']]);
    assert.equal(usage[1]!.keyFingerprint, sim.requests[1]!.keyFingerprint !== undefined ? usage[1]!.keyFingerprint : undefined);
    assert.notEqual(usage[0]!.keyFingerprint, usage[1]!.keyFingerprint, 'the openai key, not the gemini one');
    assert.ok(reply.output.text.length > 0);
    assert.deepEqual(degraded.map((e) => [e.provider, e.from.provider, e.from.model, e.to.provider, e.to.model]), [['gemini', 'gemini', 'gemini-2.5-flash', 'openai', 'gpt-4o-mini']]);
    await ai.close();
  });

  it('leaves other operations alone', async () => {
    const ai = client(sim, [{ name: 'rpd', unit: 'requests', limit: 10, window: 'day', degrade: { at: 0.1, operation: 'chat', to: 'openai:gpt-4o-mini' } }]);
    await ai.embed({ model: 'openai:text-embedding-3-small', input: 'hello' });
    await ai.embed({ model: 'openai:text-embedding-3-small', input: 'hello' });
    await sim.settled();
    assert.deepEqual(sim.requests.map((r) => r.model), ['text-embedding-3-small', 'text-embedding-3-small']);
    await ai.close();
  });
});

describe('degrade rules: typed config errors', () => {
  const base = { name: 'usd', unit: 'usd', limit: 5, window: 'month' };
  const cases: readonly [string, unknown, string, RegExp][] = [
    ['an unregistered provider', { at: 0.8, to: 'gemini:gemini-2.5-flash' }, 'limits.policies[0].degrade.to', /unknown provider "gemini"; registered: openai, elevenlabs/],
    ['a provider without the operation', [{ at: 0.8, operation: 'chat', to: 'openai:gpt-4o-mini' }, { at: 0.9, operation: ['chat'], to: 'elevenlabs:eleven_flash_v2_5' }], 'limits.policies[0].degrade[1].to', /does not support chat/],
    ['a malformed model address', { at: 0.8, to: 'gpt-4o-mini' }, 'limits.policies[0].degrade.to', /provider:model/],
    ['a threshold out of range', { at: 1.5, to: 'openai:gpt-4o-mini' }, 'limits.policies[0].degrade.at', /\(0, 1\]/],
    ['a missing threshold', { to: 'openai:gpt-4o-mini' }, 'limits.policies[0].degrade.at', /\(0, 1\]/],
    ['nothing to change', { at: 0.8 }, 'limits.policies[0].degrade', /what changes/],
    ['a misspelt field', { at: 0.8, too: 'openai:gpt-4o-mini' }, 'limits.policies[0].degrade.too', /unknown/i],
    ['an unknown operation', { at: 0.8, operation: 'chats', to: 'openai:gpt-4o-mini' }, 'limits.policies[0].degrade.operation', /expected one of/],
    ['a voice for chat only', { at: 0.8, operation: 'chat', voice: 'nova' }, 'limits.policies[0].degrade.voice', /speak or streamSpeak/],
    ['maxOutputTokens for transcription', { at: 0.8, operation: 'transcribe', maxOutputTokens: 10 }, 'limits.policies[0].degrade.maxOutputTokens', /chat or streamChat/],
    ['a fractional maxOutputTokens', { at: 0.8, maxOutputTokens: 1.5 }, 'limits.policies[0].degrade.maxOutputTokens', /positive integer/],
    ['an empty array', [], 'limits.policies[0].degrade', /or an array of them/],
  ];
  for (const [label, degrade, field, message] of cases) {
    it(`refuses ${label} with ConfigError at ${field}`, () => {
      const error = configError([{ ...base, degrade }]);
      assert.equal(error.code, 'config_invalid');
      assert.equal(error.field, field);
      assert.match(error.message, message);
    });
  }

  it('refuses a rule on a concurrent limit, which has no spent share', () => {
    const error = configError([{ name: 'c', unit: 'concurrent', limit: 2, degrade: { at: 0.5, to: 'openai:gpt-4o-mini' } }]);
    assert.equal(error.field, 'limits.policies[0].degrade');
  });

  it('checks a rule without operations against the operations of its policy\'s scope', () => {
    const error = configError([{ ...base, scope: { operation: ['speak', 'chat'] }, degrade: { at: 0.8, to: 'elevenlabs:eleven_flash_v2_5' } }]);
    assert.equal(error.field, 'limits.policies[0].degrade.to');
    assert.match(error.message, /does not support chat/);
  });
});
