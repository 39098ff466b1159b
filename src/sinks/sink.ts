import type { UsageEvent } from '../usage-event.js';

/**
 * Where usage events go: a ledger, a file, telemetry, a test's memory. The client calls it off the hot path,
 * in batches, and isolates its failures: a sink that throws or hangs never fails or delays a call.
 * Implement `writeBatch` when the destination benefits from batches; otherwise `write` is called per event.
 * Events carry a unique `id`: store idempotently, because a failed batch is retried.
 *
 * @example
 * ```ts
 * const stdoutSink: Sink = {
 *   name: 'stdout',
 *   write(event) {
 *     process.stdout.write(`${event.provider} ${event.model} ${event.status}\n`);
 *   },
 * };
 * ```
 */
export interface Sink {
  /** Name used in `sink-error` events and stats. @default 'sink-N' (its position) */
  readonly name?: string;
  /** Stores one event. */
  write(event: UsageEvent): void | Promise<void>;
  /** Stores several events at once; used instead of `write` when present. */
  writeBatch?(events: readonly UsageEvent[]): void | Promise<void>;
  /** Makes everything written so far durable. */
  flush?(): void | Promise<void>;
  /** Releases resources; nothing is written after it. */
  close?(): void | Promise<void>;
}

/**
 * How the client feeds each sink.
 *
 * @example
 * ```ts
 * createAIClient({ providers, sinks: [ledger], sinkQueue: { maxQueue: 50_000, maxBatch: 500 } });
 * ```
 */
export interface SinkQueueOptions {
  /** Events held per sink before new ones are dropped (and counted). @default 10000 */
  readonly maxQueue?: number;
  /**
   * Events handed to a sink at once, at most: a drain takes what is queued, so batches are this large only while
   * a backlog lasts. A batch is also what a failure retries, or drops after the last retry.
   * @default 1024
   */
  readonly maxBatch?: number;
  /**
   * A write (or flush, or close) that has not settled after this many milliseconds is reported as a `timeout`
   * sink error. It is not retried while it may still land: the batch waits for its outcome, counted as written
   * if it lands and retried if it fails. `flush()` and `close()` still wait at most `closeTimeoutMs`.
   * @default 5000
   */
  readonly writeTimeoutMs?: number;
  /** Further tries of a failed batch before it is dropped. @default 2 */
  readonly retries?: number;
  /** Milliseconds before the first retry, doubling each time. @default 100 */
  readonly retryDelayMs?: number;
}

/**
 * Counters of one sink, from `client.sinkStats()`.
 *
 * @example
 * ```ts
 * const stats: SinkStats[] = ai.sinkStats();
 * for (const s of stats) console.log(s.name, s.queued, s.written, s.dropped, s.failures);
 * ```
 */
export interface SinkStats {
  /** The sink's name. */
  readonly name: string;
  /** Events waiting. */
  readonly queued: number;
  /** Events written. */
  readonly written: number;
  /** Events lost: queue full, or a batch that failed every retry. */
  readonly dropped: number;
  /** Writes that threw, rejected or timed out (each retry counts). */
  readonly failures: number;
}
