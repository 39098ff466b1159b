import { ConfigError } from '../errors/config-error.js';
import { LimitStoreUnavailableError } from '../errors/limit-store-unavailable-error.js';
import type { Period } from '../time/calendar-period.js';
import type { Clock } from '../time/clock.js';
import type { CounterReading, CounterRequest, CounterSlot, CounterState, LimitStore, ReserveResult } from './limit-store.js';
import type { LimitWindow } from './limit-window.js';
import { periodAt } from './period-at.js';
import { redisConnection, script, type RedisClient } from './redis-connection.js';
import { CLAIM_LUA, READ_LUA, RESERVE_LUA, SETTLE_LUA } from './redis-scripts.js';

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

const RESERVE = script(RESERVE_LUA);
const SETTLE = script(SETTLE_LUA);
const READ = script(READ_LUA);
const CLAIM = script(CLAIM_LUA);
/** A period can only be stale once per boundary crossed during a round trip. */
const PERIOD_ATTEMPTS = 5;

type Reply = [number, number, ...(number | string)[]];

/** What settle needs besides the key: the window kind, and the amount reserved until it is settled. */
interface RedisSlot extends CounterSlot {
  readonly kind: 'f' | 's' | 'l';
  held: number | undefined;
}

/**
 * Limit counters in Redis, shared by every process using the same Redis and prefix. Each reserve, settle and
 * read is one Lua script, so a reservation over several counters is all-or-nothing and atomic against the
 * whole fleet. Time is Redis's own (`TIME`), so process clocks may disagree. Calendar periods (a Pacific day,
 * a month from an anchor day) are computed here from Redis time learnt from the previous reply; the script
 * checks the period contains its own time and, near a boundary, sends the caller back with that time, so every
 * process lands in the same period key. Keys expire with their window; a `concurrent` lease whose holder died
 * is dropped after the policy's `leaseMs`.
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
  const run = async (s: typeof RESERVE, keys: readonly string[], args: readonly (string | number)[]): Promise<Reply> => {
    const reply = (await connection.run(s, keys, args)) as Reply;
    offset = reply[1] - Date.now();
    return reply;
  };
  const keysOf = (slot: string): [string, string] => [`${prefix}c:${slot}`, `${prefix}t:${slot}`];
  const slotOf = (key: string, period: Period | undefined): string => (period ? `${key}@${period.start}` : key);
  const periodOf = (window: LimitWindow, at: number): Period | undefined => (window.type === 'fixed' ? periodAt(window, at) : undefined);
  const bounds = (window: LimitWindow, period: Period | undefined): [RedisSlot['kind'], number, number] =>
    period ? ['f', period.start, period.end] : [window.type === 'lease' ? 'l' : 's', (window as { ms: number }).ms, 0];

  // Runs `attempt` with periods for Redis's current time, again while Redis says a period is stale.
  const current = async <T>(attempt: (at: number) => Promise<Reply>, done: (reply: Reply) => T): Promise<T> => {
    let at = estimate();
    for (let i = 0; i < PERIOD_ATTEMPTS; i += 1) {
      const reply = await attempt(at);
      if (reply[0] !== 2) return done(reply);
      at = reply[1];
    }
    throw new LimitStoreUnavailableError(name, 'Redis time kept crossing period boundaries');
  };

  return {
    name,
    async reserve(id, requests) {
      if (typeof id !== 'string' || id === '') throw new ConfigError('id', 'expected a non-empty reservation id');
      let periods: (Period | undefined)[] = [];
      return current(
        (at) => {
          periods = requests.map((r) => periodOf(r.window, at));
          const keys: string[] = [];
          const args: (string | number)[] = [now(), id];
          requests.forEach((r, i) => {
            const [kind, a, b] = bounds(r.window, periods[i]);
            keys.push(...keysOf(slotOf(r.key, periods[i])));
            args.push(kind, r.limit, r.amount, a, b);
          });
          return run(RESERVE, keys, args);
        },
        (reply): ReserveResult => {
          if (reply[0] === 0) return { ok: false, now: reply[1], blocked: reply[2] as number, retryAfterMs: (reply[3] as number) < 0 ? undefined : (reply[3] as number) };
          const counters = requests.map((r: CounterRequest, i): CounterState => {
            const period = periods[i];
            const slot: RedisSlot = { id: slotOf(r.key, period), lease: r.window.type === 'lease', kind: bounds(r.window, period)[0], held: r.amount };
            return { slot, used: Number(reply[2 + i]), ...(period ? { start: period.start, end: period.end } : {}) };
          });
          return { ok: true, now: reply[1], counters };
        },
      );
    },
    async settle(id, updates) {
      const keys: string[] = [];
      const args: (string | number)[] = [id];
      const sent: { slot: Partial<RedisSlot>; amount: number }[] = [];
      for (const { slot, amount } of updates) {
        const ours = slot as Partial<RedisSlot>;
        const kind = ours.kind ?? (slot.lease ? 'l' : 's');
        if ('held' in ours) {
          // Already final (a fixed period settled, a lease released), or settled as reserved: no round trip.
          if (ours.held === undefined) continue;
          if (kind !== 'l' && ours.held === amount) {
            if (kind === 'f') ours.held = undefined;
            continue;
          }
        }
        keys.push(...keysOf(slot.id));
        args.push(kind, kind === 'f' ? amount - (ours.held ?? 0) : amount);
        sent.push({ slot: ours, amount });
      }
      if (keys.length === 0) return;
      await connection.run(SETTLE, keys, args);
      // Final only once Redis has it: a fallback replays a settle that failed. One whose answer was lost after
      // it ran is then applied twice; for a fixed period that counts the difference twice.
      for (const { slot, amount } of sent) if ('held' in slot) slot.held = slot.kind === 's' ? amount : undefined;
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
      return (await connection.run(CLAIM, [`${prefix}a:${key}`], [now(), until])) === 1;
    },
    close: () => connection.close(),
  };
}

function validate(options: RedisStoreOptions): RedisStoreOptions {
  if (typeof options !== 'object' || options === null) throw new ConfigError('redisStore', 'expected options such as { url } or { client }');
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
