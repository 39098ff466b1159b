import { join } from 'node:path';
import pg from 'pg';
import { jsonlSink, memorySink, postgresLedger, sqliteLedger, type Sink } from '../lib/aimeter.js';
import type { Target } from '../lib/figure.js';

export const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** A sink under test: `make(arm)` builds a fresh instance per arm (sinks skip ids they stored already). */
export interface SinkTarget {
  readonly name: string;
  /** Share of the run's event count (the durable sinks are slower). */
  readonly share: number;
  readonly target?: Target;
  readonly make: (arm: string) => Sink | Promise<Sink>;
  /** Removes what the arms created outside the temporary folder. */
  readonly cleanup?: () => Promise<void>;
}

const atLeast = (value: number): Target => ({ op: '>=', value, on: 'value' });

export function fileSinkTargets(tmpDir: string): SinkTarget[] {
  const file = (name: string, arm: string, ext: string): string => join(tmpDir, `${name}-${arm}.${ext}`);
  return [
    { name: 'memory', share: 1, target: atLeast(5e6), make: () => memorySink() },
    { name: 'jsonl fsync=batch (default)', share: 0.2, target: atLeast(1e6), make: (arm) => jsonlSink(file('batch', arm, 'jsonl')) },
    { name: 'jsonl fsync=close', share: 0.2, make: (arm) => jsonlSink(file('close', arm, 'jsonl'), { fsync: 'close' }) },
    // ≈110 MB per arm: seven segments, and a size check (fstat) before every batch.
    { name: 'jsonl fsync=batch, rotating every 16 MB', share: 0.2, make: (arm) => jsonlSink(file('rotate', arm, 'jsonl'), { rotate: { maxBytes: 16 << 20 } }) },
    // A ledger's cost per event grows with its size (random ids land all over the id index): 100k events each.
    { name: 'sqlite synchronous=full (default)', share: 0.1, target: atLeast(5e5), make: (arm) => sqliteLedger(file('full', arm, 'db')) },
    { name: 'sqlite synchronous=normal', share: 0.1, make: (arm) => sqliteLedger(file('normal', arm, 'db'), { synchronous: 'normal' }) },
  ];
}

/** The PostgreSQL ledger on a pool of ours, one fresh table per arm, dropped afterwards; or why it is skipped. */
export async function postgresTarget(): Promise<SinkTarget | string> {
  const pool = new pg.Pool({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2_000, allowExitOnIdle: true });
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    return `postgres: skipped, ${POSTGRES_URL} unreachable (${error instanceof Error ? error.message : String(error)})`;
  }
  const tables: string[] = [];
  return {
    name: 'postgres',
    share: 0.05,
    make: (arm) => {
      const table = `aimeter_bench_${process.pid}_${Date.now()}_${arm}`;
      tables.push(table);
      return postgresLedger(pool, { table });
    },
    cleanup: async () => {
      for (const table of tables) await pool.query(`DROP TABLE IF EXISTS "${table}", "${table}_schema"`);
      await pool.end();
    },
  };
}
