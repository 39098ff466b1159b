import { open, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type pg from 'pg';
// The ledgers' own DDL and column order, from the same build as the sinks: the controls store the same table.
import { LEDGER_COLUMNS, ledgerRow } from '../../dist/ledger/ledger-row.js';
import { POSTGRES_MIGRATIONS, postgresNames } from '../../dist/ledger/postgres-migrations.js';
import { SQLITE_MIGRATIONS, SQLITE_TABLE } from '../../dist/ledger/sqlite-migrations.js';
import type { Sink, UsageEvent } from '../lib/aimeter.js';

/**
 * A physical-limit control: what the bare primitive does with the same events in the same batches, shaped as a
 * sink so the harness feeds it exactly as it feeds the sink's own `writeBatch`. `verify` runs after the timing
 * and throws unless every event landed, so a broken control cannot pass for a fast one.
 */
export interface PhysicalControl extends Sink {
  readonly verify: (events: number) => Promise<void>;
}

type CellValue = string | number | null;

/**
 * JSONL's physical limit: `JSON.stringify` of each event, the lines joined, one `write` per batch to a file opened
 * for appending, with the sink's fsync policy: `batch` fdatasyncs after every batch (and fsyncs the folder once the
 * file is created, as the sink does for a new segment), `close` fdatasyncs on flush and close only.
 */
export function jsonlControl(path: string, fsync: 'batch' | 'close'): PhysicalControl {
  let handle: FileHandle | undefined;
  let dirty = false;
  let bytes = 0;
  const file = async (): Promise<FileHandle> => {
    if (handle) return handle;
    handle = await open(path, 'a');
    if (fsync === 'batch') await syncFolder(dirname(path));
    return handle;
  };
  const sync = async (): Promise<void> => {
    if (!handle || !dirty) return;
    await handle.datasync();
    dirty = false;
  };
  return {
    name: 'jsonl control',
    write: () => Promise.reject(new Error('the control writes batches only')),
    async writeBatch(events) {
      // One more empty line so the join itself ends the last line: no copy of the batch to append a newline.
      const lines = new Array<string>(events.length + 1);
      for (let i = 0; i < events.length; i++) lines[i] = JSON.stringify(events[i]);
      lines[events.length] = '';
      const text = lines.join('\n');
      // The events are ASCII: a character is a byte (verify fails loudly otherwise).
      bytes += text.length;
      await (await file()).write(text);
      dirty = true;
      if (fsync === 'batch') await sync();
    },
    flush: sync,
    async close() {
      await sync();
      await handle?.close();
      handle = undefined;
    },
    async verify() {
      const { size } = await stat(path);
      if (size !== bytes) throw new Error(`jsonl control: ${size} bytes on disk, ${bytes} written`);
    },
  };
}

async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * An event's ledger cells written out by hand, in the ledgers' column order: the plainest way to get the row
 * values. {@link checkPlainRows} proves them equal to the ledger's own before any timing.
 */
function plainRow(e: UsageEvent): CellValue[] {
  const u = e.usage;
  const m = u.modalities;
  const q = (x: { value: number | null; provenance: string } | undefined): [number | null, string | null] => (x ? [x.value, x.provenance] : [null, null]);
  const t = e.tags;
  return [
    e.id, e.time, e.callId ?? null, e.attempt ?? null, e.provider, e.operation, e.model, e.environment ?? null, e.status,
    e.httpStatus ?? null, e.errorKind ?? null, e.requestId ?? null, e.keyFingerprint ?? null, e.latencyMs ?? null, e.timeToFirstChunkMs ?? null,
    t.customer ?? null, t.project ?? null, t.user ?? null, t.session ?? null, t.turn ?? null, u.requests,
    ...q(u.inputTokens), ...q(u.outputTokens), ...q(u.cachedInputTokens), ...q(u.cacheWriteInputTokens),
    ...q(u.reasoningTokens), ...q(u.characters), ...q(u.credits), ...q(u.audioSeconds),
    m?.input?.audio ?? null, m?.cachedInput?.audio ?? null, m?.output?.audio ?? null, m?.input?.image ?? null, m?.input?.video ?? null,
    u.serviceTier ?? null, JSON.stringify(e),
  ];
}

/** Throws unless the hand-written rows equal the ledger's `ledgerRow` for these events. */
export function checkPlainRows(events: readonly UsageEvent[]): void {
  for (const event of events.slice(0, 16)) {
    const ours = JSON.stringify(plainRow(event));
    const theirs = JSON.stringify(ledgerRow(event));
    if (ours !== theirs) throw new Error(`sink control: plain row differs from the ledger's\n${ours}\n${theirs}`);
  }
}

const COLUMNS = LEDGER_COLUMNS.map((c) => c.name);

/**
 * SQLite's physical limit: bare better-sqlite3 on a table made by the ledger's own migrations (same columns, same
 * UNIQUE id and five report indexes), WAL and the ledger's `synchronous`, one prepared insert of the plain row
 * values per event, one transaction per batch.
 */
export function sqliteControl(path: string, synchronous: 'full' | 'normal'): PhysicalControl {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  for (const step of SQLITE_MIGRATIONS) db.exec(step.sql);
  const insert = db.prepare(`INSERT INTO ${SQLITE_TABLE} (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
  const insertAll = db.transaction((events: readonly UsageEvent[]) => {
    for (let i = 0; i < events.length; i++) insert.run(plainRow(events[i]!));
  });
  return {
    name: 'sqlite control',
    write: () => Promise.reject(new Error('the control writes batches only')),
    writeBatch: (events) => void insertAll(events),
    close: () => undefined,
    verify(events) {
      const count = db.prepare(`SELECT count(*) AS n FROM ${SQLITE_TABLE}`).pluck().get() as number;
      db.close();
      return count === events ? Promise.resolve() : Promise.reject(new Error(`sqlite control: ${count} rows, ${events} written`));
    },
  };
}

/**
 * PostgreSQL's physical limit: bare `pg`, one multi-row `INSERT … VALUES ($1, …), (…)` of the plain row values per
 * batch into a table made by the ledger's own migration statements (same columns, primary key, indexes).
 */
export async function postgresControl(pool: pg.Pool, table: string): Promise<PhysicalControl> {
  const names = postgresNames({ table });
  for (const step of POSTGRES_MIGRATIONS) for (const sql of step.statements(names)) await pool.query(sql);
  const statements = new Map<number, string>();
  const statement = (rows: number): string => {
    let sql = statements.get(rows);
    if (sql) return sql;
    const width = COLUMNS.length;
    const tuples = Array.from({ length: rows }, (_, r) => `(${COLUMNS.map((_c, i) => `$${r * width + i + 1}`).join(', ')})`);
    sql = `INSERT INTO ${names.table} (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`;
    statements.set(rows, sql);
    return sql;
  };
  return {
    name: 'postgres control',
    write: () => Promise.reject(new Error('the control writes batches only')),
    async writeBatch(events) {
      const values: CellValue[] = [];
      for (const event of events) values.push(...plainRow(event));
      await pool.query(statement(events.length), values);
    },
    async verify(events) {
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM ${names.table}`);
      const count = (rows[0] as { n: number }).n;
      if (count !== events) throw new Error(`postgres control: ${count} rows, ${events} written`);
    },
  };
}
