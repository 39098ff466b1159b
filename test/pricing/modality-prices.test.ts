// Rate cards by modality, unit and processing tier: which rate each token gets, and when a cost stays unknown.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCostCalculator } from '../../src/pricing/cost-calculator.js';
import { rateCardUsd } from '../../src/pricing/rate-card.js';
import { serviceTierCard } from '../../src/pricing/service-tier.js';
import { estimated, missing, reported, type Usage } from '../../src/usage.js';
import { assertUsd, query } from '../support/price-checks.js';

const M = 1e6;
const usage = (fields: Omit<Usage, 'requests'>): Usage => ({ requests: 1, ...fields });

describe('rate cards by modality', () => {
  const audioChat = { inputToken: 2.5 / M, outputToken: 10 / M, inputAudioToken: 40 / M, outputAudioToken: 80 / M };

  it('prices each modality of a split total at its own rate, the rest at the plain rate', () => {
    const u = usage({ inputTokens: reported(64), outputTokens: reported(120), modalities: { input: { text: 20, audio: 44 }, output: { text: 20, audio: 100 } } });
    assertUsd(rateCardUsd(audioChat, u), (20 * 2.5 + 44 * 40 + 20 * 10 + 100 * 80) / M);
  });

  it('without a split, every token is priced at the plain rate; a modality the card has no rate for too', () => {
    assertUsd(rateCardUsd(audioChat, usage({ inputTokens: reported(64), outputTokens: reported(9) })), (64 * 2.5 + 9 * 10) / M);
    const video = usage({ inputTokens: reported(100), outputTokens: reported(0), modalities: { input: { video: 90, text: 10 } } });
    assertUsd(rateCardUsd(audioChat, video), (100 * 2.5) / M);
  });

  it('cached audio: its own rate, else the cached rate, else the audio rate', () => {
    const u = usage({ inputTokens: reported(1000), cachedInputTokens: reported(600), outputTokens: reported(0), modalities: { input: { text: 400, audio: 600 }, cachedInput: { text: 300, audio: 300 } } });
    // 100 new text, 300 new audio, 300 cached text, 300 cached audio.
    const gemini = { inputToken: 0.3 / M, cachedInputToken: 0.03 / M, outputToken: 2.5 / M, inputAudioToken: 1 / M, cachedAudioInputToken: 0.1 / M };
    assertUsd(rateCardUsd(gemini, u), (100 * 0.3 + 300 * 1 + 300 * 0.03 + 300 * 0.1) / M);
    const { cachedAudioInputToken: _ignored, ...noCachedAudio } = gemini;
    void _ignored;
    assertUsd(rateCardUsd(noCachedAudio, u), (100 * 0.3 + 300 * 1 + 600 * 0.03) / M);
    assertUsd(rateCardUsd({ inputToken: 0.3 / M, outputToken: 2.5 / M, inputAudioToken: 1 / M }, u), (400 * 0.3 + 600 * 1) / M);
  });

  it('a split claiming more tokens than its total is not priced, nor a missing total', () => {
    assert.equal(rateCardUsd(audioChat, usage({ inputTokens: reported(10), outputTokens: reported(0), modalities: { input: { audio: 44 } } })), undefined);
    assert.equal(rateCardUsd(audioChat, usage({ inputTokens: reported(10), outputTokens: reported(5), modalities: { output: { audio: 6 } } })), undefined);
    assert.equal(rateCardUsd(audioChat, usage({ inputTokens: missing(), outputTokens: reported(5), modalities: { input: { audio: 4 } } })), undefined);
  });

  it('estimated splits are priced like reported ones', () => {
    const u = usage({ inputTokens: estimated(64), outputTokens: estimated(9), modalities: { input: { text: 20, audio: 44 } } });
    assertUsd(rateCardUsd(audioChat, u), (20 * 2.5 + 44 * 40 + 9 * 10) / M);
  });

  it('a transcription card priced both ways charges what the reply reports: seconds, or tokens (prompt text apart)', () => {
    const diarize = { inputToken: 6 / M, inputTextToken: 2.5 / M, outputToken: 10 / M, audioSecond: 0.006 / 60 };
    assertUsd(rateCardUsd(diarize, usage({ audioSeconds: reported(27) })), (27 * 0.006) / 60);
    assertUsd(rateCardUsd(diarize, usage({ inputTokens: reported(14), outputTokens: reported(31), modalities: { input: { text: 10, audio: 4 } } })), (10 * 2.5 + 4 * 6 + 31 * 10) / M);
    assertUsd(rateCardUsd(diarize, usage({ inputTokens: reported(14), outputTokens: reported(31) })), (14 * 6 + 31 * 10) / M);
    assert.equal(rateCardUsd(diarize, usage({ audioSeconds: missing() })), undefined);
    assert.equal(rateCardUsd(diarize, usage({})), undefined);
  });

  it('overrides take modality and per-second rates', () => {
    const calculator = createCostCalculator({
      overrides: {
        'openai:my-audio': { inputPerMillion: 2.5, outputPerMillion: 10, inputAudioPerMillion: 40, outputAudioPerMillion: 80 },
        'openai:my-stt': { perAudioSecond: 0.0002 },
      },
    });
    const chat = calculator.cost(query('openai:my-audio', 'chat', { inputTokens: reported(64), outputTokens: reported(9), modalities: { input: { text: 20, audio: 44 } } }));
    assertUsd(chat.usd, (20 * 2.5 + 44 * 40 + 9 * 10) / M);
    assert.deepEqual(chat.snapshot.rates, { inputToken: 2.5 / M, outputToken: 10 / M, inputAudioToken: 40 / M, outputAudioToken: 80 / M });
    assertUsd(calculator.cost(query('openai:my-stt', 'transcribe', { audioSeconds: reported(30) })).usd, 30 * 0.0002);
  });
});

describe('processing tiers', () => {
  const gpt5 = { inputToken: 1.25 / M, cachedInputToken: 0.125 / M, outputToken: 10 / M };

  it('OpenAI flex halves every rate; default, auto and scale are the standard rates', () => {
    assert.deepEqual(serviceTierCard('openai', 'gpt-5', 'flex', gpt5), { card: { inputToken: 0.625 / M, cachedInputToken: 0.0625 / M, outputToken: 5 / M }, tier: 'flex' });
    for (const tier of ['default', 'auto', 'scale']) assert.deepEqual(serviceTierCard('openai', 'gpt-5', tier, gpt5), { card: gpt5, tier: 'standard' });
    assert.deepEqual(serviceTierCard('openai', 'gpt-5', undefined, gpt5), { card: gpt5 });
  });

  it('OpenAI priority takes the model\'s priority prices; a model or tier without a known price has none', () => {
    assert.deepEqual(serviceTierCard('openai', 'gpt-5', 'priority', gpt5), { card: { inputToken: 2.5 / M, cachedInputToken: 0.25 / M, outputToken: 20 / M }, tier: 'priority' });
    assert.equal(serviceTierCard('openai', 'o3-mini', 'priority', gpt5), undefined);
    assert.equal(serviceTierCard('openai', 'gpt-5', 'turbo', gpt5), undefined);
  });

  it('Gemini standard is the standard card; its other tiers have no price in the data', () => {
    assert.deepEqual(serviceTierCard('gemini', 'gemini-2.5-flash', 'standard', gpt5), { card: gpt5, tier: 'standard' });
    assert.equal(serviceTierCard('gemini', 'gemini-2.5-flash', 'flex', gpt5), undefined);
  });

  it('through the calculator: the snapshot names the tier; an unknown tier leaves the cost undefined with unknown_tier', () => {
    const calculator = createCostCalculator();
    const flex = calculator.cost(query('openai:gpt-5', 'chat', { inputTokens: reported(1000), outputTokens: reported(100), serviceTier: 'flex' }));
    assertUsd(flex.usd, ((1000 * 1.25 + 100 * 10) * 0.5) / M);
    assert.equal(flex.snapshot.serviceTier, 'flex');
    const unknown = calculator.cost(query('openai:o3-mini', 'chat', { inputTokens: reported(10), outputTokens: reported(10), serviceTier: 'priority' }));
    assert.deepEqual([unknown.usd, unknown.unpriced, unknown.snapshot.serviceTier], [undefined, 'unknown_tier', 'priority']);
    const tiered = calculator.cost(query('gemini:gemini-2.5-pro', 'chat', { inputTokens: reported(250_000), outputTokens: reported(10), serviceTier: 'standard' }));
    assertUsd(tiered.usd, (250_000 * 2.5 + 10 * 15) / M);
    assert.equal(tiered.snapshot.serviceTier, 'standard');
  });
});
