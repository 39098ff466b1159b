import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError } from '../errors/config-error.js';
import type { UsageEvent } from '../usage-event.js';
import type { Sink } from './sink.js';

/**
 * Options of {@link jsonlSink}.
 *
 * @example
 * ```ts
 * const options: JsonlSinkOptions = { fsync: 'close', name: 'usage-file' };
 * const ai = createAIClient({ providers, sinks: [jsonlSink('logs/usage.jsonl', options)] });
 * ```
 */
export interface JsonlSinkOptions {
  /**
   * When written lines are forced to disk: `batch` after every batch (a crash loses nothing the client
   * handed over), `close` only on flush and close (faster; a power cut can lose the last batches).
   * @default 'batch'
   */
  readonly fsync?: 'batch' | 'close';
  /** Name in `sink-error` events and stats. @default 'jsonl' */
  readonly name?: string;
}

/**
 * Appends usage events to a JSON Lines file, one event per line, creating the file and its folder. Each batch
 * is one `write` on a file opened in append mode, so several processes can share one file without tearing
 * each other's lines. Read it back with {@link readJsonlLedger}.
 *
 * @param path - the ledger file
 * @param options - fsync policy and name
 *
 * @example
 * ```ts
 * const ai = createAIClient({ providers, sinks: [jsonlSink('usage.jsonl')] });
 * ```
 */
export function jsonlSink(path: string, options: JsonlSinkOptions = {}): Sink {
  if (typeof path !== 'string' || path.length === 0) throw new ConfigError('path', 'expected a file path');
  const fsync = options.fsync ?? 'batch';
  if (fsync !== 'batch' && fsync !== 'close') throw new ConfigError('fsync', "expected 'batch' or 'close'");
  let handle: Promise<FileHandle> | undefined;
  const file = (): Promise<FileHandle> =>
    (handle ??= mkdir(dirname(path), { recursive: true }).then(() => open(path, 'a')));

  return {
    name: options.name ?? 'jsonl',
    async writeBatch(events) {
      const fh = await file();
      await fh.write(events.map((e) => `${JSON.stringify(e)}\n`).join(''));
      if (fsync === 'batch') await fh.datasync();
    },
    async write(event: UsageEvent) {
      await this.writeBatch!([event]);
    },
    async flush() {
      if (handle) await (await handle).datasync();
    },
    async close() {
      if (!handle) return;
      const fh = await handle;
      handle = undefined;
      await fh.datasync();
      await fh.close();
    },
  };
}
