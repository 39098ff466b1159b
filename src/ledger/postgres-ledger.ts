import { ConfigError } from '../errors/config-error.js';
import { lazySdk } from '../lazy-sdk.js';
import type { UsageEvent } from '../usage-event.js';
import type { Ledger, LedgerQuery } from './ledger.js';
import { LedgerClosedError } from '../errors/ledger-closed-error.js';
import { ledgerFilter, type LedgerFilter, type SqlDialect } from './ledger-filter.js';
import { LEDGER_COLUMNS, type LedgerColumn } from './ledger-row.js';
import { parseLedgerEvent } from './parse-ledger-event.js';
import { checkPostgresSchema, migratePostgres, postgresNames, type PostgresNames } from './postgres-migrations.js';
import { AIMeterError } from '../errors/aimeter-error.js';
import { LedgerUnreadableError } from '../errors/ledger-unreadable-error.js';
import type { PostgresPool } from './postgres-pool.js';

/**
 * Options of {@link postgresLedger}.
 *
 * @example
 * ```ts
 * const options: PostgresLedgerOptions = { schema: 'billing', table: 'ai_usage' };
 * const ledger = postgresLedger(pool, options);
 * ```
 */
export interface PostgresLedgerOptions {
  /** The events table; its schema version lives in `<table>_schema` beside it. @default 'aimeter_usage_events' */
  readonly table?: string;
  /** Schema (namespace) of the tables, which must exist. @default the connection's `search_path` (usually `public`) */
  readonly schema?: string;
  /** Name in `sink-error` events and stats. @default 'postgres' */
  readonly name?: string;
  /**
   * Only read: the tables must exist at the current schema version; nothing is created, migrated or written, so
   * a role with only `SELECT` on them can read (as `aimeter report` does). Writing rejects with {@link ConfigError}.
   * @default false
   */
  readonly readOnly?: boolean;
  /**
   * Milliseconds to wait for a connection (TCP and the server's greeting) before failing, so a server that
   * accepts connections but never answers cannot hang `open()` or keep the process alive. Applies to the pool
   * the ledger creates from a connection string; set `connectionTimeoutMillis` on a pool you pass.
   * @default 10000
   */
  readonly connectionTimeoutMs?: number;
  /**
   * Milliseconds one statement may run: the server cancels it (`statement_timeout`) and the client gives up
   * waiting (`query_timeout`), which bounds `flush()` and `close()` too. Applies to the pool the ledger creates
   * from a connection string; set `statement_timeout` and `query_timeout` on a pool you pass.
   * @default 30000
   */
  readonly statementTimeoutMs?: number;
}

/** Rows fetched per query while streaming events. */
const PAGE_ROWS = 1000;

const loadPg = lazySdk('pg', () => import('pg'));

const POSTGRES: SqlDialect = {
  placeholder: (n) => `$${n}`,
  tagEquals: (key, value) => `event->'tags'->>${key} = ${value}`,
};

/**
 * A ledger in PostgreSQL, shared by many instances of your service, through the optional peer dependency `pg`,
 * loaded on first use. Pass your own `pg.Pool` (the ledger never ends it) or a connection string (the ledger
 * creates a pool and ends it on `close()`). The table is created when missing and its schema versioned and
 * migrated under an advisory lock, so instances starting together do not race. Each batch is one multi-row
 * `INSERT … ON CONFLICT (id) DO NOTHING` (the rows sent as one JSON array): all of it or none is stored, and
 * retried batches never double-count. A ledger that cannot be opened (server down or silent, no permission, a
 * foreign table of the same name) rejects with {@link LedgerUnreadableError}, the driver's error as its `cause`.
 * With `readOnly` nothing is ever created or migrated, as `aimeter report` reads.
 *
 * @param poolOrUrl - a `pg.Pool`, or a connection string such as `postgres://user@host:5432/db`
 * @param options - table, schema, name, read-only access and timeouts
 * @returns a {@link Ledger}: a sink that can read its events back
 *
 * @example
 * ```ts
 * const ledger = postgresLedger(process.env.DATABASE_URL!, { table: 'ai_usage' });
 * const ai = createAIClient({ providers, sinks: [ledger] });
 * for await (const event of ledger.readEvents({ since: new Date(Date.now() - 86_400_000) })) console.log(event.model);
 * ```
 */
export function postgresLedger(poolOrUrl: PostgresPool | string, options: PostgresLedgerOptions = {}): Ledger {
  const names = postgresNames(options);
  const name = options.name ?? 'postgres';
  if (typeof name !== 'string' || name.length === 0) throw new ConfigError('name', 'expected a non-empty string');
  const url = typeof poolOrUrl === 'string' ? poolOrUrl : undefined;
  if (url === '' || (url === undefined && !isPool(poolOrUrl))) {
    throw new ConfigError('poolOrUrl', 'expected a pg Pool or a postgres:// connection string');
  }
  const readOnly = options.readOnly ?? false;
  if (typeof readOnly !== 'boolean') throw new ConfigError('readOnly', 'expected true or false');
  const connectionTimeoutMs = milliseconds(options.connectionTimeoutMs ?? 10_000, 'connectionTimeoutMs');
  const statementTimeoutMs = milliseconds(options.statementTimeoutMs ?? 30_000, 'statementTimeoutMs');
  const columns = LEDGER_COLUMNS.map((c) => c.name).join(', ');
  const insert = `INSERT INTO ${names.table} (${columns}) SELECT ${LEDGER_COLUMNS.map(cellOfRow).join(', ')} FROM jsonb_array_elements($1::jsonb) AS r ON CONFLICT (id) DO NOTHING`;

  let opening: Promise<PostgresPool> | undefined;
  let created: Promise<PostgresPool> | undefined;
  let closed = false;
  const inFlight = new Set<Promise<unknown>>();

  const pool = (): Promise<PostgresPool> => {
    if (url === undefined) return Promise.resolve(poolOrUrl as PostgresPool);
    created ??= openOwnPool(url, connectionTimeoutMs, statementTimeoutMs);
    return created;
  };

  const connection = (): Promise<PostgresPool> => {
    if (closed) return Promise.reject(new LedgerClosedError(name));
    opening ??= pool()
      .then(async (p) => {
        await (readOnly ? checkPostgresSchema(p, names) : migratePostgres(p, names));
        return p;
      })
      .catch((error: unknown) => {
        opening = undefined;
        throw postgresFailure(names, error);
      });
    return opening;
  };

  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    return work.finally(() => inFlight.delete(work));
  };

  const ledger: Ledger = {
    name,
    async open() {
      await track(connection());
    },
    writeBatch(events: readonly UsageEvent[]) {
      if (readOnly) return Promise.reject(new ConfigError('readOnly', `ledger "${name}" was opened read-only and does not write`));
      const rows = JSON.stringify(events.map(jsonRow));
      return track(connection().then((p) => p.query(insert, [rows]))).then(() => undefined);
    },
    async write(event: UsageEvent) {
      await ledger.writeBatch([event]);
    },
    async flush() {
      await Promise.allSettled([...inFlight]);
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled([...inFlight]);
      const own = await created?.catch(() => undefined);
      created = undefined;
      opening = undefined;
      await own?.end();
    },
    readEvents(query: LedgerQuery = {}) {
      // Built here, not in the generator, so a bad query throws at the call rather than on the first iteration.
      return pages(connection, names, ledgerFilter(query, POSTGRES));
    },
  };
  return ledger;
}

/** The pool the ledger opens itself from a connection string, with its timeouts; the ledger ends it on close. */
function openOwnPool(url: string, connectionTimeoutMs: number, statementTimeoutMs: number): Promise<PostgresPool> {
  return loadPg().then(
    ({ default: pg }) =>
      new pg.Pool({
        connectionString: url,
        allowExitOnIdle: true,
        connectionTimeoutMillis: connectionTimeoutMs,
        query_timeout: statementTimeoutMs,
        statement_timeout: statementTimeoutMs,
      }),
  );
}

/** The ledger's events matching `filter`, read page by page from one snapshot. */
async function* pages(
  connection: () => Promise<PostgresPool>,
  names: PostgresNames,
  filter: LedgerFilter,
): AsyncGenerator<UsageEvent> {
  const client = await (await connection()).connect();
  const seqParam = `$${filter.params.length + 1}`;
  const select = `SELECT seq, event FROM ${names.table} WHERE ${[`seq > ${seqParam}`, ...filter.conditions].join(' AND ')} ORDER BY seq LIMIT ${PAGE_ROWS}`;
  try {
    // One snapshot for all pages: rows committed meanwhile by other instances neither appear half-way nor shift pages.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    let after = '0';
    for (;;) {
      const { rows } = (await client.query(select, [...filter.params, after])) as { rows: { seq: string; event: unknown }[] };
      for (const row of rows) yield parseLedgerEvent(row.event, names.location, Number(row.seq));
      const last = rows.at(-1);
      if (!last || rows.length < PAGE_ROWS) break;
      after = last.seq;
    }
  } finally {
    // Also reached when the consumer stops early; a read-only transaction has nothing to keep. A client that
    // cannot even roll back is broken: discard it rather than return it to the pool.
    const ended = await client.query('ROLLBACK').then(() => true, () => false);
    client.release(!ended);
  }
}

/**
 * An event's cells as one JSON array, the event itself in the jsonb column's place. The whole batch travels as a
 * single jsonb parameter: no per-element array escaping on this side, one JSON parse on the server's.
 */
function jsonRow(event: UsageEvent): unknown[] {
  return LEDGER_COLUMNS.map((column) => (column.pgType === 'jsonb' ? event : column.value(event)));
}

/** The SQL that takes column `i` out of a row of {@link jsonRow}, cast to the column's type. */
function cellOfRow(column: LedgerColumn, i: number): string {
  if (column.pgType === 'jsonb') return `r->${i}`;
  return column.pgType === 'text' ? `r->>${i}` : `(r->>${i})::${column.pgType}`;
}

function milliseconds(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new ConfigError(field, 'expected a whole number of milliseconds, 1 or more');
  return value;
}

/** A failure to open the ledger as a typed error naming it, the driver's error as its cause. */
function postgresFailure(names: PostgresNames, error: unknown): unknown {
  if (AIMeterError.isInstance(error)) return error;
  const code = (error as { code?: unknown }).code;
  const reason =
    code === '42P07'
      ? `a table named ${names.location} exists but is not an aimeter ledger (it has no ${names.location}_schema version table)`
      : `cannot be opened (${(error as Error).message})`;
  return new LedgerUnreadableError(names.location, reason, { cause: error });
}

function isPool(value: unknown): value is PostgresPool {
  const pool = value as Partial<PostgresPool> | null;
  return typeof pool === 'object' && pool !== null && typeof pool.connect === 'function' && typeof pool.query === 'function';
}
