// The Redis store's micro-batches on a real Redis: calls issued in the same tick go out as one script that
// evaluates them in arrival order exactly as lone calls would (so a burst over the limit admits exactly the
// calls that fit, in order), a stale period sends back only its own call, a failed batch fails every call in
// it and leaves no count behind, a call Redis refuses fails alone, and reads go out after the batch before them.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { LimitStoreUnavailableError } from '../../../../src/errors/limit-store-unavailable-error.js';
import type { RedisClient } from '../../../../src/limits/stores/redis/redis-connection.js';
import type { CounterRequest, ReserveResult } from '../../../../src/limits/stores/limit-store.js';
import { resolveWindow, type WindowSpec } from '../../../../src/limits/policy/limit-window.js';
import { redisStore, type RedisStoreOptions } from '../../../../src/limits/stores/redis/redis-store.js';
import { handClock } from '../../../support/limit-store-contract.js';
import { redisUnavailable, REDIS_URL } from '../../../support/redis-available.js';
import { redisFixture } from '../../../support/redis-fixture.js';

const RUN = `aimeter-test:${process.pid}:${randomBytes(4).toString('hex')}:batch:`;
let n = 0;
const prefix = (): string => `${RUN}${++n}:`;
const counter = (key: string, window: WindowSpec, limit: number, amount: number): CounterRequest => ({ key, limit, amount, window: resolveWindow(window, 'window') });
const FIXED = { unit: 'minute', type: 'fixed' } as const;
/** A time that stays in its minute for the test's length; only the stale-period test runs on Redis's own clock. */
const STILL = { now: () => Date.parse('2026-03-08T12:00:30Z') };

const skip = await redisUnavailable();

describe('redisStore batches', { skip }, () => {
  const fixture = redisFixture(RUN);
  const { opened } = fixture;
  /** A store on its own prefix whose client counts the scripts it sends (each first as EVALSHA; another test file may flush them). */
  const counted = (options: RedisStoreOptions = {}) => {
    const scripts: string[] = [];
    const client: RedisClient = {
      call: (command, args) => {
        if (command === 'EVALSHA') scripts.push(command);
        return fixture.admin().call(command, ...args);
      },
    };
    const store = redisStore({ client, prefix: prefix(), ...options });
    opened.push(store);
    return { store, scripts };
  };
  const used = (results: readonly ReserveResult[]): (number | false)[] => results.map((r) => r.ok && r.counters[0]!.used);


  for (const [kind, window] of [
    ['fixed', FIXED],
    ['sliding', 'minute'],
  ] as const) {
    it(`a ${kind} window: calls of one tick that together overshoot pass exactly while they fit, in arrival order, in one script`, async () => {
      const { store, scripts } = counted({ clock: STILL });
      const amounts = [2, 2, 2, 1, 1, 1];
      const results = await Promise.all(amounts.map((amount, i) => store.reserve(`c${i}`, [counter('tpm|', window, 5, amount)])));
      // 2 + 2 fit, the third 2 does not, the next 1 fills the limit, the rest find it full.
      assert.deepEqual(used(results), [2, 4, false, 5, false, false]);
      assert.deepEqual(
        results.map((r) => !r.ok && r.blocked),
        [false, false, 0, false, 0, 0],
      );
      assert.equal(scripts.length, 1);
      assert.equal((await store.read(counter('tpm|', window, 5, 1))).used, 5);
    });
  }

  it('repeats of the same call, then fractional amounts, count like lone calls (the stored total included)', async () => {
    const { store, scripts } = counted({ clock: STILL });
    const usd = (amount: number) => counter('usd|', FIXED, 10, amount);
    const results = await Promise.all([1, 1, 1, 0.1, 0.1, 0.2, 1, 1].map((amount, i) => store.reserve(`u${i}`, [usd(amount)])));
    const totals = used(results) as number[];
    assert.deepEqual(totals.slice(0, 3), [1, 2, 3]);
    assert.ok(Math.abs(totals[7]! - 5.4) < 1e-9, String(totals));
    assert.equal(scripts.length, 1);
    const slot = results[0]!.ok ? results[0]!.counters[0]!.slot.id : '';
    const keys = await fixture.admin().keys(`${RUN}*c:${slot.replace(/[|@]/g, '?')}`);
    assert.equal(keys.length, 1);
    assert.equal(Number(await fixture.admin().hget(keys[0]!, '')), totals[7]);
  });

  it('a call whose period is stale is sent back alone; the others of its batch keep their places', async () => {
    const { store, scripts } = counted();
    const rpd = counter('rpd|', { unit: 'day', timeZone: 'America/Los_Angeles' }, 10, 1);
    const realNow = Date.now;
    const first = store.reserve('a', [rpd]);
    Date.now = () => realNow() - 3 * 86_400_000; // this call computes a period three days old
    let stale: Promise<ReserveResult>;
    try {
      stale = store.reserve('b', [rpd]);
    } finally {
      Date.now = realNow;
    }
    const third = store.reserve('c', [rpd]);
    const [a, b, c] = await Promise.all([first, stale, third]);
    assert.ok(a.ok && b.ok && c.ok);
    assert.deepEqual(
      [a, b, c].map((r) => r.counters[0]!.used),
      [1, 3, 2],
      'b is counted after c, when it came back with the current period',
    );
    assert.equal(new Set([a, b, c].map((r) => r.counters[0]!.slot.id)).size, 1);
    assert.equal(scripts.length, 2);
  });

  for (const [kind, rpm] of [
    ['sliding', counter('rpm|', 'minute', 2, 1)],
    ['lease', { key: 'slots|', limit: 2, amount: 1, window: { type: 'lease', ms: 60_000 } } satisfies CounterRequest],
  ] as const) {
    it(`${kind}: settles and reserves of one tick run in the order they were issued`, async () => {
      const { store } = counted();
      const [a, b, c] = await Promise.all([store.reserve('a', [rpm]), store.reserve('b', [rpm]), store.reserve('c', [rpm])]);
      assert.deepEqual([a.ok, b.ok, c.ok], [true, true, false]);
      assert.ok(a.ok);
      const [late] = await Promise.all([store.reserve('c', [rpm]), store.settle('a', a.counters.map((s) => ({ slot: s.slot, amount: 0 })))]);
      assert.equal(late.ok, false, 'the settle after it in the batch came too late');
      assert.equal((await store.reserve('x', [rpm])).ok, true, 'the room a left, taken again');
      const [, admitted] = await Promise.all([store.settle('b', b.ok ? b.counters.map((s) => ({ slot: s.slot, amount: 0 })) : []), store.reserve('c', [rpm])]);
      assert.equal(admitted.ok, true, 'the settle before it in the batch made room');
    });
  }

  it('calls of one tick at different times of a test clock run each at its own time', async () => {
    const clock = handClock(Date.parse('2026-03-08T12:00:00Z'));
    const { store, scripts } = counted({ clock });
    const rps = counter('rps|', 'second', 1, 1);
    const first = store.reserve('a', [rps]);
    clock.advance(1_000);
    const second = store.reserve('b', [rps]);
    assert.deepEqual(used(await Promise.all([first, second])), [1, 1], 'a left the window before b came');
    assert.equal(scripts.length, 2);
  });

  it('a read goes out after the calls queued before it', async () => {
    const { store } = counted({ clock: STILL });
    const rpm = counter('rpm|', FIXED, 10, 1);
    const reserves = [store.reserve('a', [rpm]), store.reserve('b', [rpm])];
    const reading = store.read(rpm);
    assert.equal((await reading).used, 2);
    await Promise.all(reserves);
  });

  it('a call Redis refuses (a key of another type) fails alone', async () => {
    const { store } = counted();
    const p = `${RUN}${n}:`;
    await fixture.admin().set(`${p}t:bad|`, 'not a sorted set');
    const good = counter('rpm|', 'minute', 10, 1);
    const bad = counter('bad|', 'minute', 10, 1);
    const [first, broken, last] = await Promise.allSettled([store.reserve('a', [good]), store.reserve('b', [bad]), store.reserve('c', [good])]);
    assert.deepEqual([first.status, broken.status, last.status], ['fulfilled', 'rejected', 'fulfilled']);
    assert.match(String((broken as PromiseRejectedResult).reason), /WRONGTYPE/);
    assert.equal(LimitStoreUnavailableError.isInstance((broken as PromiseRejectedResult).reason), false, 'a misconfiguration is not counted locally');
    assert.equal((await store.read(good)).used, 2);
  });

  it('a batch Redis never gets fails every call in it with LimitStoreUnavailableError, and counts nothing', async () => {
    const own = new Redis(REDIS_URL, { maxRetriesPerRequest: 0, retryStrategy: () => null });
    own.on('error', () => undefined);
    const p = prefix();
    const store = redisStore({ client: own, prefix: p, timeoutMs: 200 });
    const rpm = counter('rpm|', FIXED, 100, 1);
    const sliding = counter('rps|', 'second', 100, 1);
    const first = await store.reserve('first', [rpm, sliding]);
    assert.ok(first.ok);
    own.disconnect();
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => store.reserve(`c${i}`, [rpm, sliding])));
    for (const result of results) {
      assert.equal(result.status, 'rejected');
      assert.ok(LimitStoreUnavailableError.isInstance(result.reason), String(result.reason));
    }
    const hashes = (await fixture.admin().keys(`${p}c:*`)).sort();
    assert.equal(hashes.length, 2);
    for (const hash of hashes) assert.equal(await fixture.admin().hget(hash, ''), '1', `${hash} holds the first call only`);
    assert.equal(await fixture.admin().zcard(`${p}t:rps|`), 1);
    await store.close();
  });
});
