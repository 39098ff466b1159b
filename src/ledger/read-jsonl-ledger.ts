import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { LedgerCorruptError } from '../errors/ledger-corrupt-error.js';
import { LedgerVersionError } from '../errors/ledger-version-error.js';
import { JSONL_SCHEMA_VERSION } from './jsonl-schema.js';
import { listJsonlSegments } from './jsonl-segments.js';
import type { UsageEvent } from '../usage-event.js';
import { checkUsageFigures } from './check-usage-figures.js';
import type { JsonlLedgerWarning } from './jsonl-ledger-warning.js';
import { gluedRecord, isTornRecord } from './jsonl-torn-line.js';

const REQUIRED = ['id', 'callId', 'time', 'provider', 'operation', 'model', 'status', 'usage'] as const;

/**
 * Options of {@link readJsonlLedger}.
 *
 * @example
 * ```ts
 * const warnings: JsonlLedgerWarning[] = [];
 * const options: ReadJsonlLedgerOptions = { onWarning: (warning) => warnings.push(warning) };
 * ```
 */
export interface ReadJsonlLedgerOptions {
  /**
   * Called for each line skipped because a crash cut it short.
   * @default a process warning (`process.emitWarning`, code `AIMETER_LEDGER_TORN_LINE`)
   */
  readonly onWarning?: (warning: JsonlLedgerWarning) => void;
}

/**
 * Reads a JSON Lines ledger written by {@link jsonlSink}, streaming it line by line: the file at `path` and,
 * when the sink rotated, every segment beside it, oldest first (see {@link listJsonlSegments}). A line that a
 * crash cut short (the start of an event that never closes, at the end of a segment or, once a sink appended
 * after it, in the middle) holds no event: it is skipped and reported to `onWarning`. Any other bad line throws
 * {@link LedgerCorruptError} with its segment's path and line number, as does a usage figure or cost that is not
 * a number 0 or more; a line of a newer schema version throws {@link LedgerVersionError}. Events are
 * deduplicated by `id` across the whole set, and yielded without the line's schema version field `v`.
 *
 * @param path - the ledger file, as given to the sink
 * @param options - where warnings about skipped lines go
 * @returns the events, segment by segment in file order
 *
 * @example
 * ```ts
 * const onWarning = (warning: JsonlLedgerWarning) => console.warn(warning.message);
 * for await (const event of readJsonlLedger('usage.jsonl', { onWarning })) console.log(event.model, event.usage);
 * ```
 */
export async function* readJsonlLedger(path: string, options: ReadJsonlLedgerOptions = {}): AsyncGenerator<UsageEvent> {
  const warn = options.onWarning ?? ((warning: JsonlLedgerWarning) => process.emitWarning(warning.message, { code: 'AIMETER_LEDGER_TORN_LINE' }));
  const seen = new Set<string>();
  const segments = await listJsonlSegments(path);
  // Neither the file nor a segment: reading the file itself fails as a missing file does.
  for (const segment of segments.length > 0 ? segments : [path]) {
    for await (const event of readSegment(segment, warn)) {
      if (seen.has(event.id)) continue;
      seen.add(event.id);
      yield event;
    }
  }
}

async function* readSegment(path: string, warn: (warning: JsonlLedgerWarning) => void): AsyncGenerator<UsageEvent> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let number = 0;
  for await (const text of lines) {
    number += 1;
    if (text.trim() === '') continue;
    const event = parseLine(path, text, number, warn);
    if (event) yield event;
  }
}

function parseLine(path: string, text: string, line: number, warn: (warning: JsonlLedgerWarning) => void): UsageEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    if (!isTornRecord(text)) throw new LedgerCorruptError(path, line, 'not valid JSON');
    const glued = gluedRecord(text, REQUIRED);
    const what = glued ? 'skipped the start of a record cut short by a crash (the event after it on the line is kept)' : 'skipped a record cut short by a crash';
    warn({ path, line, message: `${path} line ${line}: ${what}` });
    return glued ? usageEvent(path, glued, line) : undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new LedgerCorruptError(path, line, 'expected a usage event object');
  }
  return usageEvent(path, value as Record<string, unknown>, line);
}

/** The event of a parsed line, without its schema version; throws when it is not one this aimeter can read. */
function usageEvent(path: string, record: Record<string, unknown>, line: number): UsageEvent {
  const { v, ...event } = record;
  if (v !== undefined && v !== JSONL_SCHEMA_VERSION) {
    if (Number.isSafeInteger(v) && (v as number) > JSONL_SCHEMA_VERSION) throw new LedgerVersionError(`${path} line ${line}`, v as number, JSONL_SCHEMA_VERSION);
    throw new LedgerCorruptError(path, line, `schema version "v" is ${JSON.stringify(v)}, expected ${JSONL_SCHEMA_VERSION}`);
  }
  const missingField = REQUIRED.find((field) => !(field in event));
  if (missingField) throw new LedgerCorruptError(path, line, `usage event without "${missingField}"`);
  checkUsageFigures(event, path, line);
  return event as unknown as UsageEvent;
}
