// The retry layer's waits, run by p-retry: the backoff it schedules, the provider's delay on top, and how an abort
// or a shutdown ends a wait but never an attempt in flight.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnyCallResult } from '../../src/call-result.js';
import { compose } from '../../src/compose.js';
import type { CallContext } from '../../src/context.js';
import { AbortedError } from '../../src/errors/aborted-error.js';
import { ClientClosedError } from '../../src/errors/client-closed-error.js';
import { ProviderError } from '../../src/errors/provider-error.js';
import type { RetryEvent } from '../../src/events.js';
import { retry, type RetryOptions } from '../../src/middleware/retry.js';
import { testContext } from '../support/context.js';
import { deferred, turn } from '../support/deferred.js';

const ok: AnyCallResult = { output: { text: 'ok', toolCalls: [], finishReason: 'stop' }, usage: { requests: 1 } };
const overloaded = (extra: { retryAfterMs?: number; requestId?: string } = {}): ProviderError =>
  new ProviderError('overloaded', { provider: 'test', kind: 'server', status: 503, ...extra });

/** A call through retry alone, whose attempts answer from `attempt(n)`; `retries` records the retry events. */
function call(options: RetryOptions, attempt: (n: number) => Promise<AnyCallResult>, extra: { signal?: AbortSignal; closing?: AbortSignal } = {}) {
  const retries: RetryEvent[] = [];
  const attempts: number[] = [];
  const ctx = { ...testContext(((name: string, e: RetryEvent) => name === 'retry' && retries.push(e)) as CallContext['emit']), signal: extra.signal } as CallContext;
  const handler = compose([retry(options, extra.closing)], (c) => {
    attempts.push(c.attempt);
    return attempt(attempts.length);
  });
  let settled = false;
  const outcome = handler(ctx).then(
    (value) => ({ value, error: undefined as unknown }),
    (error: unknown) => ({ value: undefined, error }),
  );
  void outcome.finally(() => (settled = true));
  return { outcome, retries, attempts, isSettled: () => settled };
}

/** Turns enough for p-retry to load, run its callbacks and schedule its wait. */
async function turns(n = 20): Promise<void> {
  for (let i = 0; i < n; i++) await turn();
}

describe('retry waits (p-retry)', () => {
  it('p-retry waits exactly the backoff the retry events report: doubling from baseDelayMs up to maxDelayMs', async (t) => {
    const scheduled: number[] = [];
    const original = globalThis.setTimeout;
    t.mock.method(globalThis, 'setTimeout', ((fn: () => void, ms?: number) => {
      scheduled.push(ms ?? 0);
      return original(fn, ms);
    }) as typeof setTimeout);
    const { outcome, retries } = call({ retries: 3, baseDelayMs: 2, maxDelayMs: 6, random: () => 0 }, (n) => (n <= 3 ? Promise.reject(overloaded()) : Promise.resolve(ok)));
    assert.equal((await outcome).value, ok);
    assert.deepEqual(retries.map((r) => r.delayMs), [2, 4, 6]);
    assert.deepEqual(scheduled, [2, 4, 6]);
  });

  it('jitter shortens the backoff by up to `jitter` of it, drawn once per call', async () => {
    const { outcome, retries } = call({ retries: 2, baseDelayMs: 8, jitter: 0.5, random: () => 0.5 }, (n) => (n <= 2 ? Promise.reject(overloaded()) : Promise.resolve(ok)));
    await outcome;
    assert.deepEqual(retries.map((r) => r.delayMs), [6, 12]);
  });

  it('a provider delay longer than the backoff is waited in full; a shorter one waits the backoff', async () => {
    const { outcome, retries } = call({ retries: 2, baseDelayMs: 4, random: () => 0 }, (n) =>
      n === 1 ? Promise.reject(overloaded({ retryAfterMs: 9 })) : n === 2 ? Promise.reject(overloaded({ retryAfterMs: 1 })) : Promise.resolve(ok),
    );
    assert.equal((await outcome).value, ok);
    assert.deepEqual(retries.map((r) => r.delayMs), [9, 8]);
  });

  it('an abort during the backoff ends the call at once with AbortedError, and no further attempt is sent', async () => {
    const controller = new AbortController();
    const { outcome, attempts, retries, isSettled } = call({ baseDelayMs: 60_000, maxDelayMs: 60_000, jitter: 0 }, () => Promise.reject(overloaded()), { signal: controller.signal });
    while (retries.length === 0) await turn();
    controller.abort(new Error('barge-in'));
    await turns(3);
    assert.equal(isSettled(), true, 'the call ended with the abort instead of waiting out its backoff');
    const { error } = await outcome;
    assert.ok(AbortedError.isInstance(error), String(error));
    assert.deepEqual(attempts, [1]);
  });

  it('once the client closes, a call waiting out its backoff fails at once with ClientClosedError, the provider error as cause', async () => {
    const closing = new AbortController();
    const failure = overloaded({ requestId: 'req-1' });
    const { outcome, attempts, retries, isSettled } = call({ baseDelayMs: 60_000, maxDelayMs: 60_000, jitter: 0 }, () => Promise.reject(failure), { closing: closing.signal });
    while (retries.length === 0) await turn();
    closing.abort();
    await turns(3);
    assert.equal(isSettled(), true);
    const { error } = await outcome;
    assert.ok(ClientClosedError.isInstance(error), String(error));
    assert.equal(error.cause, failure);
    assert.deepEqual(attempts, [1]);
  });

  it('an attempt in flight when the client begins to close is left to finish; its failure then ends the call', async () => {
    const closing = new AbortController();
    const second = deferred<AnyCallResult>();
    const failure = overloaded({ requestId: 'second' });
    const { outcome, attempts, isSettled } = call({ baseDelayMs: 1, random: () => 0 }, (n) => (n === 1 ? Promise.reject(overloaded()) : second.promise), { closing: closing.signal });
    while (attempts.length < 2) await turn();
    closing.abort();
    await turns();
    assert.equal(isSettled(), false, 'the attempt in flight is not cut by the shutdown');
    second.reject(failure);
    const { error } = await outcome;
    assert.ok(ClientClosedError.isInstance(error), String(error));
    assert.equal(error.cause, failure);
    assert.deepEqual(attempts, [1, 2]);
  });

  it('an attempt in flight when the client begins to close returns its answer', async () => {
    const closing = new AbortController();
    const second = deferred<AnyCallResult>();
    const { outcome, attempts } = call({ baseDelayMs: 1, random: () => 0 }, (n) => (n === 1 ? Promise.reject(overloaded()) : second.promise), { closing: closing.signal });
    while (attempts.length < 2) await turn();
    closing.abort();
    second.resolve(ok);
    assert.equal((await outcome).value, ok);
  });

  it("the caller gets the attempt's own error, without p-retry's counts written on it", async () => {
    const failures = [overloaded({ requestId: 'a' }), new ProviderError('bad gateway', { provider: 'test', kind: 'server', status: 502 }), overloaded({ requestId: 'c' })];
    const { outcome } = call({ retries: 2, baseDelayMs: 1, random: () => 0 }, (n) => Promise.reject(failures[n - 1]!));
    const { error } = await outcome;
    assert.equal(error, failures[2]);
    for (const failure of failures) assert.deepEqual([Object.hasOwn(failure, 'attemptNumber'), Object.hasOwn(failure, 'retriesLeft')], [false, false]);
  });
});
