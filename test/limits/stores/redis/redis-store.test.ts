// The limit store contract on a real Redis (127.0.0.1:6379, or AIMETER_TEST_REDIS_URL), each test under its own
// key prefix, then what only Redis does: its own clock, period keys that agree whatever the process clock says,
// keys that expire with their window, scripts reloaded after SCRIPT FLUSH, clients it owns or borrows, and a
// down server reported as LimitStoreUnavailableError.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { ConfigError } from '../../../../src/errors/config-error.js';
import { LimitStoreUnavailableError } from '../../../../src/errors/limit-store-unavailable-error.js';
import { resolveWindow } from '../../../../src/limits/policy/limit-window.js';
import { redisStore, type RedisStoreOptions } from '../../../../src/limits/stores/redis/redis-store.js';
import { handClock, limitStoreContract } from '../../../support/limit-store-contract.js';
import { redisUnavailable, REDIS_URL } from '../../../support/redis-available.js';
import { redisFixture } from '../../../support/redis-fixture.js';

/** One prefix per run; each store gets its own below it. */
const RUN = `aimeter-test:${process.pid}:${randomBytes(4).toString('hex')}:`;
let n = 0;
const prefix = (): string => `${RUN}${++n}:`;

const skip = await redisUnavailable();

describe('redisStore', { skip }, () => {
  const fixture = redisFixture(RUN);
  const { opened } = fixture;
  const store = (options: RedisStoreOptions = {}) => {
    const s = redisStore({ url: REDIS_URL, ...options });
    opened.push(s);
    return s;
  };

  describe('limit store contract', () => {
    limitStoreContract((start) => {
      const clock = handClock(start);
      const options = { prefix: prefix(), clock };
      return { store: store(options), clock, peer: () => store(options) };
    });
  });

  it('counts on Redis time, and keys expire with their window', async () => {
    const p = prefix();
    const s = store({ prefix: p });
    const result = await s.reserve('a', [
      { key: 'rpm|', limit: 5, amount: 1, window: resolveWindow('minute', 'w') },
      { key: 'rps|', limit: 5, amount: 1, window: resolveWindow({ unit: 'second', type: 'fixed' }, 'w') },
      { key: 'slots|', limit: 5, amount: 1, window: { type: 'lease', ms: 30_000 } },
    ]);
    const [seconds, micros] = await fixture.admin().time();
    assert.ok(result.ok);
    assert.ok(Math.abs(result.now - (Number(seconds) * 1000 + Math.floor(Number(micros) / 1000))) < 1_000);
    const ttl = async (key: string) => fixture.admin().pttl(`${p}${key}`);
    for (const key of ['c:rpm|', 't:rpm|']) assert.ok((await ttl(key)) > 59_000 && (await ttl(key)) <= 60_000, key);
    for (const key of ['c:slots|', 't:slots|']) assert.ok((await ttl(key)) > 29_000 && (await ttl(key)) <= 30_000, key);
    const fixed = result.counters[1]!;
    assert.ok((await ttl(`c:${fixed.slot.id}`)) <= fixed.end! - result.now);
    assert.equal(await fixture.admin().exists(`${p}t:${fixed.slot.id}`), 0, 'a fixed period keeps no per-call times');
  });

  it('computes calendar periods from Redis time, so a process whose clock is off lands in the same period key', async () => {
    const p = prefix();
    const day = { key: 'rpd|', limit: 5, amount: 1, window: resolveWindow({ unit: 'day', timeZone: 'America/Los_Angeles' }, 'w') };
    const right = await store({ prefix: p }).reserve('a', [day]);
    const realNow = Date.now;
    Date.now = () => realNow() - 3 * 86_400_000; // three days behind
    try {
      const wrong = await store({ prefix: p }).reserve('b', [day]);
      assert.ok(right.ok && wrong.ok);
      assert.equal(wrong.counters[0]!.slot.id, right.counters[0]!.slot.id);
      assert.equal(wrong.counters[0]!.used, 2);
    } finally {
      Date.now = realNow;
    }
  });

  it('loads its scripts again after SCRIPT FLUSH', async () => {
    const s = store({ prefix: prefix() });
    const rpm = { key: 'rpm|', limit: 5, amount: 1, window: resolveWindow('minute', 'w') };
    await s.reserve('a', [rpm]);
    await fixture.admin().script('FLUSH');
    assert.equal((await s.reserve('b', [rpm])).ok, true);
    assert.equal((await s.read(rpm)).used, 2);
  });

  it('never closes a client it was given; closes the one it made', async () => {
    const mine = new Redis(REDIS_URL);
    const borrowed = redisStore({ client: mine, prefix: prefix() });
    assert.equal(await borrowed.claimOnce('x', Date.now() + 60_000), true);
    await borrowed.close();
    assert.equal(await mine.ping(), 'PONG');
    await mine.quit();
    const owned = redisStore({ url: REDIS_URL, prefix: prefix() });
    assert.equal(await owned.claimOnce('x', Date.now() + 60_000), true);
    await owned.close();
    await assert.rejects(owned.claimOnce('y', Date.now() + 60_000), (e: unknown) => LimitStoreUnavailableError.isInstance(e));
  });

  it('an unreachable Redis is LimitStoreUnavailableError within timeoutMs, with no password in it', async () => {
    const password = randomBytes(12).toString('hex');
    const down = store({ url: `redis://:${password}@127.0.0.1:1`, timeoutMs: 200 });
    const error = await down.reserve('a', [{ key: 'rpm|', limit: 1, amount: 1, window: resolveWindow('minute', 'w') }]).catch((e: unknown) => e);
    assert.ok(LimitStoreUnavailableError.isInstance(error), String(error));
    assert.equal(error.store, 'redis');
    assert.equal(`${error.message} ${error.stack} ${JSON.stringify(error)}`.includes(password), false);
  });

  it('refuses bad options with ConfigError naming the field', () => {
    const field = (options: unknown): string | undefined => {
      try {
        redisStore(options as RedisStoreOptions);
      } catch (error) {
        return ConfigError.isInstance(error) ? error.field : 'not a ConfigError';
      }
      return undefined;
    };
    assert.equal(field({ url: 'http://127.0.0.1:6379' }), 'url');
    assert.equal(field({ client: {} }), 'client');
    assert.equal(field({ client: fixture.admin(), url: REDIS_URL }), 'url');
    assert.equal(field({ timeoutMs: 0 }), 'timeoutMs');
    assert.equal(field({ prefix: 3 }), 'prefix');
    assert.equal(field({ clock: Date.now }), 'clock');
    assert.equal(field(null), 'redisStore');
  });
});
