import { setTimeout as sleep } from 'node:timers/promises';
import { SinkError } from '../errors/sink-error.js';
import type { SinkErrorEvent } from '../events.js';
import type { UsageEvent } from '../usage-event.js';
import { EventQueue } from './event-queue.js';
import type { Sink, SinkQueueOptions, SinkStats } from './sink.js';

type Settings = Required<SinkQueueOptions>;

/** What a sink operation settles to when it loses the race against `writeTimeoutMs`. */
const TIMED_OUT = Symbol('timed out');

/**
 * Feeds one sink from a bounded queue. `push` is the hot path: a store into a ring buffer and, at most once
 * per tick, scheduling a drain. The drain writes batches one after another, with a timeout and retries per
 * batch; the batches of a sink that writes synchronously follow each other without waiting.
 */
export class SinkChannel {
  readonly name: string;
  readonly #sink: Sink;
  readonly #settings: Settings;
  readonly #report: (event: SinkErrorEvent) => void;
  readonly #queue: EventQueue;
  #draining: Promise<void> | undefined;
  #scheduled = false;
  #overflowing = false;
  #written = 0;
  #dropped = 0;
  #failures = 0;
  /** Events were written since the sink's last flush(). */
  #unflushed = false;

  constructor(sink: Sink, name: string, settings: Settings, report: (event: SinkErrorEvent) => void) {
    this.#sink = sink;
    this.name = name;
    this.#settings = settings;
    this.#report = report;
    this.#queue = new EventQueue(settings.maxQueue);
  }

  push(event: UsageEvent): void {
    if (!this.#queue.push(event)) return this.#overflow();
    if (this.#draining === undefined && !this.#scheduled) this.#schedule();
  }

  /** Resolves once everything queued before the call is written (or dropped) and the sink flushed. */
  async flush(): Promise<void> {
    await this.#drain();
    this.#unflushed = false;
    if (this.#sink.flush) await this.#attempt(() => this.#sink.flush!());
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.#sink.close) await this.#attempt(() => this.#sink.close!());
  }

  hasPendingWork(): boolean {
    return this.#queue.size > 0 || this.#draining !== undefined || this.#unflushed;
  }

  stats(): SinkStats {
    return { name: this.name, queued: this.#queue.size, written: this.#written, dropped: this.#dropped, failures: this.#failures };
  }

  #overflow(): void {
    this.#dropped++;
    // One report per overflow episode, not one per lost event: a flood of events must not flood listeners.
    if (this.#overflowing) return;
    this.#overflowing = true;
    this.#report({ sink: this.name, error: new Error(`sink "${this.name}" queue is full (${this.#settings.maxQueue}); dropping events`), dropped: 1 });
  }

  #schedule(): void {
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      void this.#drain();
    });
  }

  #drain(): Promise<void> {
    this.#draining ??= this.#writeAll().finally(() => {
      this.#draining = undefined;
      // An event pushed after the last batch but before this line saw a drain running and scheduled none.
      if (this.#queue.size > 0 && !this.#scheduled) this.#schedule();
    });
    return this.#draining;
  }

  async #writeAll(): Promise<void> {
    while (this.#queue.size > 0) {
      const batch = this.#queue.take(this.#settings.maxBatch);
      this.#overflowing = false;
      const pending = this.#writeBatch(batch);
      if (pending) await pending;
    }
  }

  /** Writes one batch, retrying it; returns a promise only when the sink's write did not settle at once. */
  #writeBatch(batch: readonly UsageEvent[]): Promise<void> | undefined {
    const first = this.#attempt(() => this.#write(batch), this.#settings.retries === 0 ? batch.length : 0);
    if (first !== true) return this.#retry(batch, first);
    this.#wrote(batch.length);
    return undefined;
  }

  async #retry(batch: readonly UsageEvent[], first: Promise<boolean> | false): Promise<void> {
    if (await first) return this.#wrote(batch.length);
    const { retries, retryDelayMs } = this.#settings;
    for (let attempt = 1; attempt <= retries; attempt++) {
      await sleep(retryDelayMs * 2 ** (attempt - 1), undefined, { ref: false });
      if (await this.#attempt(() => this.#write(batch), attempt === retries ? batch.length : 0)) return this.#wrote(batch.length);
    }
    this.#dropped += batch.length;
  }

  #wrote(count: number): void {
    this.#written += count;
    if (this.#sink.flush) this.#unflushed = true;
  }

  #write(batch: readonly UsageEvent[]): unknown {
    if (this.#sink.writeBatch) return this.#sink.writeBatch(batch);
    return writeEach(this.#sink, batch, 0);
  }

  /**
   * Runs one sink operation; a failure is reported (counting `lostOnFailure` events as lost) and comes back as
   * false instead of a throw. Only an operation that returns a promise is raced against the timeout.
   */
  #attempt(operation: () => unknown, lostOnFailure = 0): boolean | Promise<boolean> {
    let result: unknown;
    try {
      result = operation();
    } catch (error) {
      this.#fail(new SinkError(this.name, 'threw', { cause: error }), lostOnFailure);
      return false;
    }
    return isThenable(result) ? this.#settle(result, lostOnFailure) : true;
  }

  /**
   * A sink operation slower than `writeTimeoutMs` is reported (a `timeout` failure) but not given up on: it may
   * still land, and retrying it meanwhile would write the batch twice. Its own outcome decides, whenever it
   * comes: a write that lands counts as written, one that fails is retried.
   */
  async #settle(pending: PromiseLike<unknown>, lostOnFailure: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(resolve, this.#settings.writeTimeoutMs, TIMED_OUT);
      timer.unref();
    });
    try {
      if ((await Promise.race([pending, timeout])) !== TIMED_OUT) return true;
      this.#fail(new SinkError(this.name, 'timeout'), 0);
      await pending;
      return true;
    } catch (error) {
      this.#fail(new SinkError(this.name, 'threw', { cause: error }), lostOnFailure);
    } finally {
      clearTimeout(timer);
    }
    return false;
  }

  #fail(error: SinkError, dropped: number): void {
    this.#failures++;
    this.#report({ sink: this.name, error, dropped });
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null | undefined)?.then === 'function';
}

/** Calls `write` per event from `from` on, waiting only on the writes that return a promise. */
function writeEach(sink: Sink, batch: readonly UsageEvent[], from: number): unknown {
  for (let i = from; i < batch.length; i++) {
    const pending = sink.write(batch[i]!);
    if (isThenable(pending)) return pending.then(() => writeEach(sink, batch, i + 1));
  }
  return undefined;
}
