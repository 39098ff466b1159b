import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { ConfigError } from '../../src/errors/config-error.js';
import { LedgerVersionError } from '../../src/errors/ledger-version-error.js';
import { migratePostgres, POSTGRES_MIGRATIONS, postgresNames } from '../../src/ledger/postgres-migrations.js';
import { postgresLedger } from '../../src/ledger/postgres-ledger.js';
import { estimated, missing, reported } from '../../src/usage.js';
import { ledgerContract, readAll } from '../support/ledger-contract.js';
import { usageEvent } from '../support/make-usage-event.js';
import { POSTGRES_URL, postgresUnavailable } from '../support/postgres-available.js';

const URL = POSTGRES_URL;
/** One schema per run, dropped at the end, so runs never see each other's tables. */
const SCHEMA = `aimeter_test_${process.pid}_${randomBytes(4).toString('hex')}`;

const skip = await postgresUnavailable();

describe('postgresLedger', { skip }, () => {
  let admin: pg.Pool;
  let n = 0;
  const table = (): string => `ledger_${++n}`;
  before(async () => {
    admin = new pg.Pool({ connectionString: URL });
    await admin.query(`CREATE SCHEMA ${SCHEMA}`);
  });
  after(async () => {
    await admin.query(`DROP SCHEMA ${SCHEMA} CASCADE`);
    await admin.end();
  });
  /** The first row of an admin query. */
  const first = async <T>(sql: string, params: unknown[] = []): Promise<T> => (await admin.query(sql, params)).rows[0] as T;
  const count = async (from: string): Promise<number> => (await first<{ n: number }>(`SELECT count(*)::int AS n FROM ${from}`)).n;
  const version = async (t: string): Promise<number | null> => (await first<{ v: number | null }>(`SELECT max(version) AS v FROM ${SCHEMA}.${t}_schema`)).v;

  describe('ledger contract', () => {
    ledgerContract(() => {
      const name = table();
      return { open: () => postgresLedger(URL, { schema: SCHEMA, table: name }), childArgs: ['postgres', URL, `${SCHEMA}.${name}`] };
    });
  });

  it('fills the report columns, with provenance', async () => {
    const name = table();
    const ledger = postgresLedger(URL, { schema: SCHEMA, table: name });
    const speech = usageEvent({
      id: 'speech-1',
      time: '2026-11-23T11:00:00+01:00',
      provider: 'elevenlabs',
      operation: 'speak',
      keyFingerprint: 'fp-1234',
      tags: { customer: 'acme', session: 's-1', user: 'u-9' },
      usage: { requests: 1, characters: reported(120), credits: estimated(60.5), audioSeconds: missing() },
    });
    await ledger.writeBatch([speech]);
    await ledger.close();
    const { rows } = await admin.query(`SELECT * FROM ${SCHEMA}.${name}`);
    const row = rows[0] as Record<string, unknown>;
    assert.equal((row.time as Date).toISOString(), '2026-11-23T10:00:00.000Z');
    assert.equal(row.provider, 'elevenlabs');
    assert.equal(row.tag_customer, 'acme');
    assert.equal(row.tag_user, 'u-9');
    assert.equal(row.key_fingerprint, 'fp-1234');
    assert.equal(row.characters, 120);
    assert.equal(row.credits, 60.5);
    assert.equal(row.credits_provenance, 'estimated');
    assert.equal(row.audio_seconds, null);
    assert.equal(row.audio_seconds_provenance, 'missing', 'missing is recorded, never a silent 0');
    assert.equal(row.input_tokens_provenance, null, 'a figure that does not apply has no provenance');
    assert.deepEqual(row.event, speech);
  });

  it("uses the caller's pool without ending it, and ends the pool it created from a URL", async () => {
    const pool = new pg.Pool({ connectionString: URL });
    const name = table();
    const shared = postgresLedger(pool, { schema: SCHEMA, table: name });
    await shared.write(usageEvent({ id: 'via-pool' }));
    await shared.close();
    assert.deepEqual((await pool.query('SELECT 1 AS one')).rows, [{ one: 1 }], "the caller's pool still works");
    await pool.end();

    const application = `aimeter_own_${randomBytes(4).toString('hex')}`;
    const own = postgresLedger(`${URL}?application_name=${application}`, { schema: SCHEMA, table: name });
    assert.deepEqual((await readAll(own)).map((e) => e.id), ['via-pool']);
    const connections = async (): Promise<number> =>
      (await first<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [application])).n;
    assert.ok((await connections()) > 0);
    await own.close();
    for (let i = 0; i < 50 && (await connections()) > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(await connections(), 0, 'its own pool is ended on close');
  });

  it('refuses bad options with a ConfigError naming the field', () => {
    const field = (name: string) => (e: unknown) => ConfigError.isInstance(e) && e.field === name;
    assert.throws(() => postgresLedger(''), field('poolOrUrl'));
    // @ts-expect-error: not a pool
    assert.throws(() => postgresLedger({ query: 1 }), field('poolOrUrl'));
    assert.throws(() => postgresLedger(URL, { table: 'usage; DROP TABLE x' }), field('table'));
    assert.throws(() => postgresLedger(URL, { table: `t${'x'.repeat(60)}` }), field('table'));
    assert.throws(() => postgresLedger(URL, { schema: '1bad' }), field('schema'));
    assert.throws(() => postgresLedger(URL, { name: '' }), field('name'));
  });

  describe('schema versions', () => {
    const LATEST = POSTGRES_MIGRATIONS.at(-1)!.version;
    it('many instances opening a new ledger at once migrate it once, without racing', async () => {
      const name = table();
      const ledgers = Array.from({ length: 6 }, () => postgresLedger(URL, { schema: SCHEMA, table: name }));
      await Promise.all(ledgers.map((l) => l.open()));
      await Promise.all(ledgers.map((l, i) => l.write(usageEvent({ id: `from-${i}` }))));
      await Promise.all(ledgers.map((l) => l.close()));
      assert.equal(await version(name), POSTGRES_MIGRATIONS.at(-1)!.version);
      assert.equal(await count(`${SCHEMA}.${name}_schema`), 1);
      assert.equal(await count(`${SCHEMA}.${name}`), 6);
    });

    it('upgrades an older ledger in one transaction, keeping its events', async () => {
      const name = table();
      const v1 = postgresLedger(URL, { schema: SCHEMA, table: name });
      await v1.write(usageEvent({ id: 'kept' }));
      await v1.close();
      const names = postgresNames({ schema: SCHEMA, table: name });
      const next = { version: LATEST + 1, statements: () => [`ALTER TABLE ${names.table} ADD COLUMN cost_usd double precision`] };
      await migratePostgres(admin, names, [...POSTGRES_MIGRATIONS, next]);
      await migratePostgres(admin, names, [...POSTGRES_MIGRATIONS, next]); // already there: nothing to do, no error
      assert.equal(await version(name), LATEST + 1);
      assert.deepEqual((await admin.query(`SELECT id, cost_usd FROM ${names.table}`)).rows, [{ id: 'kept', cost_usd: null }]);
    });

    it('version 2 adds the modality and service-tier columns, filled from the events already there', async () => {
      const name = table();
      const names = postgresNames({ schema: SCHEMA, table: name });
      await migratePostgres(admin, names, POSTGRES_MIGRATIONS.slice(0, 1));
      const audio = usageEvent({
        id: 'audio',
        usage: { requests: 1, inputTokens: reported(64), outputTokens: reported(9), modalities: { input: { text: 20, audio: 44 }, cachedInput: { audio: 4 } }, serviceTier: 'flex' },
      });
      for (const event of [audio, usageEvent({ id: 'plain' })]) {
        await admin.query(`INSERT INTO ${names.table} (id, time, event) VALUES ($1, $2, $3)`, [event.id, event.time, JSON.stringify(event)]);
      }
      await migratePostgres(admin, names);
      assert.equal(await version(name), 2);
      const { rows } = await admin.query(`SELECT id, input_audio_tokens, cached_audio_input_tokens, output_audio_tokens, input_image_tokens, service_tier FROM ${names.table} ORDER BY id`);
      assert.deepEqual(rows, [
        { id: 'audio', input_audio_tokens: 44, cached_audio_input_tokens: 4, output_audio_tokens: null, input_image_tokens: null, service_tier: 'flex' },
        { id: 'plain', input_audio_tokens: null, cached_audio_input_tokens: null, output_audio_tokens: null, input_image_tokens: null, service_tier: null },
      ]);
      const ledger = postgresLedger(URL, { schema: SCHEMA, table: name });
      await ledger.write(usageEvent({ id: 'new', usage: { requests: 1, inputTokens: reported(10), outputTokens: reported(2), modalities: { output: { audio: 2 } }, serviceTier: 'priority' } }));
      await ledger.close();
      assert.deepEqual(await first(`SELECT output_audio_tokens, service_tier FROM ${names.table} WHERE id = 'new'`), { output_audio_tokens: 2, service_tier: 'priority' });
    });

    it('rolls a failing upgrade back entirely', async () => {
      const name = table();
      await postgresLedger(admin, { schema: SCHEMA, table: name }).open();
      const names = postgresNames({ schema: SCHEMA, table: name });
      const broken = { version: LATEST + 1, statements: () => [`ALTER TABLE ${names.table} ADD COLUMN a integer`, 'THIS IS NOT SQL'] };
      await assert.rejects(migratePostgres(admin, names, [...POSTGRES_MIGRATIONS, broken]));
      assert.equal(await version(name), LATEST);
      const columns = await admin.query('SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2', [SCHEMA, name]);
      assert.ok(!columns.rows.some((c: { column_name: string }) => c.column_name === 'a'), 'the first statement of the failed step was rolled back');
    });

    it('refuses a ledger from a newer aimeter with LedgerVersionError, leaving it untouched', async () => {
      const name = table();
      await admin.query(`CREATE TABLE ${SCHEMA}.${name}_schema (version integer NOT NULL)`);
      await admin.query(`INSERT INTO ${SCHEMA}.${name}_schema VALUES (99)`);
      const ledger = postgresLedger(URL, { schema: SCHEMA, table: name });
      const isVersionError = (e: unknown) => LedgerVersionError.isInstance(e) && e.found === 99 && e.supported === LATEST && e.location === `${SCHEMA}.${name}`;
      await assert.rejects(ledger.open(), isVersionError);
      await assert.rejects(ledger.writeBatch([usageEvent()]), isVersionError);
      await ledger.close();
      assert.equal(await version(name), 99);
      assert.deepEqual(await first('SELECT to_regclass($1) AS t', [`${SCHEMA}.${name}`]), { t: null }, 'no events table was created');
    });
  });
});
