import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../src/errors/config-error.js';
import { elevenlabsCycleTally } from '../../src/report/elevenlabs-cycle.js';
import { estimated, missing, reported, type Usage } from '../../src/usage.js';
import { usageEvent } from '../support/make-usage-event.js';

const speech = (time: string, usage: Usage, provider = 'elevenlabs') => usageEvent({ time, provider, model: 'eleven_flash_v2_5', operation: 'speak', usage });

describe('elevenlabsCycleTally', () => {
  it('counts the ElevenLabs requests of the cycle containing `at`, up to `until`', () => {
    const cycle = elevenlabsCycleTally({ plan: 'creator', anchorDay: 31, at: Date.parse('2026-02-10T00:00:00Z'), until: Date.parse('2026-02-20T00:00:00Z') });
    assert.deepEqual([new Date(cycle.start).toISOString(), new Date(cycle.end).toISOString()], ['2026-01-31T00:00:00.000Z', '2026-02-28T00:00:00.000Z']);
    const events = [
      speech('2026-01-30T23:59:59.999Z', { requests: 1, characters: reported(1), credits: reported(1) }), // before the cycle
      speech('2026-01-31T00:00:00.000Z', { requests: 1, characters: reported(400), credits: reported(200) }),
      speech('2026-02-05T00:00:00.000Z', { requests: 1, characters: reported(100), credits: estimated(50.5) }),
      speech('2026-02-06T00:00:00.000Z', { requests: 1, characters: reported(10), credits: missing() }),
      speech('2026-02-07T00:00:00.000Z', { requests: 1, characters: reported(9), credits: reported(9) }, 'openai'), // not ElevenLabs
      speech('2026-02-20T00:00:00.000Z', { requests: 1, characters: reported(7), credits: reported(7) }), // at `until`
    ];
    for (const event of events) cycle.add(event);
    assert.deepEqual(cycle.result(), {
      plan: 'creator', quotaCredits: 121_000, anchorDay: 31, cycleStart: '2026-01-31T00:00:00.000Z', resetsAt: '2026-02-28T00:00:00.000Z',
      requests: 3, characters: 510, credits: 250.5, percentUsed: (250.5 / 121_000) * 100, remainingCredits: 120_749.5, estimatedCredits: 1, missingCredits: 1,
    });
  });

  it('takes a quota of its own, and reports 0 remaining once over it', () => {
    const cycle = elevenlabsCycleTally({ plan: 'free', quotaCredits: 100, at: Date.parse('2026-11-20T00:00:00Z'), provider: 'voice' });
    cycle.add(speech('2026-11-02T00:00:00Z', { requests: 1, characters: reported(300), credits: reported(150) }, 'voice'));
    const { quotaCredits, anchorDay, credits, percentUsed, remainingCredits } = cycle.result();
    assert.deepEqual([quotaCredits, anchorDay, credits, percentUsed, remainingCredits], [100, 1, 150, 150, 0]);
  });

  it('refuses a missing quota, an unknown plan and a bad anchor day with a ConfigError', () => {
    const at = Date.now();
    assert.throws(() => elevenlabsCycleTally({ at }), (e) => ConfigError.isInstance(e) && e.field === 'quotaCredits');
    assert.throws(() => elevenlabsCycleTally({ at, plan: 'gold' as 'pro' }), (e) => ConfigError.isInstance(e) && e.field === 'plan');
    assert.throws(() => elevenlabsCycleTally({ at, quotaCredits: 10, anchorDay: 0 }), (e) => ConfigError.isInstance(e) && e.field === 'anchorDay');
  });
});
