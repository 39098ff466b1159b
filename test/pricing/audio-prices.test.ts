import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calcPrice } from '@pydantic/genai-prices';
import { createCostCalculator } from '../../src/pricing/cost-calculator.js';
import { defaultPriceSource } from '../../src/pricing/default-price-source.js';
import { isConfigError } from '../support/config-error-check.js';
import { estimated, missing, reported } from '../../src/usage.js';
import { assertUsd, query, TIME } from '../support/price-checks.js';

const calculator = createCostCalculator();
const cost = (...args: Parameters<typeof query>) => calculator.cost(query(...args));

describe('OpenAI audio prices (aimeter table, UNCONFIRMED rates)', () => {
  it('tts-1: $15 per million characters', () => {
    const c = cost('openai:tts-1', 'speak', { characters: reported(4_096) });
    assertUsd(c.usd, (4_096 * 15) / 1e6);
    assert.equal(c.snapshot.source, 'aimeter:openai-audio');
    assert.equal(c.snapshot.version, '2026-12-05');
    assert.deepEqual(c.snapshot.rates, { character: 15 / 1e6 });
  });

  it('tts-1-hd: $30 per million characters, streamed too', () => {
    const c = cost('openai:tts-1-hd', 'streamSpeak', { characters: reported(2_500) });
    assertUsd(c.usd, (2_500 * 30) / 1e6);
  });

  it('tts-1 characters estimated for a cut stream are priced', () => {
    const c = cost('openai:tts-1', 'streamSpeak', { characters: estimated(321) });
    assertUsd(c.usd, (321 * 15) / 1e6);
  });

  it('gpt-4o-mini-tts: $0.60 per million text tokens in, $12 per million audio tokens out', () => {
    const c = cost('openai:gpt-4o-mini-tts', 'speak', { inputTokens: reported(877), outputTokens: reported(5_300) });
    assertUsd(c.usd, (877 * 0.6 + 5_300 * 12) / 1e6);
  });

  it('gpt-4o-mini-tts without token usage (binary response) → usd undefined, not a guess from characters', () => {
    const c = cost('openai:gpt-4o-mini-tts', 'speak', { characters: reported(4_096), inputTokens: missing(), outputTokens: missing() });
    assert.equal(c.usd, undefined);
    assert.equal(c.unpriced, 'missing_usage');
  });

  it('whisper-1: $0.006 per minute', () => {
    const c = cost('openai:whisper-1', 'transcribe', { audioSeconds: reported(95.5) });
    assertUsd(c.usd, (95.5 / 60) * 0.006);
  });

  it('whisper-1 without the duration (text response format) → usd undefined', () => {
    assert.equal(cost('openai:whisper-1', 'transcribe', { audioSeconds: missing() }).usd, undefined);
  });

  it('gpt-4o-transcribe: input tokens at the audio rate ($6/M), output at $10/M', () => {
    const c = cost('openai:gpt-4o-transcribe', 'transcribe', { inputTokens: reported(1_500), outputTokens: reported(220) });
    assertUsd(c.usd, (1_500 * 6 + 220 * 10) / 1e6);
  });

  it('gpt-4o-mini-transcribe: $3/M audio in, $5/M out', () => {
    const c = cost('openai:gpt-4o-mini-transcribe', 'transcribe', { inputTokens: reported(1_500), outputTokens: reported(220) });
    assertUsd(c.usd, (1_500 * 3 + 220 * 5) / 1e6);
  });

  it('the table agrees with genai-prices where both price the model', () => {
    const whisper = calcPrice({ audio_seconds: 95.5 }, 'whisper-1', { providerId: 'openai', timestamp: TIME });
    assertUsd(cost('openai:whisper-1', 'transcribe', { audioSeconds: reported(95.5) }).usd, whisper?.total_price ?? NaN);
    const tts = calcPrice({ input_tokens: 877, output_tokens: 5_300 }, 'gpt-4o-mini-tts', { providerId: 'openai', timestamp: TIME });
    assertUsd(cost('openai:gpt-4o-mini-tts', 'speak', { inputTokens: reported(877), outputTokens: reported(5_300) }).usd, tts?.total_price ?? NaN);
    const stt = calcPrice({ input_tokens: 1_500, input_audio_tokens: 1_500, output_tokens: 220 }, 'gpt-4o-transcribe', {
      providerId: 'openai',
      timestamp: TIME,
    });
    assertUsd(cost('openai:gpt-4o-transcribe', 'transcribe', { inputTokens: reported(1_500), outputTokens: reported(220) }).usd, stt?.total_price ?? NaN);
  });
});

describe('ElevenLabs prices (credits × dollars per credit by plan)', () => {
  // Plans (aimeter table, 2026-11-23, UNCONFIRMED): creator $22 / 100,000 credits, pro $99 / 500,000,
  // scale $330 / 2,000,000, business $1,320 / 11,000,000. Default plan: creator.

  it('multilingual v2: 1,000 characters bill 1,000 credits (character-cost), creator plan by default', () => {
    const c = cost('elevenlabs:eleven_multilingual_v2', 'speak', { characters: reported(1_000), credits: reported(1_000) });
    assertUsd(c.usd, 1_000 * (22 / 121_000));
    assert.equal(c.snapshot.source, 'aimeter:elevenlabs');
    assert.equal(c.snapshot.version, '2026-05-04;plan=creator');
    assert.deepEqual(c.snapshot.rates, { credit: 22 / 121_000 });
  });

  it('flash v2.5: the same 1,000 characters bill 500 credits, half the cost', () => {
    const c = cost('elevenlabs:eleven_flash_v2_5', 'streamSpeak', { characters: reported(1_000), credits: reported(500) });
    assertUsd(c.usd, 500 * (22 / 121_000));
  });

  it('the reported credits are priced as they are, whatever the characters', () => {
    const c = cost('elevenlabs:eleven_turbo_v2_5', 'speak', { characters: reported(1_000), credits: reported(730) });
    assertUsd(c.usd, 730 * (22 / 121_000));
  });

  it('credits unknown: derived from characters, flash at 0.5 credit per character (rounded up)', () => {
    const c = cost('elevenlabs:eleven_flash_v2_5', 'speak', { characters: reported(1_001), credits: missing() });
    assertUsd(c.usd, Math.ceil(1_001 * 0.5) * (22 / 121_000));
    assert.deepEqual(c.snapshot.rates, { credit: 22 / 121_000, creditsPerCharacter: 0.5 });
  });

  it('credits unknown: multilingual and v3 at 1 credit per character', () => {
    assertUsd(cost('elevenlabs:eleven_multilingual_v2', 'speak', { characters: reported(777) }).usd, 777 * (22 / 121_000));
    assertUsd(cost('elevenlabs:eleven_v3', 'speak', { characters: estimated(300) }).usd, 300 * (22 / 121_000));
  });

  for (const [plan, usdPerMonth, credits, oldUsd, oldCredits] of [
    ['starter', 6, 30_000, 5, 30_000],
    ['pro', 99, 600_000, 99, 500_000],
    ['scale', 299, 1_800_000, 330, 2_000_000],
    ['business', 990, 6_000_000, 1_320, 11_000_000],
  ] as const) {
    it(`plan ${plan}: $${usdPerMonth} / ${credits} credits (elevenlabs.io/pricing 2026-05); before 2026-05-04 the older table`, () => {
      const planned = createCostCalculator({ source: defaultPriceSource({ elevenlabs: { plan } }) });
      const c = planned.cost(query('elevenlabs:eleven_multilingual_v2', 'speak', { credits: reported(12_345) }));
      assertUsd(c.usd, 12_345 * (usdPerMonth / credits));
      assert.equal(c.snapshot.version, `2026-05-04;plan=${plan}`);
      const old = planned.cost({ ...query('elevenlabs:eleven_multilingual_v2', 'speak', { credits: reported(12_345) }), time: new Date('2026-05-03T23:59:59Z') });
      assertUsd(old.usd, 12_345 * (oldUsd / oldCredits));
      assert.equal(old.snapshot.version, `2025-08-05;plan=${plan}`);
    });
  }

  it('a set price per credit and credits-per-character factor win over the table', () => {
    const custom = createCostCalculator({
      source: defaultPriceSource({ elevenlabs: { usdPerCredit: 0.00015, creditsPerCharacter: { eleven_flash_v2_5: 0.4 } } }),
    });
    const c = custom.cost(query('elevenlabs:eleven_flash_v2_5', 'speak', { characters: reported(1_000), credits: missing() }));
    assertUsd(c.usd, Math.ceil(1_000 * 0.4) * 0.00015);
  });

  it('credits and characters both missing → usd undefined', () => {
    const c = cost('elevenlabs:eleven_flash_v2_5', 'speak', { characters: missing(), credits: missing() });
    assert.equal(c.usd, undefined);
    assert.equal(c.unpriced, 'missing_usage');
  });

  it('an unknown ElevenLabs model is priced by its reported credits, unknown without them', () => {
    assertUsd(cost('elevenlabs:eleven_future_v9', 'speak', { credits: reported(200) }).usd, 200 * (22 / 121_000));
    const c = cost('elevenlabs:eleven_future_v9', 'speak', { characters: reported(200), credits: missing() });
    assert.equal(c.usd, undefined);
    assert.equal(c.unpriced, 'unknown_model');
  });

  it('invalid ElevenLabs options → ConfigError naming the field', () => {
    assert.ok(isConfigError(() => defaultPriceSource({ elevenlabs: { plan: 'platinum' as 'pro' } }), 'elevenlabs.plan'));
    assert.ok(isConfigError(() => defaultPriceSource({ elevenlabs: { usdPerCredit: -1 } }), 'elevenlabs.usdPerCredit'));
    assert.ok(
      isConfigError(() => defaultPriceSource({ elevenlabs: { creditsPerCharacter: { eleven_v3: Number.NaN } } }), 'elevenlabs.creditsPerCharacter.eleven_v3'),
    );
  });
});
