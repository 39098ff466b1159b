import { join } from 'node:path';
import pg from 'pg';
import { jsonlSink, memorySink, postgresLedger, sqliteLedger, type Sink } from '../lib/aimeter.js';
import type { Target } from '../lib/figure.js';
import { jsonlControl, postgresControl, sqliteControl, type PhysicalControl } from './sink-controls.js';

export const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** A sink under test: `make(arm)` builds a fresh instance per arm (sinks skip ids they stored already). */
export interface SinkTarget {
  readonly name: string;
  /** Share of the run's event count (the durable sinks are slower). */
  readonly share: number;
  /** On the ratio of the hub's drain to the physical control's. */
  readonly target?: Target;
  readonly make: (arm: string) => Sink | Promise<Sink>;
  /** The bare primitive with the same events (issue 21's physical limit), a fresh one per arm; none for memory. */
  readonly control?: (arm: string) => PhysicalControl | Promise<PhysicalControl>;
  /** Removes what the arms created outside the temporary folder. */
  readonly cleanup?: () => Promise<void>;
}

/** Issue 21: a durable sink drained through the client's queue does at least 0.8× what its bare primitive does. */
export const OF_CONTROL: Target = { op: '>=', value: 0.8, on: 'ratio' };

export function fileSinkTargets(tmpDir: string): SinkTarget[] {
  const file = (name: string, arm: string, ext: string): string => join(tmpDir, `${name}-${arm}.${ext}`);
  return [
    { name: 'memory', share: 1, make: () => memorySink() },
    {
      name: 'jsonl fsync=batch (default)',
      share: 0.2,
      target: OF_CONTROL,
      make: (arm) => jsonlSink(file('batch', arm, 'jsonl')),
      control: (arm) => jsonlControl(file('batch-control', arm, 'jsonl'), 'batch'),
    },
    {
      name: 'jsonl fsync=close',
      share: 0.2,
      make: (arm) => jsonlSink(file('close', arm, 'jsonl'), { fsync: 'close' }),
      control: (arm) => jsonlControl(file('close-control', arm, 'jsonl'), 'close'),
    },
    // ≈110 MB per arm: seven segments, and a size check (fstat) before every batch. Its control does not rotate.
    {
      name: 'jsonl fsync=batch, rotating every 16 MB',
      share: 0.2,
      make: (arm) => jsonlSink(file('rotate', arm, 'jsonl'), { rotate: { maxBytes: 16 << 20 } }),
      control: (arm) => jsonlControl(file('rotate-control', arm, 'jsonl'), 'batch'),
    },
    // A ledger's cost per event grows with its size (random ids land all over the id index): 100k events each.
    {
      name: 'sqlite synchronous=full (default)',
      share: 0.1,
      target: OF_CONTROL,
      make: (arm) => sqliteLedger(file('full', arm, 'db')),
      control: (arm) => sqliteControl(file('full-control', arm, 'db'), 'full'),
    },
    {
      name: 'sqlite synchronous=normal',
      share: 0.1,
      make: (arm) => sqliteLedger(file('normal', arm, 'db'), { synchronous: 'normal' }),
      control: (arm) => sqliteControl(file('normal-control', arm, 'db'), 'normal'),
    },
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
  const table = (arm: string): string => {
    const name = `aimeter_bench_${process.pid}_${Date.now()}_${arm}`;
    tables.push(name);
    return name;
  };
  return {
    name: 'postgres',
    share: 0.05,
    target: OF_CONTROL,
    make: (arm) => postgresLedger(pool, { table: table(arm) }),
    control: (arm) => postgresControl(pool, table(arm)),
    cleanup: async () => {
      for (const name of tables) await pool.query(`DROP TABLE IF EXISTS "${name}", "${name}_schema"`);
      await pool.end();
    },
  };
}
