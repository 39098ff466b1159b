// The retry middleware on its own: which failures it retries, the delays it picks, and that it gives up cleanly.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnyCallResult } from '../../src/call-result.js';
import { compose } from '../../src/compose.js';
import type { CallContext } from '../../src/context.js';
import { AbortedError } from '../../src/errors/aborted-error.js';
import { ConfigError } from '../../src/errors/config-error.js';
import { ProviderError, type ProviderErrorKind } from '../../src/errors/provider-error.js';
import type { RetryEvent } from '../../src/events.js';
import { retry, type RetryOptions } from '../../src/middleware/retry.js';
import { testContext } from '../support/context.js';

const ok: AnyCallResult = { output: { text: 'ok', toolCalls: [], finishReason: 'stop' }, usage: { requests: 1 } };
const fail = (kind: ProviderErrorKind, extra: Partial<ConstructorParameters<typeof ProviderError>[1]> = {}): ProviderError =>
  new ProviderError(`failed: ${kind}`, { provider: 'test', kind, status: 500, ...extra });

/** Runs retry over a terminal that fails with `failures` in order, then succeeds. */
async function run(failures: Error[], options: RetryOptions = {}, ctx: CallContext = testContext()) {
  const retries: RetryEvent[] = [];
  const context = { ...ctx, emit: ((name: string, payload: RetryEvent) => name === 'retry' && retries.push(payload)) as CallContext['emit'] } as CallContext;
  const attempts: number[] = [];
  const handler = compose([retry({ baseDelayMs: 1, random: () => 0, ...options })], (c) => {
    attempts.push(c.attempt);
    const failure = failures.shift();
    return failure === undefined ? Promise.resolve(ok) : Promise.reject(failure);
  });
  const outcome = await handler(context).then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );
  return { ...outcome, attempts, retries, ctx: context };
}

describe('retry middleware', () => {
  for (const kind of ['rate_limited', 'server', 'network', 'timeout'] as const) {
    it(`retries a ${kind} failure and counts the attempt on ctx.attempt`, async () => {
      const { value, attempts, retries } = await run([fail(kind)]);
      assert.equal(value, ok);
      assert.deepEqual(attempts, [1, 2]);
      assert.equal(retries.length, 1);
      assert.equal(retries[0]!.reason, kind);
      assert.equal(retries[0]!.attempt, 1);
    });
  }

  for (const kind of ['auth', 'invalid_request'] as const) {
    it(`never retries ${kind}`, async () => {
      const failure = fail(kind, { status: 401 });
      const { error, attempts, retries } = await run([failure, failure]);
      assert.equal(error, failure);
      assert.deepEqual(attempts, [1]);
      assert.equal(retries.length, 0);
    });
  }

  // The QuotaExhaustedError the caller then gets (resetAt and all) is the client's: test/errors/quota-exhausted-error.test.ts.
  it('never retries quota_exhausted: the provider error goes on out of the layer, after one attempt', async () => {
    const resetAt = new Date('2026-12-01T08:00:00Z');
    const failure = fail('quota_exhausted', { status: 429, quota: 'per_day', resetAt, providerCode: 'RESOURCE_EXHAUSTED' });
    const { error, attempts, retries } = await run([failure]);
    assert.equal(error, failure);
    assert.deepEqual(attempts, [1]);
    assert.equal(retries.length, 0);
  });

  it('does not retry errors that are not provider errors', async () => {
    const bug = new TypeError('adapter bug');
    const { error, attempts } = await run([bug]);
    assert.equal(error, bug);
    assert.deepEqual(attempts, [1]);
  });

  it('stops after `retries` retries and throws the last failure', async () => {
    const failures = [fail('server', { requestId: 'a' }), fail('server', { requestId: 'b' }), fail('server', { requestId: 'c' }), fail('server', { requestId: 'd' })];
    const { error, attempts, retries } = await run([...failures], { retries: 2 });
    assert.equal(error, failures[2]);
    assert.deepEqual(attempts, [1, 2, 3]);
    assert.deepEqual(retries.map((r) => r.attempt), [1, 2]);
  });

  it('retries: 0 makes one attempt', async () => {
    const { attempts } = await run([fail('server')], { retries: 0 });
    assert.deepEqual(attempts, [1]);
  });

  it('uses the provider delay, capped by maxRetryAfterMs; else exponential backoff with jitter', async () => {
    const asked = await run([fail('rate_limited', { retryAfterMs: 7 })]);
    assert.equal(asked.retries[0]!.delayMs, 7);
    const capped = await run([fail('rate_limited', { retryAfterMs: 3_600_000 })], { maxRetryAfterMs: 5 });
    assert.equal(capped.retries[0]!.delayMs, 5);
    const backoff = await run([fail('server'), fail('server'), fail('server')], { retries: 3, baseDelayMs: 2, maxDelayMs: 6, random: () => 0 });
    assert.deepEqual(backoff.retries.map((r) => r.delayMs), [2, 4, 6]);
    const jittered = await run([fail('server')], { baseDelayMs: 8, jitter: 0.5, random: () => 0.5 });
    assert.equal(jittered.retries[0]!.delayMs, 6);
  });

  it('an abort during the backoff ends the call at once with AbortedError and no further attempt', async () => {
    const controller = new AbortController();
    const ctx = { ...testContext(), signal: controller.signal } as CallContext;
    const pending = run([fail('rate_limited', { retryAfterMs: 60_000 })], {}, ctx);
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error('barge-in'));
    const { error, attempts } = await pending;
    assert.ok(AbortedError.isInstance(error));
    assert.deepEqual(attempts, [1]);
  });

  it('does not retry once the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const ctx = { ...testContext(), signal: controller.signal } as CallContext;
    const { error, attempts } = await run([fail('network')], {}, ctx);
    assert.ok(AbortedError.isInstance(error));
    assert.deepEqual(attempts, [1]);
  });

  it('gives up when the next delay would pass the deadline', async () => {
    const failure = fail('rate_limited', { retryAfterMs: 1_000 });
    const { error, attempts, retries } = await run([failure], { deadlineMs: 500 });
    assert.equal(error, failure);
    assert.deepEqual(attempts, [1]);
    assert.equal(retries.length, 0);
  });

  it('returns a stream result as is: a failure inside the stream is never retried', async () => {
    const stream: AnyCallResult = { stream: (async function* () {})(), final: new Promise(() => undefined) };
    let calls = 0;
    const handler = compose([retry()], () => {
      calls += 1;
      return Promise.resolve(stream);
    });
    assert.equal(await handler(testContext()), stream);
    assert.equal(calls, 1);
  });

  it('rejects bad options with ConfigError naming the field', () => {
    assert.throws(() => retry({ retries: -1 }), (e: unknown) => ConfigError.isInstance(e) && e.field === 'retry.retries');
    assert.throws(() => retry({ retries: 1.5 }), (e: unknown) => ConfigError.isInstance(e) && e.field === 'retry.retries');
    assert.throws(() => retry({ jitter: 2 }), (e: unknown) => ConfigError.isInstance(e) && e.field === 'retry.jitter');
    assert.throws(() => retry({ retryOn: ['auth'] }), (e: unknown) => ConfigError.isInstance(e) && e.field === 'retry.retryOn');
    assert.throws(() => retry({ maxRetryAfterMs: Number.NaN }), (e: unknown) => ConfigError.isInstance(e) && e.field === 'retry.maxRetryAfterMs');
  });
});
