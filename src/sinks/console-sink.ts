import type { UsageEvent } from '../usage-event.js';
import { formatUsageEvent } from './format-usage-event.js';
import type { Sink } from './sink.js';

/**
 * Anything lines can be written to, such as `process.stdout` or a file stream.
 *
 * @example
 * ```ts
 * const lines: string[] = [];
 * const writer: LineWriter = { write: (chunk: string) => lines.push(chunk) };
 * const ai = createAIClient({ providers, sinks: [consoleSink({ stream: writer })] });
 * ```
 */
export interface LineWriter {
  /** Writes one chunk of text. */
  write(chunk: string): unknown;
}

/**
 * Options of {@link consoleSink}.
 *
 * @example
 * ```ts
 * const options: ConsoleSinkOptions = { stream: process.stderr, format: 'json' };
 * const ai = createAIClient({ providers, sinks: [consoleSink(options)] });
 * ```
 */
export interface ConsoleSinkOptions {
  /** Where lines go. @default process.stdout */
  readonly stream?: LineWriter;
  /** `json`: one JSON object per line; `pretty`: one short human line. @default 'pretty' */
  readonly format?: 'json' | 'pretty';
}

/**
 * Prints each usage event, for development.
 *
 * @example
 * ```ts
 * const ai = createAIClient({ providers, sinks: [consoleSink({ format: 'json' })] });
 * ```
 */
export function consoleSink(options: ConsoleSinkOptions = {}): Sink {
  const stream = options.stream ?? process.stdout;
  const format = options.format === 'json' ? (e: UsageEvent) => JSON.stringify(e) : formatUsageEvent;
  return {
    name: 'console',
    writeBatch(events) {
      stream.write(events.map((e) => `${format(e)}\n`).join(''));
    },
    write(event) {
      stream.write(`${format(event)}\n`);
    },
  };
}
