import { createHash } from 'node:crypto';
import { ConfigError } from '../errors/config-error.js';
import { LedgerUnreadableError } from '../errors/ledger-unreadable-error.js';
import { LedgerVersionError } from '../errors/ledger-version-error.js';
import type { PostgresPool } from './postgres-pool.js';
import { inTransaction } from './postgres-transaction.js';

/** Quoted names of one Postgres ledger's objects. */
export interface PostgresNames {
  /** `"schema"."table"` or `"table"`: the events. */
  readonly table: string;
  /** The table holding the schema version. */
  readonly versionTable: string;
  /** Quoted name of an index of the table, e.g. `index('time')`. */
  readonly index: (suffix: string) => string;
  /** Unquoted `schema.table`, for messages and the migration lock. */
  readonly location: string;
}

/** Unquoted identifiers only, short enough for the `_schema` and index suffixes within Postgres's 63 bytes. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,47}$/;

/** The quoted names of a ledger's objects, validating `table` and `schema` (ConfigError naming the option). */
export function postgresNames(options: { readonly table?: string; readonly schema?: string }): PostgresNames {
  const table = options.table ?? 'aimeter_usage_events';
  if (typeof table !== 'string' || !IDENTIFIER.test(table)) throw new ConfigError('table', 'expected letters, digits and _ (at most 48, not starting with a digit)');
  const schema = options.schema;
  if (schema !== undefined && (typeof schema !== 'string' || !IDENTIFIER.test(schema))) {
    throw new ConfigError('schema', 'expected letters, digits and _ (at most 48, not starting with a digit)');
  }
  const qualify = (object: string): string => (schema === undefined ? `"${object}"` : `"${schema}"."${object}"`);
  return {
    table: qualify(table),
    versionTable: qualify(`${table}_schema`),
    index: (suffix) => `"${table}_${suffix}"`,
    location: schema === undefined ? table : `${schema}.${table}`,
  };
}

/** One step of the Postgres ledger's schema; `version` is what the version table holds after it. */
export interface PostgresMigration {
  readonly version: number;
  readonly statements: (names: PostgresNames) => readonly string[];
}

/**
 * Every schema step, oldest first. Never edit a released step: add one. Versions 1 and 2 make LEDGER_COLUMNS;
 * version 2 adds the token totals by modality and the service tier, filled for the rows already there from
 * their event JSON.
 */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    statements: ({ table, index }) => [
      `CREATE TABLE ${table} (
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        id text PRIMARY KEY,
        time timestamptz NOT NULL,
        call_id text,
        attempt integer,
        provider text,
        operation text,
        model text,
        environment text,
        status text,
        http_status integer,
        error_kind text,
        request_id text,
        key_fingerprint text,
        latency_ms double precision,
        time_to_first_chunk_ms double precision,
        tag_customer text,
        tag_project text,
        tag_user text,
        tag_session text,
        tag_turn text,
        requests integer,
        input_tokens double precision, input_tokens_provenance text,
        output_tokens double precision, output_tokens_provenance text,
        cached_input_tokens double precision, cached_input_tokens_provenance text,
        cache_write_input_tokens double precision, cache_write_input_tokens_provenance text,
        reasoning_tokens double precision, reasoning_tokens_provenance text,
        characters double precision, characters_provenance text,
        credits double precision, credits_provenance text,
        audio_seconds double precision, audio_seconds_provenance text,
        event jsonb NOT NULL
      )`,
      `CREATE INDEX ${index('time')} ON ${table} (time)`,
      `CREATE INDEX ${index('customer_time')} ON ${table} (tag_customer, time)`,
      `CREATE INDEX ${index('session')} ON ${table} (tag_session)`,
      `CREATE INDEX ${index('provider_model')} ON ${table} (provider, model)`,
      `CREATE INDEX ${index('call')} ON ${table} (call_id)`,
    ],
  },
  {
    version: 2,
    statements: ({ table }) => [
      `ALTER TABLE ${table}
        ADD COLUMN input_audio_tokens double precision,
        ADD COLUMN cached_audio_input_tokens double precision,
        ADD COLUMN output_audio_tokens double precision,
        ADD COLUMN input_image_tokens double precision,
        ADD COLUMN input_video_tokens double precision,
        ADD COLUMN service_tier text`,
      `UPDATE ${table} SET
        input_audio_tokens = (event #>> '{usage,modalities,input,audio}')::double precision,
        cached_audio_input_tokens = (event #>> '{usage,modalities,cachedInput,audio}')::double precision,
        output_audio_tokens = (event #>> '{usage,modalities,output,audio}')::double precision,
        input_image_tokens = (event #>> '{usage,modalities,input,image}')::double precision,
        input_video_tokens = (event #>> '{usage,modalities,input,video}')::double precision,
        service_tier = event #>> '{usage,serviceTier}'
      WHERE event #> '{usage,modalities}' IS NOT NULL OR event #> '{usage,serviceTier}' IS NOT NULL`,
    ],
  },
];

/**
 * Brings the ledger's tables to the last step in one transaction, under an advisory lock on the ledger's name:
 * many instances starting at once migrate one after another, and all but the first find nothing to do. A
 * ledger from a newer aimeter is refused untouched.
 */
export async function migratePostgres(pool: PostgresPool, names: PostgresNames, steps: readonly PostgresMigration[] = POSTGRES_MIGRATIONS): Promise<void> {
  const latest = steps.at(-1)?.version ?? 0;
  await inTransaction(pool, 'BEGIN', async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKey(names.location)]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${names.versionTable} (version integer NOT NULL)`);
    const { rows } = await client.query(`SELECT max(version) AS version FROM ${names.versionTable}`);
    const found = Number((rows[0] as { version: number | null } | undefined)?.version ?? 0);
    if (found > latest) throw new LedgerVersionError(names.location, found, latest);
    if (found === latest) return;
    for (const step of steps) {
      if (step.version <= found) continue;
      for (const sql of step.statements(names)) await client.query(sql);
    }
    await client.query(`DELETE FROM ${names.versionTable}`);
    await client.query(`INSERT INTO ${names.versionTable} (version) VALUES ($1)`, [latest]);
  });
}

/** A 64-bit advisory lock key of its own for each ledger name. */
function lockKey(location: string): string {
  return createHash('sha256').update(`aimeter.ledger:${location}`).digest().readBigInt64BE().toString();
}

/**
 * Checks, without writing anything, that the ledger's tables exist at the schema version this aimeter reads:
 * what reading needs, and all a role with only SELECT can do. A missing table is a {@link LedgerUnreadableError}
 * (never created, so a misspelt name never reads as an empty ledger); a newer schema a {@link LedgerVersionError}.
 */
export async function checkPostgresSchema(pool: PostgresPool, names: PostgresNames, steps: readonly PostgresMigration[] = POSTGRES_MIGRATIONS): Promise<void> {
  const latest = steps.at(-1)?.version ?? 0;
  const { rows } = await pool.query('SELECT to_regclass($1)::text AS events, to_regclass($2)::text AS versions', [names.table, names.versionTable]);
  const found = rows[0] as { events: string | null; versions: string | null } | undefined;
  if (!found?.events || !found.versions) throw new LedgerUnreadableError(names.location, `no aimeter ledger table ${names.location} in this database`);
  const version = await pool.query(`SELECT max(version) AS version FROM ${names.versionTable}`);
  const at = Number((version.rows[0] as { version: number | null } | undefined)?.version ?? 0);
  if (at > latest) throw new LedgerVersionError(names.location, at, latest);
  if (at < latest) throw new LedgerUnreadableError(names.location, `ledger schema version ${at} is older than ${latest}; open it once with a writing postgresLedger to upgrade it`);
}
