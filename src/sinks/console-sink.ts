import type { UsageEvent } from '../usage-event.js';
import type { Quantity } from '../usage.js';
import type { Sink } from './sink.js';

/** Anything lines can be written to, such as `process.stdout` or a file stream. */
export interface LineWriter {
  /** Writes one chunk of text. */
  write(chunk: string): unknown;
}

/** Options of {@link consoleSink}. */
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
  const format = options.format === 'json' ? (e: UsageEvent) => JSON.stringify(e) : pretty;
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

function pretty(event: UsageEvent): string {
  const { requests: _requests, ...quantities } = event.usage;
  const figures = Object.entries(quantities)
    .filter((entry): entry is [string, Quantity] => entry[1] !== undefined)
    .map(([name, q]) => `${name}=${q.value ?? '?'}${q.provenance === 'reported' ? '' : `(${q.provenance})`}`);
  const who = Object.entries(event.tags)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`);
  return [
    `[aimeter] ${event.provider}:${event.model} ${event.operation} #${event.attempt} ${event.status}`,
    `${event.latencyMs.toFixed(1)}ms`,
    ...figures,
    ...who,
  ].join(' ');
}
