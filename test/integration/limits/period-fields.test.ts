// Issue 19: a per-day limit of our own and a provider's per-day quota refuse a call with the same period fields
// (retryAfterMs, resetAt), through the real Gemini SDK and the simulator.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createAIClient } from '../../../src/client/index.js';
import { QuotaExhaustedError } from '../../../src/errors/quota-exhausted-error.js';
import { RateLimitedError, type LimitTiming } from '../../../src/errors/rate-limited-error.js';
import { gemini } from '../../../src/providers/gemini/index.js';
import { nextPacificDayStart } from '../../../src/time/pacific-day.js';
import { useSimulator } from '../../support/use-simulator.js';

const messages = [{ role: 'user' as const, content: 'Hello, world!' }];

describe('a per-day refusal reads the same whoever refused', () => {
  const sim = useSimulator({ quotas: { gemini: { models: { 'gemini-2.5-pro': { rpd: 1 } } } } });

  it('our per-day limit (RateLimitedError) and Gemini per-day quota (QuotaExhaustedError) carry retryAfterMs and resetAt alike', async () => {
    const ai = createAIClient({
      providers: { gemini: gemini({ baseURL: sim.geminiBaseUrl }) },
      keys: { byProvider: { gemini: `AIza${randomBytes(16).toString('hex')}` } },
      limits: { policies: [{ name: 'flash-rpd', unit: 'requests', limit: 1, window: { unit: 'day', timeZone: 'America/Los_Angeles' }, action: 'reject', scope: { model: ['gemini-2.5-flash'] } }] },
      flushOnExit: false,
    });
    const before = Date.now();
    await ai.chat({ model: 'gemini:gemini-2.5-flash', messages });
    await ai.chat({ model: 'gemini:gemini-2.5-pro', messages });
    const ours = await ai.chat({ model: 'gemini:gemini-2.5-flash', messages }).catch((e: unknown) => e);
    const theirs = await ai.chat({ model: 'gemini:gemini-2.5-pro', messages }).catch((e: unknown) => e);
    const after = Date.now();
    await ai.close();
    assert.ok(RateLimitedError.isInstance(ours), String(ours));
    assert.ok(QuotaExhaustedError.isInstance(theirs), String(theirs));
    const reset = nextPacificDayStart(before);
    for (const error of [ours, theirs] as LimitTiming[]) {
      assert.equal(error.resetAt?.getTime(), reset);
      assert.ok(error.retryAfterMs! <= reset - before && error.retryAfterMs! >= reset - after - 1, `retryAfterMs ${error.retryAfterMs}`);
    }
  });
});
