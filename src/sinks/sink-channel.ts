import { setTimeout as sleep } from 'node:timers/promises';
import { SinkError } from '../errors/sink-error.js';
import type { SinkErrorEvent } from '../events.js';
import type { UsageEvent } from '../usage-event.js';
import type { Sink, SinkQueueOptions, SinkStats } from './sink.js';

type Settings = Required<SinkQueueOptions>;

/**
 * Feeds one sink from a bounded queue. `push` is the hot path: an array push and, at most once per tick,
 * scheduling a drain. The drain writes batches one after another, with a timeout and retries per batch.
 */
export class SinkChannel {
  readonly name: string;
  readonly #sink: Sink;
  readonly #settings: Settings;
  readonly #report: (event: SinkErrorEvent) => void;
  #queue: UsageEvent[] = [];
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
  }

  push(event: UsageEvent): void {
    if (this.#queue.length >= this.#settings.maxQueue) {
      this.#dropped++;
      // One report per overflow episode, not one per lost event: a flood of events must not flood listeners.
      if (!this.#overflowing) {
        this.#overflowing = true;
        this.#report({ sink: this.name, error: new Error(`sink "${this.name}" queue is full (${this.#settings.maxQueue}); dropping events`), dropped: 1 });
      }
      return;
    }
    this.#queue.push(event);
    if (!this.#draining) this.#schedule();
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
    return this.#queue.length > 0 || this.#draining !== undefined || this.#unflushed;
  }

  stats(): SinkStats {
    return { name: this.name, queued: this.#queue.length, written: this.#written, dropped: this.#dropped, failures: this.#failures };
  }

  #schedule(): void {
    if (this.#scheduled) return;
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
      if (this.#queue.length > 0) this.#schedule();
    });
    return this.#draining;
  }

  async #writeAll(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue.length <= this.#settings.maxBatch ? this.#queue : this.#queue.slice(0, this.#settings.maxBatch);
      this.#queue = batch === this.#queue ? [] : this.#queue.slice(batch.length);
      this.#overflowing = false;
      await this.#writeBatch(batch);
    }
  }

  async #writeBatch(batch: readonly UsageEvent[]): Promise<void> {
    const { retries, retryDelayMs } = this.#settings;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await sleep(retryDelayMs * 2 ** (attempt - 1), undefined, { ref: false });
      const lost = attempt === retries ? batch.length : 0;
      if (await this.#attempt(() => this.#write(batch), lost)) {
        this.#written += batch.length;
        if (this.#sink.flush) this.#unflushed = true;
        return;
      }
    }
    this.#dropped += batch.length;
  }

  #write(batch: readonly UsageEvent[]): void | Promise<void> {
    if (this.#sink.writeBatch) return this.#sink.writeBatch(batch);
    return writeEach(this.#sink, batch);
  }

  /** Runs one sink operation with the timeout; reports a failure and returns false instead of throwing. */
  async #attempt(operation: () => void | Promise<void>, lostOnFailure = 0): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(resolve, this.#settings.writeTimeoutMs, 'timeout');
      timer.unref();
    });
    try {
      const outcome = await Promise.race([Promise.resolve().then(operation), timeout]);
      if (outcome !== 'timeout') return true;
      this.#fail(new SinkError(this.name, 'timeout'), lostOnFailure);
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

async function writeEach(sink: Sink, batch: readonly UsageEvent[]): Promise<void> {
  for (const event of batch) await sink.write(event);
}
