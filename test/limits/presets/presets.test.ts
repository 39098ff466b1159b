// Plan presets are plain policies the limiter accepts, aligned to each provider's own resets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLimiter } from '../../../src/limits/limiter.js';
import { elevenlabsPlan } from '../../../src/limits/presets/elevenlabs-plan.js';
import { GEMINI_FREE_TIER, geminiFreeTier } from '../../../src/limits/presets/gemini-free-tier.js';
import { openaiTier } from '../../../src/limits/presets/openai-tier.js';
import { manualClock } from '../../support/limits-clock.js';

describe('plan presets', () => {
  it('Gemini free tier: RPM, TPM and a requests-per-day counter per model, shared across keys, resetting at midnight Pacific', async () => {
    const limiter = createLimiter({ policies: geminiFreeTier(), clock: manualClock(Date.parse('2026-07-01T20:00:00Z')) });
    const rows = await limiter.headroom({ provider: 'gemini', model: 'gemini-2.5-flash', keyFingerprint: 'k1' });
    assert.deepEqual(rows.map((r) => [r.unit, r.limit, r.scope]), [['requests', 10], ['tokens', 250_000], ['requests', 250]].map((r) => [...r, '']));
    assert.equal(rows[2]!.resetAt?.toISOString(), '2026-07-02T07:00:00.000Z');
    const custom = geminiFreeTier({ models: { ...GEMINI_FREE_TIER, 'gemini-2.5-flash': { rpm: 1, tpm: 1, rpd: 1 } } });
    assert.equal(custom.find((p) => p.name === 'gemini:gemini-2.5-flash:rpd')?.limit, 1);
  });

  it('ElevenLabs plan: monthly credits from the anchor day per key, refused when used up, and the right concurrency per model', async () => {
    const limiter = createLimiter({ policies: elevenlabsPlan('creator', { anchorDay: 15 }), clock: manualClock(Date.parse('2026-07-20T00:00:00Z')) });
    const flash = await limiter.headroom({ provider: 'elevenlabs', model: 'eleven_flash_v2_5', keyFingerprint: 'k1' });
    assert.deepEqual(flash.map((r) => [r.policy, r.limit, r.scope]), [['elevenlabs:credits', 121_000, 'key=k1'], ['elevenlabs:fast-concurrency', 10, 'key=k1']]);
    assert.equal(flash[0]!.resetAt?.toISOString(), '2026-08-15T00:00:00.000Z');
    const multilingual = await limiter.headroom({ provider: 'elevenlabs', model: 'eleven_multilingual_v2', keyFingerprint: 'k1' });
    assert.deepEqual(multilingual.map((r) => [r.policy, r.limit]), [['elevenlabs:credits', 121_000], ['elevenlabs:concurrency', 5]]);
    assert.equal(limiter.policies[0]!.action, 'reject');
  });

  it('OpenAI tier: RPM and TPM per model and key', async () => {
    const limiter = createLimiter({ policies: openaiTier(1) });
    const rows = await limiter.headroom({ provider: 'openai', model: 'gpt-4o-mini', keyFingerprint: 'k1' });
    assert.deepEqual(rows.map((r) => [r.unit, r.limit, r.scope]), [['requests', 500, 'key=k1'], ['tokens', 200_000, 'key=k1']]);
  });
});
