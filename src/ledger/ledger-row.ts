import type { Quantity, Usage } from '../usage.js';
import type { UsageEvent } from '../usage-event.js';

/** A value bound to a ledger column. */
export type CellValue = string | number | null;

/** One indexed column of the ledger table, and how an event fills it. */
export interface LedgerColumn {
  readonly name: string;
  /** PostgreSQL type, for casting the column's cell out of the JSON rows of a multi-row insert. */
  readonly pgType: 'text' | 'integer' | 'double precision' | 'timestamptz' | 'jsonb';
  readonly value: (event: UsageEvent) => CellValue;
}

/** Well-known tags with a column of their own, so reports filter and group by them through an index. */
export const TAG_COLUMNS = ['customer', 'project', 'user', 'session', 'turn'] as const;

/** The usage figures that are quantities with provenance (all but `requests`). */
export const QUANTITIES = [
  'inputTokens',
  'outputTokens',
  'cachedInputTokens',
  'cacheWriteInputTokens',
  'reasoningTokens',
  'characters',
  'credits',
  'audioSeconds',
] as const satisfies readonly (keyof Usage)[];

const text = (name: string, value: (e: UsageEvent) => string | undefined): LedgerColumn => ({ name, pgType: 'text', value: (e) => value(e) ?? null });
const real = (name: string, value: (e: UsageEvent) => number | undefined): LedgerColumn => ({ name, pgType: 'double precision', value: (e) => value(e) ?? null });
const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const quantity = (e: UsageEvent, key: (typeof QUANTITIES)[number]): Quantity | undefined => e.usage[key];

/** The modality columns of schema version 2: each a modality's share of a token total (`Usage.modalities`). */
const MODALITY_COLUMNS = [
  ['input_audio_tokens', 'input', 'audio'],
  ['cached_audio_input_tokens', 'cachedInput', 'audio'],
  ['output_audio_tokens', 'output', 'audio'],
  ['input_image_tokens', 'input', 'image'],
  ['input_video_tokens', 'input', 'video'],
] as const;

/**
 * The columns of the latest schema (version 1, then version 2's modality and service-tier columns), in insert order. `event` holds the whole event as JSON, so fields added to
 * UsageEvent later are kept even before a migration gives them a column. A usage figure that does not apply has
 * both of its columns NULL; a `missing` one has a NULL value and provenance `missing`.
 */
export const LEDGER_COLUMNS: readonly LedgerColumn[] = [
  text('id', (e) => e.id),
  { name: 'time', pgType: 'timestamptz', value: (e) => canonicalTime(e.time) },
  text('call_id', (e) => e.callId),
  { name: 'attempt', pgType: 'integer', value: (e) => e.attempt },
  text('provider', (e) => e.provider),
  text('operation', (e) => e.operation),
  text('model', (e) => e.model),
  text('environment', (e) => e.environment),
  text('status', (e) => e.status),
  { name: 'http_status', pgType: 'integer', value: (e) => e.httpStatus ?? null },
  text('error_kind', (e) => e.errorKind),
  text('request_id', (e) => e.requestId),
  text('key_fingerprint', (e) => e.keyFingerprint),
  real('latency_ms', (e) => e.latencyMs),
  real('time_to_first_chunk_ms', (e) => e.timeToFirstChunkMs),
  ...TAG_COLUMNS.map((tag) => text(`tag_${tag}`, (e) => e.tags[tag])),
  { name: 'requests', pgType: 'integer', value: (e) => e.usage.requests },
  ...QUANTITIES.flatMap((key) => [
    real(snake(key), (e) => quantity(e, key)?.value ?? undefined),
    text(`${snake(key)}_provenance`, (e) => quantity(e, key)?.provenance),
  ]),
  ...MODALITY_COLUMNS.map(([name, split, modality]) => real(name, (e) => e.usage.modalities?.[split]?.[modality])),
  text('service_tier', (e) => e.usage.serviceTier),
  { name: 'event', pgType: 'jsonb', value: (e) => JSON.stringify(e) },
];

/** The event's cells, in {@link LEDGER_COLUMNS} order. */
export function ledgerRow(event: UsageEvent): CellValue[] {
  return LEDGER_COLUMNS.map((column) => column.value(event));
}

/**
 * The shape of `toISOString()` on days 1-28 of any month, which every month has. Other days go the slow way,
 * because `Date.parse` rolls a day past the month's end (`02-31`) over into the next month.
 */
const CANONICAL = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/**
 * `time` as `toISOString()` writes it, so that text comparison is time order in SQLite. A time that does not
 * parse is kept as written rather than failing the whole batch; the event JSON has it either way.
 */
export function canonicalTime(time: string): string {
  // What the meter writes is canonical already; parsing and formatting it again costs more than the rest of the row.
  if (CANONICAL.test(time)) return time;
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? time : new Date(ms).toISOString();
}
