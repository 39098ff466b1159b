import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentWav } from '../../../src/audio/silent-wav.js';
import type { CallContext } from '../../../src/context.js';
import { estimateCall } from '../../../src/limits/policy/estimate-usage.js';
import { createCostCalculator } from '../../../src/pricing/cost-calculator.js';
import { testContext } from '../../support/context.js';

const costs = createCostCalculator();
const call = (operation: string, provider: string, model: string, request: Record<string, unknown>): CallContext =>
  ({ ...testContext(), operation, provider, model, request: { model: `${provider}:${model}`, ...request } }) as unknown as CallContext;

describe('estimateCall: what a call reserves', () => {
  it('whisper-1: the WAV length in whole seconds, priced per minute; no tokens', () => {
    const { usage, amounts } = estimateCall(call('transcribe', 'openai', 'whisper-1', { audio: silentWav(2.2, 16_000) }), { costs });
    assert.equal(usage.audioSeconds?.value, 3);
    assert.deepEqual(Object.keys(amounts).sort(), ['requests', 'usd']);
    assert.ok(Math.abs(amounts.usd! - (3 / 60) * 0.006) < 1e-15);
  });

  it('gpt-4o-mini-transcribe: 10 audio tokens a second and the prompt in, 4 a second and 1 out', () => {
    const { amounts } = estimateCall(call('transcribe', 'openai', 'gpt-4o-mini-transcribe', { audio: silentWav(2, 16_000), prompt: 'Budget, please' }), { costs });
    assert.deepEqual([amounts.inputTokens, amounts.outputTokens, amounts.tokens], [20 + 3, 9, 32]);
    assert.ok(amounts.usd! > 0);
  });

  it('gpt-4o-mini-tts: characters, text tokens in, 21 audio tokens a second of speech out (slower speech, more)', () => {
    const text = 'The quick brown fox jumps over the lazy dog, twice.'; // 51 characters, 3.4 s
    const { amounts } = estimateCall(call('speak', 'openai', 'gpt-4o-mini-tts', { voice: 'alloy', text }), { costs });
    assert.deepEqual([amounts.characters, amounts.inputTokens, amounts.outputTokens], [51, 12, 72]);
    assert.ok(amounts.usd! > 0);
    const slow = estimateCall(call('streamSpeak', 'openai', 'gpt-4o-mini-tts', { voice: 'alloy', text, providerOptions: { openai: { speed: 0.5, instructions: 'Calm' } } }), { costs });
    assert.deepEqual([slow.amounts.inputTokens, slow.amounts.outputTokens], [13, 143]);
  });

  it('tts-1 bills characters only; ElevenLabs characters and credits', () => {
    assert.deepEqual(Object.keys(estimateCall(call('speak', 'openai', 'tts-1', { voice: 'alloy', text: 'hi' }), { costs }).amounts).sort(), ['characters', 'requests', 'usd']);
    const eleven = estimateCall(call('speak', 'elevenlabs', 'eleven_flash_v2_5', { voice: 'v', text: 'héllo 👋' }), { costs }).amounts;
    assert.deepEqual([eleven.characters, eleven.credits], [7, 4]);
  });

  it('an unpriced model reserves its operation floor in usd, default or given; a token-billed call at 0 tokens its token floor', () => {
    const embed = call('embed', 'gemini', 'text-embedding-004', { input: 'hello' });
    assert.equal(estimateCall(embed, { costs }).amounts.usd, 0.0001);
    assert.equal(estimateCall(embed, { costs, reserveFloor: { embed: { usd: 0.002 } } }).amounts.usd, 0.002);
    assert.equal(estimateCall(call('embed', 'openai', 'text-embedding-3-small', { input: '' }), { costs, reserveFloor: { embed: { tokens: 8 } } }).amounts.tokens, 8);
    assert.ok(estimateCall(call('embed', 'openai', 'text-embedding-3-small', { input: 'hello' }), { costs }).amounts.usd! < 0.0001, 'a priced model reserves its price');
  });
});
