import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { LedgerCorruptError } from '../errors/ledger-corrupt-error.js';
import { listJsonlSegments } from '../sinks/jsonl-segments.js';
import type { UsageEvent } from '../usage-event.js';

const REQUIRED = ['id', 'callId', 'time', 'provider', 'operation', 'model', 'status', 'usage'] as const;

/**
 * Reads a JSON Lines ledger written by {@link jsonlSink}, streaming it line by line: the file at `path` and,
 * when the sink rotated, every segment beside it, oldest first (see {@link listJsonlSegments}). A segment's
 * final line without its newline is a write that a crash cut short and is skipped; any other bad line throws
 * {@link LedgerCorruptError} with its segment's path and line number. Events are deduplicated by `id` across
 * the whole set.
 *
 * @param path - the ledger file, as given to the sink
 * @returns the events, segment by segment in file order
 *
 * @example
 * ```ts
 * for await (const event of readJsonlLedger('usage.jsonl')) console.log(event.model, event.usage);
 * ```
 */
export async function* readJsonlLedger(path: string): AsyncGenerator<UsageEvent> {
  const seen = new Set<string>();
  const segments = await listJsonlSegments(path);
  // Neither the file nor a segment: reading the file itself fails as a missing file does.
  for (const segment of segments.length > 0 ? segments : [path]) {
    for await (const event of readSegment(segment)) {
      if (seen.has(event.id)) continue;
      seen.add(event.id);
      yield event;
    }
  }
}

async function* readSegment(path: string): AsyncGenerator<UsageEvent> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let number = 0;
  let pending: string | undefined;
  for await (const text of lines) {
    if (pending !== undefined) {
      const event = parseLine(path, pending, number);
      if (event) yield event;
    }
    number += 1;
    pending = text;
  }
  if (pending !== undefined && (await endsWithNewline(path))) {
    const event = parseLine(path, pending, number);
    if (event) yield event;
  }
}

function parseLine(path: string, text: string, line: number): UsageEvent | undefined {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new LedgerCorruptError(path, line, 'not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new LedgerCorruptError(path, line, 'expected a usage event object');
  }
  const missingField = REQUIRED.find((field) => !(field in value));
  if (missingField) throw new LedgerCorruptError(path, line, `usage event without "${missingField}"`);
  return value as UsageEvent;
}

async function endsWithNewline(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    if (size === 0) return true;
    const { buffer } = await fh.read(Buffer.alloc(1), 0, 1, size - 1);
    return buffer[0] === 0x0a;
  } finally {
    await fh.close();
  }
}
