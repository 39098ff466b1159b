// fallbackStore over a shared store that can be switched off: local counting with one event per switch, settles
// of shared reservations replayed on resume, local reservations settled locally, the local share, errors that
// are not an outage, no timer holding the process, and the client's `limit-store` event, also over a real
// redisStore pointed at a port where nothing listens.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createAIClient } from '../../../src/client/index.js';
import { ConfigError } from '../../../src/errors/config-error.js';
import type { LimitStoreEvent } from '../../../src/events.js';
import { fallbackStore, type FallbackLimitStore } from '../../../src/limits/stores/fallback-store.js';
import type { CounterRequest, CounterState, ReserveResult } from '../../../src/limits/stores/limit-store.js';
import { redisStore } from '../../../src/limits/stores/redis/redis-store.js';
import { runFixture } from '../../support/run-child.js';
import { flakyStore } from '../../support/flaky-store.js';
import { chatRequest } from '../../support/fixtures.js';
import { testAdapter } from '../../support/test-adapter.js';

const rpm = (limit = 10): CounterRequest => ({ key: 'rpm|', limit, amount: 1, window: { type: 'sliding', ms: 60_000 } });
const slots: CounterRequest = { key: 'slots|', limit: 1, amount: 1, window: { type: 'lease', ms: 600_000 } };

function counters(result: ReserveResult): readonly CounterState[] {
  assert.ok(result.ok, 'expected the reservation to fit');
  return result.counters;
}

/** Resolves with the next state change. The probe timer is unref'd, so this holds the process open meanwhile. */
const next = (store: FallbackLimitStore): Promise<LimitStoreEvent> =>
  new Promise((resolve) => {
    const hold = setInterval(() => undefined, 1_000);
    const stop = store.onStateChange((event) => {
      clearInterval(hold);
      stop();
      resolve(event);
    });
  });

describe('fallbackStore', () => {
  it('counts in the shared store while it answers', async () => {
    const flaky = flakyStore();
    const store = fallbackStore(flaky.store);
    const events: LimitStoreEvent[] = [];
    store.onStateChange((e) => events.push(e));
    counters(await store.reserve('a', [rpm()]));
    assert.equal((await flaky.inner.read(rpm())).used, 1);
    assert.equal(await store.claimOnce('alert', Date.now() + 1_000), true);
    assert.deepEqual([store.state, events], ['shared', []]);
    await store.close();
  });

  it('on LimitStoreUnavailableError counts locally, reports the switch once, and never throws', async () => {
    const flaky = flakyStore();
    const store = fallbackStore(flaky.store, { probeMs: 60_000 });
    const events: LimitStoreEvent[] = [];
    store.onStateChange((e) => events.push(e));
    flaky.down = true;
    for (const id of ['a', 'b', 'c']) counters(await store.reserve(id, [rpm()]));
    assert.equal((await store.read(rpm())).used, 3);
    assert.equal(await store.claimOnce('alert', Date.now() + 1_000), true);
    assert.equal(await store.claimOnce('alert', Date.now() + 1_000), false);
    assert.deepEqual(events, [{ store: 'flaky', state: 'fallback', reason: 'limit store "flaky" is unavailable: switched off' }]);
    assert.equal(store.state, 'fallback');
    flaky.down = false;
    assert.equal((await flaky.inner.read(rpm())).used, 0, 'nothing reached the shared store');
    await store.close();
  });

  it('resumes when the shared store answers: settles made meanwhile are replayed there, local reservations settle locally', async () => {
    const flaky = flakyStore();
    const store = fallbackStore(flaky.store, { probeMs: 5 });
    const shared = counters(await store.reserve('shared-lease', [slots, rpm()]));
    flaky.down = true;
    await store.settle('shared-lease', shared.map((c) => ({ slot: c.slot, amount: 0 })));
    assert.equal(store.state, 'fallback');
    const local = counters(await store.reserve('local-lease', [slots]));
    const resumed = next(store);
    flaky.down = false;
    assert.deepEqual(await resumed, { store: 'flaky', state: 'shared', reason: 'flaky answers again' });
    assert.equal((await flaky.inner.read(slots)).used, 0, 'the lease taken in Redis was released there on resume');
    assert.equal((await flaky.inner.read(rpm())).used, 0, 'and the estimate corrected');
    const settlesBefore = flaky.calls.settle;
    await store.settle('local-lease', local.map((c) => ({ slot: c.slot, amount: 0 })));
    assert.equal(flaky.calls.settle, settlesBefore, 'a local reservation never goes to the shared store');
    counters(await store.reserve('after', [slots]));
    assert.equal((await flaky.inner.read(slots)).used, 1, 'counting is shared again, and the local lease is gone');
    await store.close();
  });

  it('localShare bounds what one process takes alone', async () => {
    const flaky = flakyStore();
    flaky.down = true;
    const store = fallbackStore(flaky.store, { localShare: 0.25, probeMs: 60_000 });
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => store.reserve(`r${i}`, [rpm(8)])));
    assert.deepEqual(results.map((r) => r.ok), [true, true, false, false, false]);
    await store.close();
  });

  it('another error of the shared store is not an outage: it fails the call and counting stays shared', async () => {
    const flaky = flakyStore();
    const store = fallbackStore({ ...flaky.store, reserve: () => Promise.reject(new TypeError('WRONGTYPE')) });
    await assert.rejects(store.reserve('a', [rpm()]), TypeError);
    assert.equal(store.state, 'shared');
    await store.close();
  });

  it('a throwing listener does not break counting; a stopped listener hears nothing more', async () => {
    const flaky = flakyStore();
    const store = fallbackStore(flaky.store, { probeMs: 5 });
    store.onStateChange(() => {
      throw new Error('listener bug');
    });
    const heard: string[] = [];
    const stop = store.onStateChange((e) => heard.push(e.state));
    flaky.down = true;
    counters(await store.reserve('a', [rpm()]));
    stop();
    const resumed = next(store);
    flaky.down = false;
    await resumed;
    assert.deepEqual(heard, ['fallback']);
    await store.close();
  });

  it('refuses bad options with ConfigError naming the field', () => {
    const field = (run: () => unknown): string | undefined => {
      try {
        run();
      } catch (error) {
        return ConfigError.isInstance(error) ? error.field : 'not a ConfigError';
      }
      return undefined;
    };
    const { store } = flakyStore();
    assert.equal(field(() => fallbackStore({} as never)), 'shared');
    assert.equal(field(() => fallbackStore(store, { probeMs: 0 })), 'probeMs');
    assert.equal(field(() => fallbackStore(store, { localShare: 2 })), 'localShare');
  });

  it('its probe timer does not keep a process alive', async () => {
    const end = await runFixture('fallback-exit-child.ts', []);
    assert.deepEqual([end.code, end.stdout, end.stderr], [0, 'fallback\n', '']);
  });

  it('through the client: calls go on while the store is off, and `limit-store` reports both switches', async () => {
    const flaky = flakyStore();
    const store = fallbackStore(flaky.store, { probeMs: 5 });
    const ai = createAIClient({ providers: { test: testAdapter() }, limits: { policies: [{ name: 'rpm', unit: 'requests', limit: 100, window: 'minute' }], store } });
    const events: LimitStoreEvent[] = [];
    ai.on('limit-store', (e) => events.push(e));
    await ai.chat(chatRequest());
    flaky.down = true;
    await ai.chat(chatRequest());
    const resumed = next(store);
    flaky.down = false;
    await resumed;
    await ai.chat(chatRequest());
    assert.deepEqual(events.map((e) => e.state), ['fallback', 'shared']);
    assert.equal((await flaky.inner.read({ key: 'rpm|', window: { type: 'sliding', ms: 60_000 } })).used, 2, 'the first and last calls were shared');
    await ai.close();
  });

  it('over a redisStore where nothing listens, calls succeed and the reason carries no password', async () => {
    const password = randomBytes(12).toString('hex');
    const store = fallbackStore(redisStore({ url: `redis://:${password}@127.0.0.1:1`, timeoutMs: 100 }), { probeMs: 50 });
    const ai = createAIClient({ providers: { test: testAdapter() }, limits: { policies: [{ name: 'rpm', unit: 'requests', limit: 100, window: 'minute' }], store } });
    const events: LimitStoreEvent[] = [];
    ai.on('limit-store', (e) => events.push(e));
    const replies = await Promise.all([ai.chat(chatRequest()), ai.chat(chatRequest())]);
    assert.equal(replies.length, 2);
    assert.equal(events.length, 1);
    assert.deepEqual([events[0]!.store, events[0]!.state], ['redis', 'fallback']);
    assert.equal(JSON.stringify(events).includes(password), false);
    await ai.close();
  });
});
