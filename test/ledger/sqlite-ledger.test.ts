import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { ConfigError } from '../../src/errors/config-error.js';
import { LedgerCorruptError } from '../../src/errors/ledger-corrupt-error.js';
import { LedgerVersionError } from '../../src/errors/ledger-version-error.js';
import { migrateSqlite, SQLITE_MIGRATIONS } from '../../src/ledger/sqlite-migrations.js';
import { sqliteLedger } from '../../src/ledger/sqlite-ledger.js';
import { estimated, missing, reported } from '../../src/usage.js';
import { ledgerContract, readAll } from '../support/ledger-contract.js';
import { usageEvent } from '../support/make-usage-event.js';

/** A second, independent connection to the file, as another tool would open it. */
function inspect<T>(path: string, look: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true });
  try {
    return look(db);
  } finally {
    db.close();
  }
}

describe('sqliteLedger', () => {
  let dir: string;
  let n = 0;
  const file = (): string => join(dir, `ledger-${++n}.db`);
  before(async () => (dir = await mkdtemp(join(tmpdir(), 'aimeter-sqlite-'))));
  after(() => rm(dir, { recursive: true, force: true }));

  describe('ledger contract', () => {
    ledgerContract(() => {
      const path = file();
      return {
        open: () => sqliteLedger(path),
        childArgs: ['sqlite', path, '-'],
        checkIntact: () => assert.equal(inspect(path, (db) => db.pragma('integrity_check', { simple: true })), 'ok'),
      };
    });
  });

  it('fills the report columns, with provenance, in WAL mode, creating the folder', async () => {
    const path = join(dir, 'nested', 'deeper', 'usage.db');
    const ledger = sqliteLedger(path);
    const speech = usageEvent({
      id: 'speech-1',
      provider: 'elevenlabs',
      operation: 'speak',
      model: 'eleven_flash_v2_5',
      keyFingerprint: 'fp-1234',
      tags: { customer: 'acme', session: 's-1', turn: '3', plan: 'pro' },
      usage: { requests: 1, characters: reported(120), credits: estimated(60), audioSeconds: missing() },
    });
    await ledger.writeBatch([speech]);
    await ledger.close();

    const row = inspect(path, (db) => db.prepare("SELECT * FROM usage_events WHERE id = 'speech-1'").get()) as Record<string, unknown>;
    assert.equal(row.provider, 'elevenlabs');
    assert.equal(row.operation, 'speak');
    assert.equal(row.tag_customer, 'acme');
    assert.equal(row.tag_session, 's-1');
    assert.equal(row.tag_turn, '3');
    assert.equal(row.key_fingerprint, 'fp-1234');
    assert.equal(row.characters, 120);
    assert.equal(row.characters_provenance, 'reported');
    assert.equal(row.credits_provenance, 'estimated');
    assert.equal(row.audio_seconds, null);
    assert.equal(row.audio_seconds_provenance, 'missing', 'missing is recorded, never a silent 0');
    assert.equal(row.input_tokens_provenance, null, 'a figure that does not apply has no provenance');
    assert.equal(inspect(path, (db) => db.pragma('journal_mode', { simple: true })), 'wal');
  });

  it('refuses bad options with a ConfigError naming the field', () => {
    const field = (name: string) => (e: unknown) => ConfigError.isInstance(e) && e.field === name;
    assert.throws(() => sqliteLedger(''), field('path'));
    assert.throws(() => sqliteLedger('x.db', { busyTimeoutMs: -1 }), field('busyTimeoutMs'));
    // @ts-expect-error: not a setting
    assert.throws(() => sqliteLedger('x.db', { synchronous: 'off' }), field('synchronous'));
    assert.throws(() => sqliteLedger('x.db', { name: '' }), field('name'));
  });

  it('reports a row whose JSON was tampered with as LedgerCorruptError', async () => {
    const path = file();
    const ledger = sqliteLedger(path);
    await ledger.writeBatch([usageEvent({ id: 'fine' }), usageEvent({ id: 'bad' })]);
    const db = new Database(path);
    db.prepare("UPDATE usage_events SET event = '{torn' WHERE id = 'bad'").run();
    db.close();
    await assert.rejects(readAll(ledger), (e: unknown) => LedgerCorruptError.isInstance(e) && e.path === path && e.line === 2);
    await ledger.close();
  });

  describe('schema versions', () => {
    const LATEST = SQLITE_MIGRATIONS.at(-1)!.version;
    it('creates a new file at the latest version', async () => {
      const path = file();
      await sqliteLedger(path).open();
      assert.equal(inspect(path, (db) => db.pragma('user_version', { simple: true })), SQLITE_MIGRATIONS.at(-1)!.version);
    });

    it('upgrades an older file in one transaction, keeping its events', async () => {
      const path = file();
      const v1 = sqliteLedger(path);
      await v1.writeBatch([usageEvent({ id: 'kept' })]);
      await v1.close();
      const next = { version: LATEST + 1, sql: 'ALTER TABLE usage_events ADD COLUMN cost_usd REAL; CREATE INDEX usage_events_cost ON usage_events (cost_usd);' };
      const db = new Database(path);
      try {
        migrateSqlite(db, path, [...SQLITE_MIGRATIONS, next]);
        assert.equal(db.pragma('user_version', { simple: true }), LATEST + 1);
        assert.deepEqual(db.prepare('SELECT id, cost_usd FROM usage_events').all(), [{ id: 'kept', cost_usd: null }]);
        migrateSqlite(db, path, [...SQLITE_MIGRATIONS, next]); // already there: nothing to do, no error
      } finally {
        db.close();
      }
    });

    it('version 2 adds the modality and service-tier columns, filled from the events already there', async () => {
      const path = file();
      const db = new Database(path);
      try {
        migrateSqlite(db, path, SQLITE_MIGRATIONS.slice(0, 1));
        const audio = usageEvent({
          id: 'audio',
          usage: { requests: 1, inputTokens: reported(64), outputTokens: reported(9), modalities: { input: { text: 20, audio: 44 }, cachedInput: { audio: 4 } }, serviceTier: 'flex' },
        });
        const insert = db.prepare('INSERT INTO usage_events (id, time, event) VALUES (?, ?, ?)');
        insert.run('audio', audio.time, JSON.stringify(audio));
        insert.run('plain', audio.time, JSON.stringify(usageEvent({ id: 'plain' })));
        migrateSqlite(db, path);
        assert.equal(db.pragma('user_version', { simple: true }), 2);
        const rows = db.prepare('SELECT id, input_audio_tokens, cached_audio_input_tokens, output_audio_tokens, input_image_tokens, service_tier FROM usage_events ORDER BY id').all();
        assert.deepEqual(rows, [
          { id: 'audio', input_audio_tokens: 44, cached_audio_input_tokens: 4, output_audio_tokens: null, input_image_tokens: null, service_tier: 'flex' },
          { id: 'plain', input_audio_tokens: null, cached_audio_input_tokens: null, output_audio_tokens: null, input_image_tokens: null, service_tier: null },
        ]);
      } finally {
        db.close();
      }
      const ledger = sqliteLedger(path);
      await ledger.writeBatch([usageEvent({ id: 'new', usage: { requests: 1, inputTokens: reported(10), outputTokens: reported(2), modalities: { output: { audio: 2 } }, serviceTier: 'priority' } })]);
      await ledger.close();
      const written = inspect(path, (d) => d.prepare("SELECT output_audio_tokens, service_tier FROM usage_events WHERE id = 'new'").get());
      assert.deepEqual(written, { output_audio_tokens: 2, service_tier: 'priority' });
    });

    it('rolls a failing upgrade back entirely', async () => {
      const path = file();
      await sqliteLedger(path).open();
      const steps = [...SQLITE_MIGRATIONS, { version: LATEST + 1, sql: 'ALTER TABLE usage_events ADD COLUMN a REAL; THIS IS NOT SQL;' }];
      const db = new Database(path);
      try {
        assert.throws(() => migrateSqlite(db, path, steps));
        assert.equal(db.pragma('user_version', { simple: true }), LATEST);
        const columns = (db.pragma('table_info(usage_events)') as { name: string }[]).map((c) => c.name);
        assert.ok(!columns.includes('a'), 'the first statement of the failed step was rolled back');
      } finally {
        db.close();
      }
    });

    it('refuses a file from a newer aimeter with LedgerVersionError, leaving it untouched', async () => {
      const path = file();
      const db = new Database(path);
      db.pragma('user_version = 99');
      db.close();
      const before = await stat(path);
      const ledger = sqliteLedger(path);
      const isVersionError = (e: unknown) => LedgerVersionError.isInstance(e) && e.found === 99 && e.supported === LATEST && e.location === path;
      await assert.rejects(ledger.open(), isVersionError);
      await assert.rejects(ledger.writeBatch([usageEvent()]), isVersionError);
      await ledger.close();
      assert.equal(inspect(path, (d) => d.pragma('user_version', { simple: true })), 99);
      assert.deepEqual(inspect(path, (d) => d.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'usage_events'").get()), { n: 0 });
      assert.equal((await stat(path)).size, before.size);
    });
  });

  it('importing the ledgers loads neither better-sqlite3 nor pg until first use', () => {
    const script = `
      import { createRequire } from 'node:module';
      await import(${JSON.stringify(new URL('../../src/index.ts', import.meta.url).href)});
      await import(${JSON.stringify(new URL('../../src/ledger/sqlite-ledger.ts', import.meta.url).href)});
      await import(${JSON.stringify(new URL('../../src/ledger/postgres-ledger.ts', import.meta.url).href)});
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => /node_modules[\\\\/](better-sqlite3|pg)[\\\\/]/.test(k));
      process.stdout.write(JSON.stringify(loaded));
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.deepEqual(JSON.parse(out), []);
  });
});
