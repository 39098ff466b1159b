import { createHash } from 'node:crypto';
import { LimitStoreUnavailableError } from '../../../errors/limit-store-unavailable-error.js';
import { lazySdk } from '../../../lazy-sdk.js';

/**
 * The part of an ioredis client (`Redis`) the limit store uses: pass your own `new Redis(...)`.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * const client: RedisClient = new Redis(process.env.REDIS_URL!);
 * ```
 */
export interface RedisClient {
  /** Sends one command. */
  call(command: string, args: (string | number)[]): Promise<unknown>;
}

/** A Lua script and its SHA1, for EVALSHA. */
interface Script {
  readonly lua: string;
  readonly sha: string;
}

/**
 * How the store reaches Redis: with the caller's client (never closed here) or one it creates from a URL.
 *
 * @example
 * ```ts
 * const connection = redisConnection({ url: 'redis://127.0.0.1:6379', redis: {}, timeoutMs: 500, name: 'redis' });
 * const reply = await connection.run(BATCH, keys, args);
 * ```
 */
export interface RedisConnection {
  /** Runs a script (EVALSHA, loading it on NOSCRIPT); unreachable or slow Redis → {@link LimitStoreUnavailableError}. */
  run(script: Script, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown>;
  /** Closes a client the connection created. */
  close(): Promise<void>;
}

/**
 * Where to connect, as resolved by `redisStore`.
 *
 * @example
 * ```ts
 * const target: RedisTarget = { client: myRedis, timeoutMs: 500, name: 'redis' };
 * ```
 */
export interface RedisTarget {
  readonly client?: RedisClient;
  readonly url?: string;
  readonly redis?: Readonly<Record<string, unknown>>;
  readonly timeoutMs: number;
  readonly name: string;
}

/**
 * A script ready for EVALSHA.
 *
 * @example
 * ```ts
 * const BATCH = script(BATCH_LUA);
 * ```
 */
export function script(lua: string): Script {
  return { lua, sha: createHash('sha1').update(lua).digest('hex') };
}

const loadIoredis = lazySdk('ioredis', () => import('ioredis'));

// Server states that pass.
const TRANSIENT = /^(LOADING|BUSY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN|READONLY|NOREPLICAS|OOM)\b/;

// Our own client fails fast instead of queueing for ever, never replays a command after a reconnect (the
// caller may already have counted it locally), and keeps reconnecting so the fallback can resume. It writes a
// command at once: the store batches its calls itself, and auto-pipelining would add a turn of the event loop
// to each batch (measured: BENCHMARKS.md).
const OWN_DEFAULTS = {
  maxRetriesPerRequest: 1,
  autoResendUnfulfilledCommands: false,
  enableAutoPipelining: false,
  connectTimeout: 2_000,
  retryStrategy: (times: number): number => Math.min(times * 100, 1_000),
};

/**
 * What a failed command becomes: a server state that passes (or no connection, or no answer in time) is
 * {@link LimitStoreUnavailableError}; any other reply error (WRONGTYPE, a script error, NOAUTH) is a bug or a
 * misconfiguration, which counting locally would hide, and stays as it is.
 *
 * @example
 * ```ts
 * throw redisFailure('redis', error);
 * ```
 */
export function redisFailure(name: string, error: unknown): unknown {
  if (LimitStoreUnavailableError.isInstance(error)) return error;
  const e = error as { name?: unknown; message?: unknown } | null;
  const message = typeof e?.message === 'string' ? e.message : String(error);
  if (e?.name === 'ReplyError' && !TRANSIENT.test(message)) return error;
  return new LimitStoreUnavailableError(name, message, { cause: error });
}

/**
 * Opens (lazily, on the first command) the connection `redisStore` runs its scripts on.
 *
 * @example
 * ```ts
 * const connection = redisConnection({ url: 'redis://127.0.0.1:6379', timeoutMs: 500, name: 'redis' });
 * ```
 */
export function redisConnection(target: RedisTarget): RedisConnection {
  const { timeoutMs, name } = target;
  let client = target.client;
  let own: Promise<{ quit(): Promise<unknown>; disconnect(): void; status: string } & RedisClient> | undefined;

  const open = async (): Promise<RedisClient> => {
    own ??= loadIoredis().then(
      ({ Redis }) => {
        const created = new Redis(target.url!, { ...OWN_DEFAULTS, ...target.redis });
        // Failures reach the caller through its commands; without a listener ioredis would log each one.
        created.on('error', () => undefined);
        return created;
      },
      (error: unknown) => {
        own = undefined;
        throw error;
      },
    );
    client = await own;
    return client;
  };

  // The timeout is checked after pending I/O (setImmediate): when this process's event loop was blocked
  // longer than timeoutMs, a reply already waiting in the socket still wins.
  const timed = (work: Promise<unknown>): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const late = (): void => reject(new LimitStoreUnavailableError(name, `no answer within ${timeoutMs} ms`));
      const timer = setTimeout(() => setImmediate(late), timeoutMs);
      work.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });

  const classify = (error: unknown): never => {
    throw redisFailure(name, error);
  };

  return {
    async run(s, keys, args) {
      const redis = client ?? (await open());
      const rest = [keys.length, ...keys, ...args];
      try {
        return await timed(redis.call('EVALSHA', [s.sha, ...rest]));
      } catch (error) {
        if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) return classify(error);
      }
      return timed(redis.call('EVAL', [s.lua, ...rest])).catch(classify);
    },
    async close() {
      const created = await own?.catch(() => undefined);
      own = undefined;
      if (!created) return;
      if (created.status !== 'ready') return created.disconnect();
      await timed(created.quit()).catch(() => created.disconnect());
    },
  };
}
