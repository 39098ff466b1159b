import { LedgerUnreadableError } from '../errors/ledger-unreadable-error.js';
import type { Ledger } from '../ledger/ledger.js';
import { postgresLedger } from '../ledger/postgres-ledger.js';
import { postgresNames } from '../ledger/postgres-migrations.js';
import { sqliteLedger } from '../ledger/sqlite-ledger.js';
import { lazySdk } from '../lazy-sdk.js';

const loadPg = lazySdk('pg', () => import('pg'));

/**
 * An open SQL ledger and how to let go of everything opened for it.
 *
 * @example
 * ```ts
 * const { ledger, close }: OpenedLedger = await openSqliteLedger('usage.db');
 * ```
 */
export interface OpenedLedger {
  readonly ledger: Ledger;
  readonly close: () => Promise<void>;
}

/**
 * A SQLite ledger file that exists and holds the events table, opened read-only: reading never writes, so a
 * wrong path (any other SQLite file) is an error rather than a new empty ledger, and a file on a read-only path
 * reads as well as any.
 *
 * @example
 * ```ts
 * const { ledger, close } = await openSqliteLedger('usage.db');
 * ```
 */
export async function openSqliteLedger(path: string): Promise<OpenedLedger> {
  const ledger = sqliteLedger(path, { readOnly: true });
  try {
    await ledger.open();
  } catch (error) {
    await ledger.close();
    throw error;
  }
  return { ledger, close: () => ledger.close() };
}

/**
 * A PostgreSQL ledger table that exists, for the same reason: a misspelt table must not be created and
 * reported empty. It is opened read-only (nothing created, migrated or written: a role with only SELECT can
 * read), and the pool times out a server that does not answer instead of hanging.
 *
 * @example
 * ```ts
 * const { ledger, close } = await openPostgresLedger(url, 'postgres://reports:***@db/app', { table: 'ai_usage' });
 * ```
 */
export async function openPostgresLedger(url: string, location: string, options: { table?: string; schema?: string }): Promise<OpenedLedger> {
  const names = postgresNames(options);
  const { default: pg } = await loadPg();
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: 10_000, query_timeout: 60_000, allowExitOnIdle: true });
  try {
    const { rows } = await pool.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [names.table]);
    if (!rows[0]?.found) throw new LedgerUnreadableError(location, `no aimeter ledger table ${names.location} in this database`);
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (LedgerUnreadableError.isInstance(error)) throw error;
    throw new LedgerUnreadableError(location, `cannot be read (${(error as Error).message})`, { cause: error });
  }
  // Read-only: reading never creates, migrates or writes, so a role with only SELECT can report.
  const ledger = postgresLedger(pool, { ...options, readOnly: true });
  try {
    await ledger.open();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return {
    ledger,
    close: async () => {
      await ledger.close();
      await pool.end();
    },
  };
}
