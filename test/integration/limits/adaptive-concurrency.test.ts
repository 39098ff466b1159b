// Issue 16: ElevenLabs announces an account's concurrency in `current-concurrent-requests` /
// `maximum-concurrent-requests` (read through @elevenlabs/elevenlabs-js 2.x's `.withRawResponse()`); adaptive
// throttling holds calls beyond the maximum back instead of running into 429 `too_many_concurrent_requests`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAIClient } from '../../../src/client/index.js';
import { ProviderError } from '../../../src/errors/provider-error.js';
import type { LimitedEvent } from '../../../src/events.js';
import { elevenlabs } from '../../../src/providers/elevenlabs/index.js';
import { fakeKey, VOICE } from '../../support/providers/elevenlabs.js';
import { useSimulator } from '../../support/use-simulator.js';

const MAXIMUM = 2;
const CALLS = 8;

describe('adaptive throttling on announced concurrency (ElevenLabs, @elevenlabs/elevenlabs-js)', () => {
  const sim = useSimulator({ chunkIntervalMs: 15, quotas: { elevenlabs: { concurrency: MAXIMUM } } });

  async function burst(adaptive: boolean): Promise<{ statuses: number[]; failures: unknown[]; limited: LimitedEvent[] }> {
    const ai = createAIClient({
      providers: { elevenlabs: elevenlabs({ sdk: '@elevenlabs/elevenlabs-js', baseURL: sim.elevenlabsBaseUrl }) },
      keys: { byProvider: { elevenlabs: fakeKey() } },
      retry: false,
      limits: { policies: [], adaptive },
      flushOnExit: false,
      env: {},
    });
    const limited: LimitedEvent[] = [];
    ai.on('limited', (e) => limited.push(e));
    try {
      const speak = () => ai.speak({ model: 'elevenlabs:eleven_flash_v2_5', voice: VOICE, text: 'A sentence long enough to take a while. '.repeat(3) });
      await speak(); // the first reply announces the maximum
      const outcomes = await Promise.allSettled(Array.from({ length: CALLS }, speak));
      await sim.settled();
      const failures = outcomes.flatMap((o): unknown[] => (o.status === 'rejected' ? [o.reason] : []));
      return { statuses: sim.requests.map((r) => r.status ?? 0), failures, limited };
    } finally {
      await ai.close();
    }
  }

  it(`with adaptive on: ${CALLS} concurrent calls, never more than ${MAXIMUM} in flight, no 429`, async () => {
    const { statuses, failures, limited } = await burst(true);
    assert.deepEqual(failures, []);
    assert.deepEqual(statuses, Array.from({ length: CALLS + 1 }, () => 200));
    assert.ok(limited.length >= CALLS - MAXIMUM, `${limited.length} limited events`);
    assert.ok(limited.every((e) => e.policy === 'adaptive' && e.unit === 'concurrent' && e.action === 'wait'));
  });

  it('with adaptive off: the same burst runs into 429 too_many_concurrent_requests', async () => {
    const { statuses, failures } = await burst(false);
    assert.ok(statuses.includes(429));
    assert.ok(failures.length > 0 && failures.every((e) => ProviderError.isInstance(e) && e.quota === 'concurrency'));
  });
});
