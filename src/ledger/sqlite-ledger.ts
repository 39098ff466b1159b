import type BetterSqlite3 from 'better-sqlite3';
import { ConfigError } from '../errors/config-error.js';
import { lazySdk } from '../lazy-sdk.js';
import type { UsageEvent } from '../usage-event.js';
import type { Ledger, LedgerQuery } from './ledger.js';
import { LedgerClosedError } from '../errors/ledger-closed-error.js';
import { ledgerFilter, type LedgerFilter, type SqlDialect } from './ledger-filter.js';
import { LEDGER_COLUMNS, ledgerRow, type CellValue } from './ledger-row.js';
import { migrateSqlite, SQLITE_MIGRATIONS, SQLITE_TABLE } from './sqlite-migrations.js';
import { parseLedgerEvent } from './parse-ledger-event.js';
import { ensureFolder, openSqliteReadOnly, refuseForeignDatabase, sqliteFailure } from './sqlite-open.js';

/**
 * Options of {@link sqliteLedger}.
 *
 * @example
 * ```ts
 * const options: SqliteLedgerOptions = { busyTimeoutMs: 2000, synchronous: 'normal' };
 * const ledger = sqliteLedger('usage.db', options);
 * ```
 */
export interface SqliteLedgerOptions {
  /**
   * Milliseconds a write waits for another process holding the file's write lock before failing (the client
   * then retries the batch). The wait blocks this thread, as every better-sqlite3 call does.
   * @default 5000
   */
  readonly busyTimeoutMs?: number;
  /**
   * SQLite `synchronous` setting: `full` makes each committed batch survive a power cut; `normal` is faster
   * and still survives a crash of the process, but a power cut can lose the last batches (never corrupts).
   * @default 'full'
   */
  readonly synchronous?: 'full' | 'normal';
  /** Name in `sink-error` events and stats. @default 'sqlite' */
  readonly name?: string;
  /**
   * Only read: the file must exist and be a ledger at the current schema version; it is opened read-only and
   * never migrated, nor written to (a WAL file in a folder you cannot write is read from a
   * private copy). Writing rejects with {@link ConfigError}.
   * @default false
   */
  readonly readOnly?: boolean;
  /**
   * Add the ledger's table to a database that already holds another application's tables. Without it such a
   * file is refused with {@link LedgerUnreadableError}, so a wrong path never changes someone else's database.
   * @default false
   */
  readonly allowForeignDatabase?: boolean;
}

/** Rows read from the file per query while streaming events, so writes can go on between pages. */
const PAGE_ROWS = 1000;

const loadSqlite = lazySdk('better-sqlite3', () => import('better-sqlite3'));

const SQLITE: SqlDialect = {
  placeholder: () => '?',
  tagEquals: (key, value) => `EXISTS (SELECT 1 FROM json_each(event, '$.tags') WHERE key = ${key} AND value = ${value})`,
};

interface Connection {
  readonly db: BetterSqlite3.Database;
  readonly insertAll: (rows: readonly CellValue[][]) => void;
  readonly close: () => void;
}

/** How a ledger opens its database, as checked by `sqliteLedger`. */
interface ConnectionSettings {
  readonly name: string;
  readonly readOnly: boolean;
  readonly allowForeign: boolean;
  readonly busyTimeoutMs: number;
  readonly synchronous: 'full' | 'normal';
}

/** Opens the ledger's database: read-only as it is, or for writing with the schema migrated and the insert prepared. */
async function openConnection(path: string, settings: ConnectionSettings): Promise<Connection> {
  const { name, readOnly, allowForeign, busyTimeoutMs, synchronous } = settings;
  const { default: Database } = await loadSqlite();
  if (readOnly) {
    const { db, close } = openSqliteReadOnly(Database, path, busyTimeoutMs);
    const insertAll = (): void => {
      throw new ConfigError('readOnly', `ledger "${name}" was opened read-only and does not write`);
    };
    return { db, insertAll, close };
  }
  let db: BetterSqlite3.Database;
  try {
    ensureFolder(path);
    db = new Database(path, { timeout: busyTimeoutMs });
  } catch (error) {
    throw sqliteFailure(path, error);
  }
  try {
    const foreign = refuseForeignDatabase(db, path, allowForeign);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    migrateSqlite(db, path, SQLITE_MIGRATIONS, foreign);
    const names = LEDGER_COLUMNS.map((c) => c.name);
    const insert = db.prepare(
      `INSERT INTO ${SQLITE_TABLE} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')}) ON CONFLICT (id) DO NOTHING`,
    );
    const insertAll = db.transaction((rows: readonly CellValue[][]) => {
      for (const row of rows) insert.run(row);
    });
    return { db, insertAll: (rows) => insertAll.immediate(rows), close: () => db.close() };
  } catch (error) {
    db.close();
    throw sqliteFailure(path, error);
  }
}

/**
 * A ledger in a SQLite file (the embedded default that `aimeter report` reads), through the optional peer
 * dependency `better-sqlite3`, loaded on first use. The file and its folder are created; the schema is
 * versioned and migrated on open; a database of another application is refused (see `allowForeignDatabase`),
 * and a file that cannot be opened is a {@link LedgerUnreadableError}. With `readOnly` the file is only read,
 * never migrated, as `aimeter report` does. WAL mode and a busy timeout let several processes write to one file at once.
 * Each batch is one transaction, and an event whose `id` is stored already is skipped, so the client's retries
 * never double-count.
 *
 * @param path - the ledger file
 * @param options - busy timeout, durability, name, read-only access and foreign databases
 * @returns a {@link Ledger}: a sink that can read its events back
 *
 * @example
 * ```ts
 * const ledger = sqliteLedger('data/usage.db');
 * const ai = createAIClient({ providers, sinks: [ledger] });
 * // later, e.g. in a report job
 * for await (const event of ledger.readEvents({ since: '2026-11-01', tags: { customer: 'acme' } })) total += event.usage.requests;
 * ```
 */
export function sqliteLedger(path: string, options: SqliteLedgerOptions = {}): Ledger {
  if (typeof path !== 'string' || path.length === 0) throw new ConfigError('path', 'expected a file path');
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  if (!Number.isInteger(busyTimeoutMs) || busyTimeoutMs < 0) throw new ConfigError('busyTimeoutMs', 'expected a whole number of milliseconds, 0 or more');
  const synchronous = options.synchronous ?? 'full';
  if (synchronous !== 'full' && synchronous !== 'normal') throw new ConfigError('synchronous', "expected 'full' or 'normal'");
  const name = options.name ?? 'sqlite';
  if (typeof name !== 'string' || name.length === 0) throw new ConfigError('name', 'expected a non-empty string');

  let opening: Promise<Connection> | undefined;
  let closed = false;

  const readOnly = options.readOnly ?? false;
  if (typeof readOnly !== 'boolean') throw new ConfigError('readOnly', 'expected true or false');
  const allowForeign = options.allowForeignDatabase ?? false;
  if (typeof allowForeign !== 'boolean') throw new ConfigError('allowForeignDatabase', 'expected true or false');

  const connect = (): Promise<Connection> => openConnection(path, { name, readOnly, allowForeign, busyTimeoutMs, synchronous });

  const connection = (): Promise<Connection> => {
    if (closed) return Promise.reject(new LedgerClosedError(name));
    opening ??= connect().catch((error: unknown) => {
      opening = undefined;
      throw error;
    });
    return opening;
  };

  async function* pages(filter: LedgerFilter): AsyncGenerator<UsageEvent> {
    const { db } = await connection();
    const conditions = ['seq > ?', ...filter.conditions];
    const select = db.prepare<unknown[], { seq: number; event: string }>(
      `SELECT seq, event FROM ${SQLITE_TABLE} WHERE ${conditions.join(' AND ')} ORDER BY seq LIMIT ${PAGE_ROWS}`,
    );
    let after = 0;
    for (;;) {
      if (closed) throw new LedgerClosedError(name);
      const rows = select.all(after, ...filter.params);
      for (const row of rows) yield parseLedgerEvent(row.event, path, row.seq);
      const last = rows.at(-1);
      if (!last || rows.length < PAGE_ROWS) return;
      after = last.seq;
    }
  }

  const ledger: Ledger = {
    name,
    async open() {
      await connection();
    },
    async writeBatch(events: readonly UsageEvent[]) {
      const rows = events.map(ledgerRow);
      (await connection()).insertAll(rows);
    },
    async write(event: UsageEvent) {
      await ledger.writeBatch([event]);
    },
    async flush() {
      // Every resolved write is a committed transaction; only an open in progress can be pending.
      await opening?.catch(() => undefined);
    },
    async close() {
      if (closed) return;
      closed = true;
      const pending = opening;
      opening = undefined;
      const open = await pending?.catch(() => undefined);
      open?.close();
    },
    readEvents(query: LedgerQuery = {}) {
      // Built here, not in the generator, so a bad query throws at the call rather than on the first iteration.
      return pages(ledgerFilter(query, SQLITE));
    },
  };
  return ledger;
}
