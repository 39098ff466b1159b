import { assertKnownKeys } from '../../../config/known-keys.js';
import { ConfigError } from '../../../errors/config-error.js';
import type { Clock } from '../../../time/clock.js';
import type { LimitStore } from '../limit-store.js';
import { redisConnection, type RedisClient } from './redis-connection.js';
import { RedisCounters } from './redis-counters.js';

/**
 * Options of {@link redisStore}: your ioredis `client`, or a `url` the store connects to itself.
 *
 * @example
 * ```ts
 * const options: RedisStoreOptions = { url: process.env.REDIS_URL, prefix: 'billing:limits:', timeoutMs: 250 };
 * ```
 */
export interface RedisStoreOptions {
  /** Your ioredis client (`new Redis(...)`); the store never closes it. */
  readonly client?: RedisClient;
  /** Where to connect when no `client` is given; the store creates the client and closes it. @default 'redis://127.0.0.1:6379' */
  readonly url?: string;
  /** ioredis options for the client created from `url`, over the store's fail-fast defaults. @default {} */
  readonly redis?: Readonly<Record<string, unknown>>;
  /** Prepended to every key. On Redis Cluster put a hash tag in it (`'{aimeter}:'`) so all keys share a slot. @default 'aimeter:limits:' */
  readonly prefix?: string;
  /** A command without an answer after this long fails with `LimitStoreUnavailableError`. @default 500 */
  readonly timeoutMs?: number;
  /** Name in events and errors. @default 'redis' */
  readonly name?: string;
  /** Replaces Redis's own clock, for tests; every process sharing the keys must then use the same. @default Redis `TIME` */
  readonly clock?: Pick<Clock, 'now'>;
}

/**
 * Limit counters in Redis, shared by every process using the same Redis and prefix. Reserves and settles are
 * micro-batched: those a process issues in the same tick (up to 512) go to Redis as ONE Lua script, whose
 * loop evaluates each in arrival order exactly as a script of its own would and answers each on its own. So
 * a reservation over several counters stays all-or-nothing and atomic against the whole fleet, nothing is
 * overshot, and a busy process pays one round trip per batch instead of one per call; a settle of a fixed
 * period by the amount reserved needs no round trip at all. When a batch fails (Redis unreachable, no answer
 * within `timeoutMs`) every call in it fails with `LimitStoreUnavailableError`, as a lone call would; an
 * operation that Redis refuses (a key of another type under the prefix) fails alone. Reads and claims are a
 * script each, sent after the batch queued before them.
 *
 * Time is Redis's own (`TIME`), so process clocks may disagree. Calendar periods (a Pacific day, a month from
 * an anchor day) are computed here from Redis time learnt from the previous reply; the script checks the
 * period contains its own time and, near a boundary, sends that call back with that time (the others in the
 * batch go on), so every process lands in the same period key. Keys expire with their window; a `concurrent`
 * lease whose holder died is dropped after the policy's `leaseMs`.
 *
 * ioredis is an optional peer dependency, loaded on the first command. A single Redis (or a primary with
 * replicas behind Sentinel) is the tested setup; for Cluster, see `prefix`. Wrap the store in
 * `fallbackStore()` to keep counting locally while Redis is unreachable.
 *
 * @example
 * ```ts
 * const limiter = createLimiter({ policies, store: fallbackStore(redisStore({ url: process.env.REDIS_URL })) });
 * const ai = createAIClient({ providers, limits: limiter });
 * ```
 */
export function redisStore(options: RedisStoreOptions = {}): LimitStore {
  const { client, url, prefix = 'aimeter:limits:', timeoutMs = 500, name = 'redis', clock } = validate(options);
  const connection = redisConnection({ ...(client ? { client } : { url: url ?? 'redis://127.0.0.1:6379', redis: options.redis ?? {} }), timeoutMs, name });
  const counters = new RedisCounters(connection, { prefix, name, clock });
  return {
    name,
    reserve: (id, requests) => counters.reserve(id, requests),
    settle(id, updates) {
      try {
        return counters.settle(id, updates);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    read: (request) => counters.read(request),
    claimOnce: (key, until) => counters.claimOnce(key, until),
    close: () => counters.close(),
  };
}

function validate(options: RedisStoreOptions): RedisStoreOptions {
  if (typeof options !== 'object' || options === null) throw new ConfigError('redisStore', 'expected options such as { url } or { client }');
  assertKnownKeys(options, ['client', 'url', 'redis', 'prefix', 'timeoutMs', 'name', 'clock'], '');
  const { client, url, prefix, timeoutMs, name, clock } = options;
  if (client !== undefined && typeof (client as Partial<RedisClient> | null)?.call !== 'function') throw new ConfigError('client', 'expected an ioredis client');
  if (client !== undefined && url !== undefined) throw new ConfigError('url', 'give a client or a url, not both');
  if (url !== undefined && (typeof url !== 'string' || !/^rediss?:\/\//.test(url))) throw new ConfigError('url', 'expected a redis:// or rediss:// URL');
  if (prefix !== undefined && typeof prefix !== 'string') throw new ConfigError('prefix', 'expected a string');
  if (timeoutMs !== undefined && (typeof timeoutMs !== 'number' || !(timeoutMs > 0))) throw new ConfigError('timeoutMs', 'expected a positive number of ms');
  if (name !== undefined && (typeof name !== 'string' || name === '')) throw new ConfigError('name', 'expected a non-empty string');
  if (clock !== undefined && typeof clock?.now !== 'function') throw new ConfigError('clock', 'expected { now() }');
  return options;
}
