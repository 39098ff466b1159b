import type BetterSqlite3 from 'better-sqlite3';
import { LedgerVersionError } from '../errors/ledger-version-error.js';

/** One step of the SQLite ledger's schema; `version` is what `PRAGMA user_version` holds after it. */
export interface SqliteMigration {
  readonly version: number;
  readonly sql: string;
}

/** Name of the events table in a SQLite ledger. */
export const SQLITE_TABLE = 'usage_events';

/**
 * Every schema step, oldest first. Never edit a released step: add one. Versions 1 and 2 make LEDGER_COLUMNS;
 * version 2 adds the token totals by modality and the service tier, filled for the rows already there from
 * their event JSON.
 */
export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE ${SQLITE_TABLE} (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        time TEXT NOT NULL,
        call_id TEXT,
        attempt INTEGER,
        provider TEXT,
        operation TEXT,
        model TEXT,
        environment TEXT,
        status TEXT,
        http_status INTEGER,
        error_kind TEXT,
        request_id TEXT,
        key_fingerprint TEXT,
        latency_ms REAL,
        time_to_first_chunk_ms REAL,
        tag_customer TEXT,
        tag_project TEXT,
        tag_user TEXT,
        tag_session TEXT,
        tag_turn TEXT,
        requests INTEGER,
        input_tokens REAL, input_tokens_provenance TEXT,
        output_tokens REAL, output_tokens_provenance TEXT,
        cached_input_tokens REAL, cached_input_tokens_provenance TEXT,
        cache_write_input_tokens REAL, cache_write_input_tokens_provenance TEXT,
        reasoning_tokens REAL, reasoning_tokens_provenance TEXT,
        characters REAL, characters_provenance TEXT,
        credits REAL, credits_provenance TEXT,
        audio_seconds REAL, audio_seconds_provenance TEXT,
        event TEXT NOT NULL
      );
      CREATE INDEX ${SQLITE_TABLE}_time ON ${SQLITE_TABLE} (time);
      CREATE INDEX ${SQLITE_TABLE}_customer_time ON ${SQLITE_TABLE} (tag_customer, time);
      CREATE INDEX ${SQLITE_TABLE}_session ON ${SQLITE_TABLE} (tag_session);
      CREATE INDEX ${SQLITE_TABLE}_provider_model ON ${SQLITE_TABLE} (provider, model);
      CREATE INDEX ${SQLITE_TABLE}_call ON ${SQLITE_TABLE} (call_id);
    `,
  },
  {
    version: 2,
    sql: `
      ALTER TABLE ${SQLITE_TABLE} ADD COLUMN input_audio_tokens REAL;
      ALTER TABLE ${SQLITE_TABLE} ADD COLUMN cached_audio_input_tokens REAL;
      ALTER TABLE ${SQLITE_TABLE} ADD COLUMN output_audio_tokens REAL;
      ALTER TABLE ${SQLITE_TABLE} ADD COLUMN input_image_tokens REAL;
      ALTER TABLE ${SQLITE_TABLE} ADD COLUMN input_video_tokens REAL;
      ALTER TABLE ${SQLITE_TABLE} ADD COLUMN service_tier TEXT;
      UPDATE ${SQLITE_TABLE} SET
        input_audio_tokens = json_extract(event, '$.usage.modalities.input.audio'),
        cached_audio_input_tokens = json_extract(event, '$.usage.modalities.cachedInput.audio'),
        output_audio_tokens = json_extract(event, '$.usage.modalities.output.audio'),
        input_image_tokens = json_extract(event, '$.usage.modalities.input.image'),
        input_video_tokens = json_extract(event, '$.usage.modalities.input.video'),
        service_tier = json_extract(event, '$.usage.serviceTier')
      WHERE json_valid(event);
    `,
  },
];

/**
 * Brings the file's schema to the last step, all steps in one write transaction: another process opening the
 * same file waits for it (busy timeout) and then finds the work done. A file from a newer aimeter is refused
 * untouched. In a `foreign` database (another application's, shared on purpose) `user_version` is not the
 * ledger's until the ledger's table is there.
 */
export function migrateSqlite(db: BetterSqlite3.Database, location: string, steps: readonly SqliteMigration[] = SQLITE_MIGRATIONS, foreign = false): void {
  const latest = steps.at(-1)?.version ?? 0;
  const ours = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").pluck();
  const version = (): number => (foreign && ours.get(SQLITE_TABLE) === undefined ? 0 : (db.pragma('user_version', { simple: true }) as number));
  const check = (found: number): void => {
    if (found > latest) throw new LedgerVersionError(location, found, latest);
  };
  check(version());
  if (version() === latest) return;
  db.transaction(() => {
    // Read again under the write lock: another process may have migrated meanwhile.
    const found = version();
    check(found);
    for (const step of steps) {
      if (step.version <= found) continue;
      db.exec(step.sql);
      db.pragma(`user_version = ${step.version}`);
    }
  }).immediate();
}
