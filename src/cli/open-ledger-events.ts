import { stat } from 'node:fs/promises';
import { AIMeterError } from '../errors/aimeter-error.js';
import { LedgerUnreadableError } from '../errors/ledger-unreadable-error.js';
import type { LedgerQuery } from '../ledger/ledger.js';
import { ledgerTerms } from '../ledger/ledger-filter.js';
import { readJsonlLedger } from '../ledger/read-jsonl-ledger.js';
import { listJsonlSegments } from '../ledger/jsonl-segments.js';
import { ledgerQueryPredicate } from '../report/ledger-query-predicate.js';
import type { UsageEvent } from '../usage-event.js';
import { openPostgresLedger, openSqliteLedger, type OpenedLedger } from './open-sql-ledger.js';

/**
 * Options of {@link openLedgerEvents}.
 *
 * @example
 * ```ts
 * const options: OpenLedgerOptions = { table: 'ai_usage', schema: 'billing', onRead: () => count++ };
 * ```
 */
export interface OpenLedgerOptions {
  /** PostgreSQL table. @default 'aimeter_usage_events' */
  readonly table?: string;
  /** PostgreSQL schema. @default the connection's `search_path` */
  readonly schema?: string;
  /** Called for each event read from the source, before filtering (progress). */
  readonly onRead?: (event: UsageEvent) => void;
  /**
   * Called with the message of each line of a JSON Lines ledger skipped because a crash cut it short.
   * @default a process warning, as {@link readJsonlLedger} gives
   */
  readonly onWarning?: (message: string) => void;
}

/**
 * The selected events of a ledger named on the command line, and what is known about its size.
 *
 * @example
 * ```ts
 * const source: LedgerSource = await openLedgerEvents('usage.jsonl', { since: '2026-11-01' });
 * for await (const event of source.events) console.log(event.id);
 * ```
 */
export interface LedgerSource {
  /** The ledger as it may be printed: a connection string loses its password. */
  readonly location: string;
  /** Bytes in the files of a JSON Lines ledger (its progress can be a percentage). */
  readonly sizeBytes?: number;
  /** The events matching the query; the ledger is closed when iteration ends, however it ends. */
  readonly events: AsyncGenerator<UsageEvent>;
}

/**
 * Opens a ledger named on the command line: a `postgres://` URL, a `.jsonl` file (with the segments its sink
 * rotated beside it), or a SQLite file. The query
 * is pushed down into SQL for SQLite and PostgreSQL and applied to the stream for JSON Lines. A missing file
 * or table is a {@link LedgerUnreadableError} rather than a new empty ledger, so a typo never reports zeros.
 * Reading never writes: SQL ledgers are opened read-only and never migrated.
 *
 * @param location - path or connection string
 * @param query - which events
 * @param options - PostgreSQL table and schema, a read callback
 *
 * @example
 * ```ts
 * const { events } = await openLedgerEvents('postgres://reports@db/app', { provider: ['openai'] }, { table: 'ai_usage' });
 * ```
 */
export async function openLedgerEvents(location: string, query: LedgerQuery, options: OpenLedgerOptions = {}): Promise<LedgerSource> {
  ledgerTerms(query); // a bad query fails here, before anything is opened
  const onRead = options.onRead ?? (() => undefined);
  if (/^postgres(ql)?:\/\//.test(location)) {
    const shown = withoutPassword(location);
    const opened = await openPostgresLedger(location, shown, options);
    return { location: shown, events: sqlEvents(shown, opened, query, onRead) };
  }
  if (location.endsWith('.jsonl')) return { location, sizeBytes: await jsonlSize(location), events: jsonlEvents(location, ledgerQueryPredicate(query), onRead, options.onWarning) };
  const file = await stat(location).catch((error: unknown) => {
    throw new LedgerUnreadableError(location, statFailure(error), { cause: error });
  });
  if (!file.isFile()) throw new LedgerUnreadableError(location, 'not a file');
  return { location, events: sqlEvents(location, await openSqliteLedger(location), query, onRead) };
}

/** Bytes of every file of a JSON Lines ledger: the file and the segments its sink rotated beside it. */
async function jsonlSize(path: string): Promise<number> {
  const segments = await listJsonlSegments(path).catch((error: unknown) => {
    throw new LedgerUnreadableError(path, statFailure(error), { cause: error });
  });
  if (segments.length === 0) throw new LedgerUnreadableError(path, 'no ledger there (no such file, nor rotated segments beside it)');
  let bytes = 0;
  for (const segment of segments) {
    const file = await stat(segment).catch((error: unknown) => {
      throw new LedgerUnreadableError(segment, statFailure(error), { cause: error });
    });
    if (!file.isFile()) throw new LedgerUnreadableError(segment, 'not a file');
    bytes += file.size;
  }
  return bytes;
}

function statFailure(error: unknown): string {
  return (error as { code?: unknown }).code === 'ENOENT' ? 'no ledger there (no such file)' : `cannot be read (${(error as Error).message})`;
}

async function* jsonlEvents(
  path: string,
  keep: (event: UsageEvent) => boolean,
  onRead: (event: UsageEvent) => void,
  onWarning: ((message: string) => void) | undefined,
): AsyncGenerator<UsageEvent> {
  try {
    for await (const event of readJsonlLedger(path, onWarning ? { onWarning: (warning) => onWarning(warning.message) } : {})) {
      onRead(event);
      if (keep(event)) yield event;
    }
  } catch (error) {
    throw readFailure(path, error);
  }
}

async function* sqlEvents(location: string, opened: OpenedLedger, query: LedgerQuery, onRead: (event: UsageEvent) => void): AsyncGenerator<UsageEvent> {
  try {
    for await (const event of opened.ledger.readEvents(query)) {
      onRead(event);
      yield event;
    }
  } catch (error) {
    throw readFailure(location, error);
  } finally {
    await opened.close();
  }
}

/** aimeter's own errors say what went wrong already; anything else (I/O, driver) is wrapped with the ledger. */
function readFailure(location: string, error: unknown): unknown {
  if (AIMeterError.isInstance(error)) return error;
  return new LedgerUnreadableError(location, `cannot be read (${(error as Error).message})`, { cause: error });
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    for (const key of [...parsed.searchParams.keys()]) if (/pass/i.test(key)) parsed.searchParams.set(key, '***');
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}
