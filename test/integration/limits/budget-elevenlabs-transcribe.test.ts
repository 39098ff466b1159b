// Issue 16: a USD budget holds ElevenLabs speech-to-text (Scribe, billed by the audio's duration at the plan's
// price per hour) to its cap, with either SDK generation: each call reserves its audio's length
// (limits/policy/estimate-audio.ts) priced at the Scribe rate, and settles what the reply's duration costs.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createAIClient } from '../../../src/client/index.js';
import { RateLimitedError } from '../../../src/errors/rate-limited-error.js';
import { memoryStore } from '../../../src/limits/stores/memory-store.js';
import { elevenlabs } from '../../../src/providers/elevenlabs/index.js';
import type { UsageEvent } from '../../../src/usage-event.js';
import { fakeKey } from '../../support/providers/elevenlabs.js';
import { wav } from '../../support/providers/openai.js';
import { ELEVENLABS_SDKS } from '../../support/sdk-generations.js';
import { useSimulator } from '../../support/use-simulator.js';

const CALLS = 200;
// 36 s of audio at Creator's $0.35 an hour is $0.0035: the cap ($0.0176) admits 5 of them, whatever the order.
const CAP = 0.0176;
const SECONDS = 36;

for (const sdk of ELEVENLABS_SDKS) {
  describe(`a USD budget on ElevenLabs transcribe (${sdk})`, { timeout: 120_000 }, () => {
    const sim = useSimulator();

    it(`${CALLS} concurrent Scribe calls: admitted to the cap, the counter equal to what was billed`, async () => {
      const ai = createAIClient({
        providers: { elevenlabs: elevenlabs({ sdk, baseURL: sim.elevenlabsBaseUrl }) },
        keys: { byProvider: { elevenlabs: fakeKey() }, dotenv: false },
        limits: { policies: [{ name: `scribe-${randomBytes(4).toString('hex')}`, unit: 'usd', limit: CAP, window: 'month', action: 'reject' }], store: memoryStore(), adaptive: false },
        retry: false,
        flushOnExit: false,
        env: {},
      });
      const events: UsageEvent[] = [];
      ai.on('usage', (e) => events.push(e));
      const audio = wav(SECONDS);
      const outcomes = await Promise.allSettled(Array.from({ length: CALLS }, () => ai.transcribe({ model: 'elevenlabs:scribe_v2', audio, fileName: 'turn.wav' })));
      for (const o of outcomes) if (o.status === 'rejected') assert.ok(RateLimitedError.isInstance(o.reason), String(o.reason));
      const [counter] = (await ai.limits?.headroom({ provider: 'elevenlabs', model: 'scribe_v2' })) ?? [];
      await ai.close();
      const admitted = outcomes.filter((o) => o.status === 'fulfilled').length;
      const spent = events.reduce((sum, e) => sum + (e.cost?.usd ?? 0), 0);
      assert.equal(admitted, 5, `admitted ${admitted} of ${CALLS}`);
      assert.equal(sim.requests.length, 5);
      assert.ok(Math.abs(spent - 5 * 0.0035) < 1e-12, `spent ${spent}`);
      assert.ok(Math.abs((counter?.used ?? NaN) - spent) < 1e-12, `the counter (${counter?.used}) holds what was billed (${spent})`);
      for (const e of events) assert.deepEqual(e.usage.audioSeconds, { value: SECONDS, provenance: 'reported' });
    });
  });
}
