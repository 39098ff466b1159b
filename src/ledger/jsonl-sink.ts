import { ConfigError } from '../errors/config-error.js';
import { systemClock, type Clock } from '../time/clock.js';
import type { UsageEvent } from '../usage-event.js';
import { JsonlAppender } from './jsonl-appender.js';
import { jsonlLine } from './jsonl-schema.js';
import { rotation, type JsonlRotateOptions } from './jsonl-rotation.js';
import type { Sink } from '../sinks/sink.js';

/**
 * Options of {@link jsonlSink}.
 *
 * @example
 * ```ts
 * const options: JsonlSinkOptions = { fsync: 'close', name: 'usage-file', rotate: { maxBytes: 64 * 1024 * 1024, daily: true } };
 * const ai = createAIClient({ providers, sinks: [jsonlSink('logs/usage.jsonl', options)] });
 * ```
 */
export interface JsonlSinkOptions {
  /**
   * When written lines are forced to disk: `batch` after every batch (a crash loses nothing the client
   * handed over), `close` only on flush, on close and when a segment is left for the next (faster; a power
   * cut can lose the last batches).
   * @default 'batch'
   */
  readonly fsync?: 'batch' | 'close';
  /** Name in `sink-error` events and stats. @default 'jsonl' */
  readonly name?: string;
  /** Split the ledger into segment files by size and/or by day. @default undefined (one file, never rotated) */
  readonly rotate?: JsonlRotateOptions;
  /** Time source that daily rotation reads. @default systemClock */
  readonly clock?: Pick<Clock, 'now'>;
}

/**
 * Appends usage events to a JSON Lines file, one event per line, creating the file and its folder. Each line
 * carries the ledger's schema version as `"v"`. Each batch is one `write` on a file opened in append mode, so
 * several processes can share one file without tearing each other's lines. A file whose last line a crash cut
 * short (no final newline) gets its newline before the next batch, so the fragment stays a line of its own
 * (which {@link readJsonlLedger} skips with a warning) and the new events are intact. With `rotate`, the ledger is a set of segment files beside `path`: `usage.jsonl`,
 * `usage.1.jsonl`, … by size; `usage.2026-11-23.jsonl`, `usage.2026-11-23.1.jsonl`, … by day. Read the
 * whole set back with {@link readJsonlLedger} given `path`; {@link listJsonlSegments} names its files.
 *
 * @param path - the ledger file (with rotation: the name the segments are derived from)
 * @param options - fsync policy, rotation, name and clock
 *
 * @example
 * ```ts
 * const ai = createAIClient({ providers, sinks: [jsonlSink('usage.jsonl', { rotate: { daily: { timeZone: 'Europe/Berlin' } } })] });
 * ```
 */
export function jsonlSink(path: string, options: JsonlSinkOptions = {}): Sink {
  if (typeof path !== 'string' || path.length === 0) throw new ConfigError('path', 'expected a file path');
  const fsync = options.fsync ?? 'batch';
  if (fsync !== 'batch' && fsync !== 'close') throw new ConfigError('fsync', "expected 'batch' or 'close'");
  const clock = options.clock ?? systemClock;
  if (typeof clock.now !== 'function') throw new ConfigError('clock', 'expected an object with now(): epoch milliseconds');
  const file = new JsonlAppender(path, fsync, rotation(options.rotate), clock);
  // Rotation switches files between batches: one operation at a time keeps that out of a write in progress.
  let tail: Promise<unknown> = Promise.resolve();
  const serial = (work: () => Promise<void>): Promise<void> => {
    const done = tail.then(work);
    tail = done.catch(() => undefined);
    return done;
  };

  const writeBatch = (events: readonly UsageEvent[]): Promise<void> => {
    // One string, one write: many small writes could interleave with other processes' lines.
    let text = '';
    for (let i = 0; i < events.length; i++) text += jsonlLine(events[i]!);
    return text === '' ? tail.then(() => undefined) : serial(() => file.append(text));
  };
  return {
    name: options.name ?? 'jsonl',
    writeBatch,
    write: (event: UsageEvent) => writeBatch([event]),
    flush: () => serial(() => file.sync()),
    close: () => serial(() => file.close()),
  };
}
