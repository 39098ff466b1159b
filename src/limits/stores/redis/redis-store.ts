import { assertKnownKeys } from '../../../config/known-keys.js';
import { ConfigError } from '../../../errors/config-error.js';
import { LimitStoreUnavailableError } from '../../../errors/limit-store-unavailable-error.js';
import type { Period } from '../../../time/calendar-period.js';
import type { Clock } from '../../../time/clock.js';
import type { CounterReading, CounterRequest, CounterSlot, CounterState, LimitStore, ReserveResult } from '../limit-store.js';
import type { LimitWindow } from '../../policy/limit-window.js';
import { periodAt } from '../../policy/period-at.js';
import { redisBatcher, type BatchCounter, type ReserveReply } from './redis-batch.js';
import { redisConnection, script, type RedisClient } from './redis-connection.js';
import { BATCH_LUA, CLAIM_LUA, READ_LUA } from './redis-scripts.js';

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

const BATCH = script(BATCH_LUA);
const READ = script(READ_LUA);
const CLAIM = script(CLAIM_LUA);
/** A period can only be stale once per boundary crossed during a round trip. */
const PERIOD_ATTEMPTS = 5;

/** A counter as the batch script knows it, with what it was made for: it is reused while they stay the same. */
interface KnownCounter extends BatchCounter {
  readonly slot: string;
  readonly window: LimitWindow;
  readonly period: Period | undefined;
}

/** What settle needs besides the key: the counter (its window kind), and the amount reserved until it is settled. */
interface RedisSlot extends CounterSlot {
  readonly counter: BatchCounter;
  held: number | undefined;
}

const SETTLED: Promise<void> = Promise.resolve();
/** Counters remembered per key, at most; past that the memory starts over. */
const KNOWN_COUNTERS = 10_000;

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
  // Redis time minus ours, from the last reply: where calendar periods are computed.
  let offset = 0;
  const estimate = (): number => (clock ? clock.now() : Date.now() + offset);
  const now = (): string => (clock ? String(clock.now()) : '');
  const learn = (redisNow: number): void => void (offset = redisNow - Date.now());
  const batcher = redisBatcher({ run: (keys, args) => connection.run(BATCH, keys, args), now, onTime: learn, name });
  // Other commands go out after the queued batch, as they were issued.
  const run = async (s: typeof READ, keys: readonly string[], args: readonly (string | number)[]): Promise<ReserveReply> => {
    batcher.flush();
    const reply = (await connection.run(s, keys, args)) as ReserveReply;
    learn(reply[1]);
    return reply;
  };
  const keysOf = (slot: string): [string, string] => [`${prefix}c:${slot}`, `${prefix}t:${slot}`];
  const slotOf = (key: string, period: Period | undefined): string => (period ? `${key}@${period.start}` : key);
  const periodOf = (window: LimitWindow, at: number): Period | undefined => (window.type === 'fixed' ? periodAt(window, at) : undefined);
  const bounds = (window: LimitWindow, period: Period | undefined): [BatchCounter['kind'], number, number] =>
    period ? ['f', period.start, period.end] : [window.type === 'lease' ? 'l' : 's', (window as { ms: number }).ms, 0];
  // The last counter of each key, so that a decision builds no key strings and a batch lists a counter once.
  const known = new Map<string, KnownCounter>();
  const counterOf = (r: CounterRequest, at: number): KnownCounter => {
    const period = periodOf(r.window, at);
    const last = known.get(r.key);
    if (last && last.period === period && last.window === r.window && last.limit === r.limit) return last;
    if (known.size >= KNOWN_COUNTERS) known.clear();
    const slot = slotOf(r.key, period);
    const [kind, a, b] = bounds(r.window, period);
    const counter: KnownCounter = { slot, keys: keysOf(slot), kind, limit: r.limit, a, b, window: r.window, period };
    known.set(r.key, counter);
    return counter;
  };
  // Fixed periods keep no per-reservation entries: their operations need no id on the wire.
  const idFor = (id: string, counters: readonly BatchCounter[]): string => (counters.every((c) => c.kind === 'f') ? '' : id);

  // Runs `attempt` with periods for Redis's current time, again while Redis says a period is stale. No async
  // function: each decision goes through here, and a promise chained once is the cheapest.
  const current = <T>(attempt: (at: number) => Promise<ReserveReply>, done: (reply: ReserveReply) => T, at = estimate(), left = PERIOD_ATTEMPTS): Promise<T> => {
    let sent: Promise<ReserveReply>;
    try {
      sent = attempt(at);
    } catch (error) {
      return Promise.reject(error);
    }
    return sent.then((reply) => {
      if (reply[0] !== 2) return done(reply);
      if (left > 1) return current(attempt, done, reply[1], left - 1);
      throw new LimitStoreUnavailableError(name, 'Redis time kept crossing period boundaries');
    });
  };

  // No async function: a settle that needs no round trip (a fixed period settled as reserved) costs no promise.
  const settle = (id: string, updates: Parameters<LimitStore['settle']>[1]): Promise<void> => {
    const counters: BatchCounter[] = [];
    const values: number[] = [];
    const sent: { slot: Partial<RedisSlot>; amount: number }[] = [];
    for (const { slot, amount } of updates) {
      const ours = slot as Partial<RedisSlot>;
      const counter = ours.counter ?? { keys: keysOf(slot.id), kind: slot.lease ? 'l' : 's', limit: 0, a: 0, b: 0 };
      const kind = counter.kind;
      if ('held' in ours) {
        // Already final (a fixed period settled, a lease released), or settled as reserved: no round trip.
        if (ours.held === undefined) continue;
        if (kind !== 'l' && ours.held === amount) {
          if (kind === 'f') ours.held = undefined;
          continue;
        }
      }
      counters.push(counter);
      values.push(kind === 'f' ? amount - (ours.held ?? 0) : amount);
      sent.push({ slot: ours, amount });
    }
    if (counters.length === 0) return SETTLED;
    return batcher.settle(idFor(id, counters), counters, values).then(() => {
      // Final only once Redis has it: a fallback replays a settle that failed. One whose answer was lost after
      // it ran is then applied twice; for a fixed period that counts the difference twice.
      for (const { slot, amount } of sent) if ('held' in slot) slot.held = slot.counter?.kind === 's' ? amount : undefined;
    });
  };

  return {
    name,
    reserve(id, requests) {
      if (typeof id !== 'string' || id === '') return Promise.reject(new ConfigError('id', 'expected a non-empty reservation id'));
      let counters: KnownCounter[] = [];
      return current(
        (at) => {
          counters = requests.map((r) => counterOf(r, at));
          return batcher.reserve(idFor(id, counters), counters, requests.map((r) => r.amount));
        },
        (reply): ReserveResult => {
          if (reply[0] === 0) return { ok: false, now: reply[1], blocked: reply[2] as number, retryAfterMs: (reply[3] as number) < 0 ? undefined : (reply[3] as number) };
          const states = counters.map((counter, i): CounterState => {
            const { period } = counter;
            const slot: RedisSlot = { id: counter.slot, lease: counter.kind === 'l', counter, held: requests[i]!.amount };
            const used = Number(reply[2 + i]);
            return period ? { slot, used, start: period.start, end: period.end } : { slot, used };
          });
          return { ok: true, now: reply[1], counters: states };
        },
      );
    },
    settle(id, updates) {
      try {
        return settle(id, updates);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    read(request) {
      let period: Period | undefined;
      return current(
        (at) => {
          period = periodOf(request.window, at);
          return run(READ, keysOf(slotOf(request.key, period)), [now(), ...bounds(request.window, period)]);
        },
        (reply): CounterReading => ({ used: Number(reply[2]), now: reply[1], ...(period ? { start: period.start, end: period.end } : {}) }),
      );
    },
    async claimOnce(key, until) {
      batcher.flush();
      return (await connection.run(CLAIM, [`${prefix}a:${key}`], [now(), until])) === 1;
    },
    close: () => {
      batcher.flush();
      return connection.close();
    },
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
