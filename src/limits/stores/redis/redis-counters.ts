import { ConfigError } from '../../../errors/config-error.js';
import { LimitStoreUnavailableError } from '../../../errors/limit-store-unavailable-error.js';
import type { Period } from '../../../time/calendar-period.js';
import type { Clock } from '../../../time/clock.js';
import type { LimitWindow } from '../../policy/limit-window.js';
import { periodAt } from '../../policy/period-at.js';
import type { CounterReading, CounterRequest, CounterSlot, CounterState, ReserveResult } from '../limit-store.js';
import { redisBatcher, type BatchCounter, type RedisBatcher, type ReserveReply } from './redis-batch.js';
import { script, type RedisConnection } from './redis-connection.js';
import { CLAIM_LUA, READ_LUA } from './redis-query-scripts.js';
import { BATCH_LUA } from './redis-scripts.js';

const BATCH = script(BATCH_LUA);
const READ = script(READ_LUA);
const CLAIM = script(CLAIM_LUA);
/** A period can only be stale once per boundary crossed during a round trip. */
const PERIOD_ATTEMPTS = 5;
/** Counters remembered per key, at most; past that the memory starts over. */
const KNOWN_COUNTERS = 10_000;

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

type Update = { readonly slot: CounterSlot; readonly amount: number };

/**
 * The counters of {@link redisStore} under one key prefix: their keys, their calendar periods on Redis's time,
 * and the operations on them, reserves and settles batched per tick.
 *
 * @example
 * ```ts
 * const counters = new RedisCounters(connection, { prefix: 'aimeter:limits:', name: 'redis' });
 * const result = await counters.reserve('call-1', requests);
 * ```
 */
export class RedisCounters {
  readonly #connection: RedisConnection;
  readonly #prefix: string;
  readonly #name: string;
  readonly #clock: Pick<Clock, 'now'> | undefined;
  readonly #batcher: RedisBatcher;
  /** Redis time minus ours, from the last reply: where calendar periods are computed. */
  #offset = 0;
  /** The last counter of each key, so that a decision builds no key strings and a batch lists a counter once. */
  readonly #known = new Map<string, KnownCounter>();

  constructor(connection: RedisConnection, options: { readonly prefix: string; readonly name: string; readonly clock?: Pick<Clock, 'now'> | undefined }) {
    this.#connection = connection;
    this.#prefix = options.prefix;
    this.#name = options.name;
    this.#clock = options.clock;
    this.#batcher = redisBatcher({ run: (keys, args) => connection.run(BATCH, keys, args), now: () => this.#now(), onTime: (t) => this.#learn(t), name: options.name });
  }

  reserve(id: string, requests: readonly CounterRequest[]): Promise<ReserveResult> {
    if (typeof id !== 'string' || id === '') return Promise.reject(new ConfigError('id', 'expected a non-empty reservation id'));
    let counters: KnownCounter[] = [];
    return this.#current(
      (at) => {
        counters = requests.map((r) => this.#counterOf(r, at));
        return this.#batcher.reserve(idFor(id, counters), counters, requests.map((r) => r.amount));
      },
      (reply): ReserveResult => {
        if (reply[0] === 0) {
          const retryAfterMs = (reply[3] as number) < 0 ? undefined : (reply[3] as number);
          const blocked = reply[2] as number;
          return { ok: false, now: reply[1], blocked, retryAfterMs, used: Number(reply[4]), limit: requests[blocked]!.limit, inFlight: Number(reply[5]) };
        }
        const states = counters.map((counter, i): CounterState => {
          const { period } = counter;
          const slot: RedisSlot = { id: counter.slot, lease: counter.kind === 'l', counter, held: requests[i]!.amount };
          const used = Number(reply[2 + i]);
          return period ? { slot, used, start: period.start, end: period.end } : { slot, used };
        });
        return { ok: true, now: reply[1], counters: states };
      },
    );
  }

  /** A settle of a slot already final, or of a sliding entry by the amount it reserved, needs no round trip. */
  settle(id: string, updates: readonly Update[]): Promise<void> {
    const counters: BatchCounter[] = [];
    const values: (number | string)[] = [];
    const sent: { slot: Partial<RedisSlot>; amount: number }[] = [];
    for (const { slot, amount } of updates) {
      const ours = slot as Partial<RedisSlot>;
      const counter = ours.counter ?? { keys: this.#keysOf(slot.id), kind: slot.lease ? 'l' : 's', limit: 0, a: 0, b: 0 };
      const kind = counter.kind;
      if ('held' in ours) {
        // Already final (a fixed period settled, a lease released), or a sliding entry settled as reserved: no
        // round trip. A fixed period's settle always goes: it takes its amount out of the amount in flight.
        if (ours.held === undefined) continue;
        if (kind === 's' && ours.held === amount) continue;
      }
      counters.push(counter);
      values.push(kind === 'f' ? `${amount - (ours.held ?? 0)}/${ours.held ?? 0}` : amount);
      sent.push({ slot: ours, amount });
    }
    if (counters.length === 0) return Promise.resolve();
    return this.#batcher.settle(idFor(id, counters), counters, values).then(() => {
      // Final only once Redis has it: a fallback replays a settle that failed. One whose answer was lost after
      // it ran is then applied twice; for a fixed period that counts the difference twice.
      for (const { slot, amount } of sent) if ('held' in slot) slot.held = slot.counter?.kind === 's' ? amount : undefined;
    });
  }

  read(request: Pick<CounterRequest, 'key' | 'window'>): Promise<CounterReading> {
    let period: Period | undefined;
    return this.#current(
      (at) => {
        period = periodOf(request.window, at);
        return this.#run(READ, this.#keysOf(slotOf(request.key, period)), [this.#now(), ...bounds(request.window, period)]);
      },
      (reply): CounterReading => ({ used: Number(reply[2]), inFlight: Number(reply[3] ?? 0), now: reply[1], ...(period ? { start: period.start, end: period.end } : {}) }),
    );
  }

  async claimOnce(key: string, until: number): Promise<boolean> {
    this.#batcher.flush();
    return (await this.#connection.run(CLAIM, [`${this.#prefix}a:${key}`], [this.#now(), until])) === 1;
  }

  close(): Promise<void> {
    this.#batcher.flush();
    return this.#connection.close();
  }

  /** Our estimate of Redis's time, or the test clock's. */
  #estimate(): number {
    return this.#clock ? this.#clock.now() : Date.now() + this.#offset;
  }

  /** ARGV[1] of a script: the test clock's time, or `''` for Redis's own. */
  #now(): string {
    return this.#clock ? String(this.#clock.now()) : '';
  }

  #learn(redisNow: number): void {
    this.#offset = redisNow - Date.now();
  }

  // Other commands go out after the queued batch, as they were issued.
  async #run(s: typeof READ, keys: readonly string[], args: readonly (string | number)[]): Promise<ReserveReply> {
    this.#batcher.flush();
    const reply = (await this.#connection.run(s, keys, args)) as ReserveReply;
    this.#learn(reply[1]);
    return reply;
  }

  #keysOf(slot: string): [string, string] {
    return [`${this.#prefix}c:${slot}`, `${this.#prefix}t:${slot}`];
  }

  #counterOf(r: CounterRequest, at: number): KnownCounter {
    const period = periodOf(r.window, at);
    const last = this.#known.get(r.key);
    if (last && last.period === period && last.window === r.window && last.limit === r.limit) return last;
    if (this.#known.size >= KNOWN_COUNTERS) this.#known.clear();
    const slot = slotOf(r.key, period);
    const [kind, a, b] = bounds(r.window, period);
    const counter: KnownCounter = { slot, keys: this.#keysOf(slot), kind, limit: r.limit, a, b, window: r.window, period };
    this.#known.set(r.key, counter);
    return counter;
  }

  // Runs `attempt` with periods for Redis's current time, again while Redis says a period is stale.
  #current<T>(attempt: (at: number) => Promise<ReserveReply>, done: (reply: ReserveReply) => T, at = this.#estimate(), left = PERIOD_ATTEMPTS): Promise<T> {
    let sent: Promise<ReserveReply>;
    try {
      sent = attempt(at);
    } catch (error) {
      return Promise.reject(error);
    }
    return sent.then((reply) => {
      if (reply[0] !== 2) return done(reply);
      if (left > 1) return this.#current(attempt, done, reply[1], left - 1);
      throw new LimitStoreUnavailableError(this.#name, 'Redis time kept crossing period boundaries');
    });
  }
}

function slotOf(key: string, period: Period | undefined): string {
  return period ? `${key}@${period.start}` : key;
}

function periodOf(window: LimitWindow, at: number): Period | undefined {
  return window.type === 'fixed' ? periodAt(window, at) : undefined;
}

function bounds(window: LimitWindow, period: Period | undefined): [BatchCounter['kind'], number, number] {
  return period ? ['f', period.start, period.end] : [window.type === 'lease' ? 'l' : 's', (window as { ms: number }).ms, 0];
}

// Fixed periods keep no per-reservation entries: their operations need no id on the wire.
function idFor(id: string, counters: readonly BatchCounter[]): string {
  return counters.every((c) => c.kind === 'f') ? '' : id;
}
