// The rateLimit middleware inside the client: what it reserves, what it settles to, and its events.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAIClient } from '../../src/client/index.js';
import { ProviderError } from '../../src/errors/provider-error.js';
import { RateLimitedError } from '../../src/errors/rate-limited-error.js';
import type { LimitedEvent, WarningEvent } from '../../src/events.js';
import { createLimiter, type Limiter } from '../../src/limits/limiter.js';
import type { LimitPolicy } from '../../src/limits/policy/limit-policy.js';
import { chatRequest } from '../support/fixtures.js';
import { testAdapter, type TestAdapterOptions } from '../support/test-adapter.js';

const subject = { provider: 'test', model: 'm1' };

function client(policies: LimitPolicy[], adapter: TestAdapterOptions = {}) {
  const limiter = createLimiter({ policies });
  const ai = createAIClient({ providers: { test: testAdapter(adapter) }, limits: limiter, retry: false, pricing: false });
  return { ai, limiter };
}

describe('rateLimit middleware', () => {
  it('settles to the reported usage', async () => {
    const { ai, limiter } = client([{ name: 'tpm', unit: 'tokens', limit: 1_000, window: 'minute' }]);
    await ai.chat(chatRequest({ maxOutputTokens: 100 }));
    const [tpm] = await limiter.headroom(subject);
    assert.equal(tpm!.used, 7, 'the test adapter reports 5 input + 2 output tokens');
  });

  it('refuses with RateLimitedError and a limited event, before anything is sent', async () => {
    const adapter = testAdapter();
    const limiter = createLimiter({ policies: [{ name: 'rpm', unit: 'requests', limit: 1, window: 'minute', action: 'reject' }] });
    const ai = createAIClient({ providers: { test: adapter }, limits: limiter, retry: false, pricing: false });
    const limited: LimitedEvent[] = [];
    ai.on('limited', (e) => limited.push(e));
    await ai.chat(chatRequest());
    const error = await ai.chat(chatRequest()).catch((e: unknown) => e);
    assert.ok(RateLimitedError.isInstance(error));
    assert.equal(adapter.calls.length, 1);
    assert.deepEqual(limited.map((e) => [e.policy, e.action, e.attempt, e.callId.length > 0]), [['rpm', 'reject', 1, true]]);
  });

  it('a limiter that throws instead of rejecting fails the call with its error, before anything is sent', async () => {
    const adapter = testAdapter();
    const limiter = createLimiter({ policies: [{ name: 'rpm', unit: 'requests', limit: 10, window: 'minute' }] });
    const broken: Limiter = {
      ...limiter,
      acquire: () => {
        throw new Error('the store exploded');
      },
    };
    const ai = createAIClient({ providers: { test: adapter }, limits: broken, retry: false, pricing: false });
    await assert.rejects(ai.chat(chatRequest()), /the store exploded/);
    assert.equal(adapter.calls.length, 0);
  });

  it('an error reply settles to one request and no tokens; a failure without reply to nothing', async () => {
    const withStatus = client(
      [{ name: 'rpm', unit: 'requests', limit: 10, window: 'minute' }, { name: 'tpm', unit: 'tokens', limit: 10_000, window: 'minute' }],
      { error: () => new ProviderError('boom', { provider: 'test', kind: 'server', status: 500 }) },
    );
    await assert.rejects(withStatus.ai.chat(chatRequest()));
    assert.deepEqual((await withStatus.limiter.headroom(subject)).map((h) => h.used), [1, 0]);
    const noReply = client([{ name: 'rpm', unit: 'requests', limit: 10, window: 'minute' }], { error: () => new ProviderError('refused', { provider: 'test', kind: 'network' }) });
    await assert.rejects(noReply.ai.chat(chatRequest()));
    assert.deepEqual((await noReply.limiter.headroom(subject)).map((h) => h.used), [0]);
  });

  it('a stream settles when it ends, to the usage of what was streamed', async () => {
    const { ai, limiter } = client([{ name: 'tpm', unit: 'tokens', limit: 10_000, window: 'minute' }, { name: 'slots', unit: 'concurrent', limit: 1 }], { deltas: 4 });
    const stream = ai.streamChat(chatRequest({ maxOutputTokens: 50 }));
    let seen = 0;
    for await (const _ of stream) if (++seen === 2) break;
    await stream.final;
    const [tpm, slots] = await limiter.headroom(subject);
    assert.equal(tpm!.used, 5 + 2, '5 estimated input + the 2 chunks received');
    assert.equal(slots!.used, 0, 'the concurrency slot is free again');
  });

  it('retries reserve again: each attempt counts against the limits', async () => {
    const adapter = testAdapter({ error: () => new ProviderError('busy', { provider: 'test', kind: 'server', status: 503 }) });
    const limiter = createLimiter({ policies: [{ name: 'rpm', unit: 'requests', limit: 10, window: 'minute' }] });
    const ai = createAIClient({ providers: { test: adapter }, limits: limiter, retry: { retries: 2, baseDelayMs: 1 }, pricing: false });
    const attempts: number[] = [];
    ai.on('usage', (e) => attempts.push(e.attempt));
    await assert.rejects(ai.chat(chatRequest()));
    assert.deepEqual(attempts, [1, 2, 3]);
    assert.equal((await limiter.headroom(subject))[0]!.used, 3);
  });

  it('a settle that fails (rejects or throws) leaves the call answered and emits a limit_settle_failed warning', async () => {
    for (const failure of ['reject', 'throw'] as const) {
      const inner = createLimiter({ policies: [{ name: 'rpm', unit: 'requests', limit: 10, window: 'minute' }] });
      const limiter: Limiter = {
        ...inner,
        acquire: async (...args) => {
          const reservation = await inner.acquire(...args);
          return {
            waitedMs: reservation.waitedMs,
            settle: () => {
              if (failure === 'throw') throw new Error('store went away');
              return Promise.reject(new Error('store went away'));
            },
          };
        },
      };
      const ai = createAIClient({ providers: { test: testAdapter() }, limits: limiter, retry: false, pricing: false });
      const warnings: WarningEvent[] = [];
      ai.on('warning', (w) => warnings.push(w));
      const reply = await ai.chat(chatRequest());
      assert.equal(reply.usage.requests, 1, failure);
      assert.deepEqual(warnings.map((w) => w.code), ['limit_settle_failed'], failure);
      assert.match(warnings[0]!.message, /store went away/);
    }
  });
});

