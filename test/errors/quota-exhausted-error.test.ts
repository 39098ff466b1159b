// A used-up quota reaches the caller as QuotaExhaustedError, from one place in the client, whether retries are on or off.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAIClient } from '../../src/client/index.js';
import { ProviderError } from '../../src/errors/provider-error.js';
import { QuotaExhaustedError } from '../../src/errors/quota-exhausted-error.js';
import type { ErrorEvent } from '../../src/events.js';
import { chatRequest } from '../support/fixtures.js';
import { testAdapter } from '../support/test-adapter.js';

describe('QuotaExhaustedError', () => {
  for (const retry of [undefined, false] as const) {
    it(`a quota_exhausted provider error fails the call as QuotaExhaustedError with resetAt, after one attempt (retry: ${String(retry ?? 'default')})`, async () => {
      const resetAt = new Date('2026-12-01T08:00:00Z');
      const failure = new ProviderError('quota used up', { provider: 'test', kind: 'quota_exhausted', status: 429, quota: 'per_day', resetAt, providerCode: 'RESOURCE_EXHAUSTED' });
      const adapter = testAdapter({ error: () => failure });
      const ai = createAIClient({ providers: { test: adapter }, flushOnExit: false, ...(retry === undefined ? {} : { retry }) });
      const events: ErrorEvent[] = [];
      ai.on('error', (e) => events.push(e));
      const error = await ai.chat(chatRequest()).catch((e: unknown) => e);
      assert.ok(QuotaExhaustedError.isInstance(error), String(error));
      assert.equal(ProviderError.isInstance(error), false);
      assert.deepEqual([error.provider, error.quota, error.resetAt, error.status, error.providerCode, error.kind], ['test', 'per_day', resetAt, 429, 'RESOURCE_EXHAUSTED', 'quota_exhausted']);
      assert.equal(error.cause, failure);
      assert.equal(adapter.calls.length, 1);
      assert.ok(QuotaExhaustedError.isInstance(events[0]?.error), 'error listeners see what the caller catches');
      await ai.close();
    });
  }

  it('middleware inside the call see the provider error itself', async () => {
    const failure = new ProviderError('quota used up', { provider: 'test', kind: 'quota_exhausted', status: 429 });
    const ai = createAIClient({ providers: { test: testAdapter({ error: () => failure }) }, flushOnExit: false });
    let seen: unknown;
    ai.use((_ctx, next) => next().catch((error: unknown) => Promise.reject((seen = error))));
    await ai.chat(chatRequest()).catch(() => undefined);
    assert.equal(seen, failure);
    await ai.close();
  });
});
