import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { AIMeterError } from '../errors/aimeter-error.js';
import { LedgerUnreadableError } from '../errors/ledger-unreadable-error.js';
import { LedgerVersionError } from '../errors/ledger-version-error.js';
import { SQLITE_MIGRATIONS, SQLITE_TABLE } from './sqlite-migrations.js';

type DatabaseClass = typeof BetterSqlite3;

/** An open SQLite ledger file, and how to let go of it (and of any copy made to read it). */
export interface SqliteHandle {
  readonly db: BetterSqlite3.Database;
  readonly close: () => void;
}

/** The driver's failure as a typed error naming the file, unless it is one of aimeter's already. */
export function sqliteFailure(path: string, error: unknown): unknown {
  if (AIMeterError.isInstance(error)) return error;
  const code = (error as { code?: unknown }).code;
  const reason = code === 'SQLITE_NOTADB' ? 'not a SQLite database (a JSON Lines ledger must be named *.jsonl)' : `cannot be opened (${(error as Error).message})`;
  return new LedgerUnreadableError(path, reason, { cause: error });
}

/**
 * Refuses a database that holds tables of another application and no ledger: adding the ledger's table and
 * setting `user_version` there would change someone else's file. `allowForeign` lets it through.
 *
 * @returns whether the database is another application's (and allowed)
 */
export function refuseForeignDatabase(db: BetterSqlite3.Database, path: string, allowForeign: boolean): boolean {
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all();
  if (tables.length === 0 || tables.some((t) => t.name === SQLITE_TABLE)) return false;
  if (allowForeign) return true;
  throw new LedgerUnreadableError(
    path,
    `a SQLite database of another application (tables ${tables.slice(0, 3).map((t) => `"${t.name}"`).join(', ')}${tables.length > 3 ? ', …' : ''}, no "${SQLITE_TABLE}"); pass allowForeignDatabase: true to add the ledger to it`,
  );
}

/**
 * Opens a ledger file for reading only: the file must exist, hold the events table and be at the schema version
 * this aimeter reads, and nothing is written to it (SQLite may still create the WAL's shared-memory file beside
 * it). A WAL file in a folder this process cannot write, where SQLite cannot create that file, is read from a
 * private copy, taken with its write-ahead log, in the temporary folder.
 */
export function openSqliteReadOnly(Database: DatabaseClass, path: string, busyTimeoutMs: number): SqliteHandle {
  let handle: SqliteHandle;
  try {
    handle = checked(new Database(path, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs }), path, () => undefined);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== 'SQLITE_READONLY_DIRECTORY' && code !== 'SQLITE_CANTOPEN') throw sqliteFailure(path, error);
    const folder = mkdtempSync(join(tmpdir(), 'aimeter-ledger-read-'));
    const removeCopy = () => rmSync(folder, { recursive: true, force: true });
    try {
      const copy = join(folder, 'ledger.db');
      copyFileSync(path, copy);
      try {
        copyFileSync(`${path}-wal`, `${copy}-wal`);
      } catch {
        // No write-ahead log: everything is in the file.
      }
      handle = checked(new Database(copy, { readonly: true, fileMustExist: true }), path, removeCopy);
    } catch (copyError) {
      removeCopy();
      throw sqliteFailure(path, copyError);
    }
  }
  return handle;
}

/** The open file, once it proved to be a ledger this aimeter reads; closed (and `cleanup` run) otherwise. */
function checked(db: BetterSqlite3.Database, path: string, cleanup: () => void): SqliteHandle {
  try {
    const latest = SQLITE_MIGRATIONS.at(-1)?.version ?? 0;
    const found = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(SQLITE_TABLE);
    if (!found) throw new LedgerUnreadableError(path, `a SQLite database without the aimeter ledger table "${SQLITE_TABLE}"`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latest) throw new LedgerVersionError(path, version, latest);
    if (version < latest) throw new LedgerUnreadableError(path, `ledger schema version ${version} is older than ${latest}; open it once with a writing sqliteLedger to upgrade it`);
  } catch (error) {
    db.close();
    cleanup();
    throw error;
  }
  return {
    db,
    close: () => {
      db.close();
      cleanup();
    },
  };
}

/** Creates the folder of a ledger file that is going to be written. */
export function ensureFolder(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
}
