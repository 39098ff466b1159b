import type { SinkErrorEvent } from '../events.js';
import type { UsageEvent } from '../usage-event.js';
import { SinkChannel } from './sink-channel.js';
import type { Sink, SinkQueueOptions, SinkStats } from './sink.js';

/** What the client's queue uses for every option of {@link SinkQueueOptions} left out. */
export const SINK_QUEUE_DEFAULTS: Readonly<Required<SinkQueueOptions>> = {
  maxQueue: 10_000,
  // A durable sink pays per batch (a transaction, an fsync, a round trip): 1024 drained a backlog into SQLite,
  // JSONL and PostgreSQL 1.1-1.6 times as fast as 256; 4096 gained little more, and a retry or a loss is a batch.
  maxBatch: 1024,
  writeTimeoutMs: 5_000,
  retries: 2,
  retryDelayMs: 100,
};

/** The client's sinks: one {@link SinkChannel} each, so a slow sink never holds back another. */
export class SinkHub {
  readonly #channels: SinkChannel[];

  constructor(sinks: readonly Sink[], options: SinkQueueOptions | undefined, report: (event: SinkErrorEvent) => void) {
    const settings = { ...SINK_QUEUE_DEFAULTS, ...options };
    this.#channels = sinks.map((sink, i) => new SinkChannel(sink, sink.name ?? `sink-${i + 1}`, settings, report));
  }

  get size(): number {
    return this.#channels.length;
  }

  push(event: UsageEvent): void {
    const channels = this.#channels;
    for (let i = 0; i < channels.length; i++) channels[i]!.push(event);
  }

  /**
   * Writes everything queued; gives up waiting after `timeoutMs` (the writes go on in the background). The
   * deadline timer keeps the process alive meanwhile: the channels' own timers do not, so without it an awaited
   * flush could be abandoned mid-retry when nothing else is pending.
   */
  flush(timeoutMs: number): Promise<void> {
    return withDeadline(Promise.all(this.#channels.map((c) => c.flush())), timeoutMs);
  }

  close(timeoutMs: number): Promise<void> {
    return withDeadline(Promise.all(this.#channels.map((c) => c.close())), timeoutMs);
  }

  /** Whether any sink has events queued or being written, or written since its last flush. */
  hasPendingWork(): boolean {
    return this.#channels.some((c) => c.hasPendingWork());
  }

  stats(): SinkStats[] {
    return this.#channels.map((c) => c.stats());
  }
}

async function withDeadline(work: Promise<unknown>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  try {
    await Promise.race([work.then(() => undefined), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
