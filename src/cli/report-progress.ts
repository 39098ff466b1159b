import type { UsageEvent } from '../usage-event.js';

const COUNT = new Intl.NumberFormat('en-US');

/**
 * Where progress goes: stderr, so stdout keeps only the report.
 *
 * @example
 * ```ts
 * const output: ProgressOutput = process.stderr;
 * ```
 */
export interface ProgressOutput {
  write(text: string): unknown;
  /** A terminal gets one line redrawn in place; anything else gets one line per update. */
  readonly isTTY?: boolean;
}

/**
 * Options of {@link reportProgress}.
 *
 * @example
 * ```ts
 * const options: ReportProgressOptions = { output: process.stderr, totalBytes: 61_000_000 };
 * ```
 */
export interface ReportProgressOptions {
  readonly output: ProgressOutput;
  /** Size of the file being read, for a percentage. @default unknown: events only */
  readonly totalBytes?: number;
  /** Fewest milliseconds between two updates. @default 200 */
  readonly intervalMs?: number;
  /** Clock, for tests. @default Date.now */
  readonly now?: () => number;
}

// Measuring one event in 64 estimates the bytes read to within a few percent at a negligible cost.
const SAMPLE_EVERY = 64;

const size = (bytes: number): string => (bytes < 1e6 ? `${Math.ceil(bytes / 1e3)} kB` : `${(bytes / 1e6).toFixed(1)} MB`);

/**
 * A throttled "events read" indicator for long reads. With `totalBytes`, the percentage is estimated from the
 * serialized size of sampled events (a JSON Lines ledger stores each event as one line of its JSON).
 *
 * @example
 * ```ts
 * const progress = reportProgress({ output: process.stderr });
 * for await (const event of events) progress.event(event);
 * progress.done();
 * ```
 */
export function reportProgress(options: ReportProgressOptions): { event(event: UsageEvent): void; done(): void; interrupt(): void } {
  const { output, totalBytes, intervalMs = 200 } = options;
  const now = options.now ?? Date.now;
  let last = now();
  let count = 0;
  let sampledBytes = 0;
  let samples = 0;
  let shown = false;
  const text = (finished: boolean): string => {
    const read = `aimeter report: ${COUNT.format(count)} events read`;
    if (!totalBytes) return read;
    const percent = finished ? 100 : Math.min(99, Math.floor(((count * sampledBytes) / Math.max(samples, 1) / totalBytes) * 100));
    return `${read}, ${finished ? '' : '~'}${percent} % of ${size(totalBytes)}`;
  };
  const show = (finished: boolean): void => {
    shown = true;
    if (output.isTTY) output.write(`\r${text(finished)}\x1b[K${finished ? '\n' : ''}`);
    else output.write(`${text(finished)}\n`);
  };
  return {
    event(event) {
      count += 1;
      if (totalBytes && count % SAMPLE_EVERY === 1) {
        sampledBytes += Buffer.byteLength(JSON.stringify(event)) + 1;
        samples += 1;
      }
      const time = now();
      if (time - last >= intervalMs) {
        last = time;
        show(false);
      }
    },
    done: () => show(true),
    // A failed read leaves the terminal's progress line ended, so the error prints on a line of its own.
    interrupt: () => {
      if (output.isTTY && shown) output.write('\n');
    },
  };
}
