import { redisFailure } from './redis-connection.js';

/**
 * One counter as the batch script knows it. The store keeps one object per counter and period, so a batch
 * lists each counter once, however many operations touch it.
 *
 * @example
 * ```ts
 * const counter: BatchCounter = { keys: ['aimeter:limits:c:rpm|', 'aimeter:limits:t:rpm|'], kind: 's', limit: 60, a: 60_000, b: 0 };
 * ```
 */
export interface BatchCounter {
  /** Its hash and its sorted set. */
  readonly keys: readonly [string, string];
  /** `s`liding, `l`ease or `f`ixed. */
  readonly kind: 's' | 'l' | 'f';
  readonly limit: number;
  /** The window length (s, l) or the period start (f). */
  readonly a: number;
  /** The period end (f); 0 otherwise. */
  readonly b: number;
}

/**
 * A reserve's reply, as a script of its own would give it: `[1, now, ...totals]`,
 * `[0, now, blocked, retry ms or -1, the blocked counter's total, its amount in flight]`, or `[2, now]` when its
 * period is stale.
 *
 * @example
 * ```ts
 * const [status, now, ...rest]: ReserveReply = await batcher.reserve(id, [counter], [1]);
 * ```
 */
export type ReserveReply = [number, number, ...(number | string)[]];

/**
 * What {@link redisBatcher} needs: how to run one batch script, and what to do with the time it ran at.
 *
 * @example
 * ```ts
 * const options: RedisBatcherOptions = { run: (keys, args) => connection.run(BATCH, keys, args), now: () => '', onTime: (t) => void (offset = t - Date.now()), name: 'redis' };
 * ```
 */
export interface RedisBatcherOptions {
  /** Runs the batch script (`BATCH_LUA`) with these KEYS and ARGV; resolves with its reply. */
  readonly run: (keys: readonly string[], args: readonly (string | number)[]) => Promise<unknown>;
  /** ARGV[1] of a batch: the test clock's time, or `''` for Redis's own. */
  readonly now: () => string;
  /** Told the time each batch ran at. */
  readonly onTime: (now: number) => void;
  /** Store name, for the errors of failed operations. */
  readonly name: string;
  /** Operations per script at most, so that one script never holds Redis for long. @default 512 */
  readonly maxOps?: number;
}

/**
 * Queues reserves and settles, and sends those queued in the same tick as one script call.
 *
 * @example
 * ```ts
 * const [status, now] = await batcher.reserve(id, [counter], [1]);
 * ```
 */
export interface RedisBatcher {
  /** Queues a reserve of `amounts[i]` in `counters[i]`; resolves with its reply. `id` may be '' when every counter is fixed. */
  reserve(id: string, counters: readonly BatchCounter[], amounts: readonly number[]): Promise<ReserveReply>;
  /**
   * Queues a settle: per counter `difference/held` (fixed: what to add to the total, and the amount reserved, which
   * leaves the amount in flight), the new amount (sliding), or anything (lease, released).
   */
  settle(id: string, counters: readonly BatchCounter[], values: readonly (number | string)[]): Promise<void>;
  /** Sends what is queued now, so that a command issued next reaches Redis after it. */
  flush(): void;
}

interface Operation {
  readonly op: 'r' | 's';
  readonly id: string;
  readonly counters: readonly BatchCounter[];
  readonly numbers: readonly (number | string)[];
}

/** Whether two operations are the same: the second then goes on the wire as "once more". */
function same(a: Operation, b: Operation): boolean {
  if (a.op !== b.op || a.id !== b.id || a.counters.length !== b.counters.length) return false;
  for (let i = 0; i < a.counters.length; i += 1) if (a.counters[i] !== b.counters[i] || a.numbers[i] !== b.numbers[i]) return false;
  return true;
}

/** A settle's reply carries nothing for its caller. */
const settled = (): void => undefined;

interface Waiting {
  /** Counters of a reserve; undefined for a settle. */
  readonly reserved: number | undefined;
  readonly resolve: (reply: ReserveReply) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Coalesces the store's reserves and settles: those issued in the same tick go to Redis as ONE script whose
 * Lua evaluates them one by one in arrival order, exactly as separate scripts would, and answers each on its
 * own. A busy process then pays one round trip, one EVALSHA and one timeout per batch instead of per call,
 * and each counter's keys travel once per batch. A batch that fails (no connection, no answer in time) fails
 * every operation in it; an operation that fails inside the script fails alone.
 *
 * @example
 * ```ts
 * const batcher = redisBatcher({ run: (keys, args) => connection.run(BATCH, keys, args), now: () => '', onTime: () => undefined, name: 'redis' });
 * const [status] = await batcher.reserve('call-1', [counter], [1]);
 * ```
 */
export function redisBatcher(options: RedisBatcherOptions): RedisBatcher {
  const batch = new Batch(options);
  return {
    reserve: (id, counters, amounts) => batch.queue('r', id, counters, amounts),
    settle: (id, counters, values) => batch.queue('s', id, counters, values).then(settled),
    flush: () => batch.flush(),
  };
}

/** The operations queued for the next script call, in its wire form. */
class Batch {
  readonly #options: RedisBatcherOptions;
  readonly #maxOps: number;
  /** Each counter's number in this batch (1-based), in the order its keys and description were listed. */
  #index = new Map<BatchCounter, number>();
  #keys: string[] = [];
  #described: (string | number)[] = [];
  #ops: (string | number)[] = [];
  #waiting: Waiting[] = [];
  #scheduled = false;
  #time = '';
  // The last operation put on the wire, and where the count of its repeats stands in `ops` (-1: none yet).
  #last: Operation | undefined;
  #repeats = -1;

  constructor(options: RedisBatcherOptions) {
    this.#options = options;
    this.#maxOps = options.maxOps ?? 512;
  }

  /** Queues one operation; resolves with its own reply once its batch is answered. */
  queue(op: 'r' | 's', id: string, counters: readonly BatchCounter[], numbers: readonly (number | string)[]): Promise<ReserveReply> {
    // A batch runs at one time: the time its first operation arrived, as a lone script would have. An operation
    // for which a test's clock reads otherwise starts a batch of its own.
    const at = this.#options.now();
    if (this.#waiting.length > 0 && at !== this.#time) this.flush();
    if (this.#waiting.length === 0) this.#time = at;
    const next: Operation = { op, id, counters, numbers };
    const ops = this.#ops;
    if (this.#last && same(this.#last, next)) {
      if (this.#repeats < 0) {
        ops.push('+', 0);
        this.#repeats = ops.length - 1;
      }
      (ops[this.#repeats] as number) += 1;
    } else {
      ops.push(op, id, counters.length);
      for (let i = 0; i < counters.length; i += 1) ops.push(this.#indexOf(counters[i]!), numbers[i]!);
      this.#last = next;
      this.#repeats = -1;
    }
    const reply = new Promise<ReserveReply>((resolve, reject) => this.#waiting.push({ reserved: op === 'r' ? counters.length : undefined, resolve, reject }));
    if (this.#waiting.length >= this.#maxOps) this.flush();
    else if (!this.#scheduled) {
      this.#scheduled = true;
      process.nextTick(() => {
        this.#scheduled = false;
        this.flush();
      });
    }
    return reply;
  }

  /** Sends what is queued as one script call. */
  flush(): void {
    if (this.#waiting.length === 0) return;
    const batch = this.#waiting;
    const sent = this.#options.run(this.#keys, [this.#time, this.#index.size, ...this.#described, ...this.#ops]);
    this.#index = new Map();
    this.#keys = [];
    this.#described = [];
    this.#ops = [];
    this.#waiting = [];
    this.#last = undefined;
    sent.then(
      (replies) => this.#answer(replies as unknown[], batch),
      (error: unknown) => {
        for (const w of batch) w.reject(error);
      },
    );
  }

  #answer(replies: unknown[], batch: readonly Waiting[]): void {
    const at = replies[0] as number;
    this.#options.onTime(at);
    let p = 1;
    for (const w of batch) {
      const head = replies[p++];
      if (head instanceof Error) w.reject(redisFailure(this.#options.name, head));
      else if (w.reserved === undefined) w.resolve([1, at]);
      else {
        const size = head === 1 ? w.reserved : head === 0 ? 4 : 0;
        const reply: ReserveReply = [head as number, at];
        for (let i = 0; i < size; i += 1) reply.push(replies[p++] as number | string);
        w.resolve(reply);
      }
    }
  }

  #indexOf(counter: BatchCounter): number {
    let c = this.#index.get(counter);
    if (c === undefined) {
      c = this.#index.size + 1;
      this.#index.set(counter, c);
      this.#keys.push(counter.keys[0], counter.keys[1]);
      this.#described.push(counter.kind, counter.limit, counter.a, counter.b);
    }
    return c;
  }
}
