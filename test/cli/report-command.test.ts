import { randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { runReport } from '../../src/cli/report-command.js';
import { CliArgumentError } from '../../src/errors/cli-argument-error.js';
import { LedgerCorruptError } from '../../src/errors/ledger-corrupt-error.js';
import { LedgerUnreadableError } from '../../src/errors/ledger-unreadable-error.js';
import { sqliteLedger } from '../../src/ledger/sqlite-ledger.js';
import { jsonlSink } from '../../src/ledger/jsonl-sink.js';
import { reported } from '../../src/usage.js';
import { fillSink } from '../support/fill-sink.js';
import { usageEvent } from '../support/make-usage-event.js';
import { POSTGRES_URL, postgresUnavailable } from '../support/postgres-available.js';
import { report } from '../support/report-contract.js';

const speech = (time: string, credits: number) =>
  usageEvent({ time, provider: 'elevenlabs', model: 'eleven_flash_v2_5', operation: 'speak', usage: { requests: 1, characters: reported(credits * 2), credits: reported(credits) } });

const events = [
  usageEvent({ time: '2026-10-31T23:59:59.999Z', tags: { customer: 'acme' } }),
  usageEvent({ time: '2026-11-01T00:00:00.000Z', tags: { customer: 'acme' }, usage: { requests: 1, inputTokens: reported(100), outputTokens: reported(40) } }),
  usageEvent({ time: '2026-11-30T23:59:59.999Z', tags: { customer: 'globex' } }),
  usageEvent({ time: '2026-12-01T00:00:00.000Z', tags: { customer: 'globex' } }),
  speech('2026-11-14T23:59:59.999Z', 1000),
  speech('2026-11-15T00:00:00.000Z', 2500),
  speech('2026-12-14T23:59:59.999Z', 500),
];

const unreadableError = (e: unknown) => LedgerUnreadableError.isInstance(e);
const rejectsWith = async (args: string[], check: (error: unknown) => boolean, message: RegExp) =>
  assert.rejects(report(args), (error: unknown) => check(error) && message.test((error as Error).message));

describe('aimeter report (in process, small ledgers)', () => {
  let dir: string;
  const path = (name: string) => join(dir, name);
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aimeter-report-command-'));
    await fillSink(sqliteLedger(path('usage.db')), events);
    await fillSink(jsonlSink(path('usage.jsonl')), events);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  for (const file of ['usage.db', 'usage.jsonl']) {
    it(`counts --since inclusive and --until exclusive on ${file}`, async () => {
      const { stdout } = await report(['--ledger', path(file), '--by', 'customer', '--provider', 'openai', '--since', '2026-11-01', '--until', '2026-12-01', '--format', 'json']);
      const doc = JSON.parse(stdout) as { groups: { group: { customer: string }; requests: number; inputTokens: number }[] };
      assert.deepEqual(doc.groups.map((g) => [g.group.customer, g.requests, g.inputTokens]), [['acme', 1, 100], ['globex', 1, 10]]);
    });

    it(`reads the cycle before --since for the ElevenLabs quota, not for the groups, on ${file}`, async () => {
      const args = ['--ledger', path(file), '--by', 'provider', '--since', '2026-12-01', '--until', '2026-12-15', '--elevenlabs-plan', 'starter', '--anchor-day', '15'];
      const doc = JSON.parse((await report([...args, '--format', 'json'])).stdout) as { groups: { group: { provider: string }; credits: number }[]; elevenlabs: Record<string, unknown> };
      assert.deepEqual(doc.groups.map((g) => [g.group.provider, g.credits]), [['elevenlabs', 500], ['openai', 0]]);
      assert.deepEqual(doc.elevenlabs, {
        plan: 'starter', quotaCredits: 30_000, anchorDay: 15, cycleStart: '2026-11-15T00:00:00.000Z', resetsAt: '2026-12-15T00:00:00.000Z',
        requests: 2, characters: 6000, credits: 3000, percentUsed: 10, remainingCredits: 27_000, estimatedCredits: 0, missingCredits: 0,
      });
      const { stdout } = await report([...args, '--elevenlabs-quota', '6000']);
      assert.match(stdout, /\n\nElevenLabs starter plan, cycle 2026-11-15 → 2026-12-15: 50\.00 % of the quota used \(3,000 of 6,000 credits, 6,000 characters\); resets 2026-12-15T00:00:00\.000Z\n$/);
    });
  }

  it('reads a JSON Lines ledger from the segments its sink rotated, even when the base file is gone', async () => {
    await mkdir(path('rotated'));
    const lines = (list: typeof events) => list.map((e) => `${JSON.stringify(e)}\n`).join('');
    await writeFile(path('rotated/usage.2026-11-01.jsonl'), lines(events.slice(0, 3)));
    await writeFile(path('rotated/usage.2026-11-01.1.jsonl'), lines(events.slice(3)));
    const { stdout, stderr } = await report(['--ledger', path('rotated/usage.jsonl'), '--by', 'provider', '--format', 'csv', '--progress']);
    assert.deepEqual(stdout.split('\r\n').filter((l) => l.startsWith('total')).map((l) => l.split(',')[2]), ['7']);
    assert.match(stderr, /7 events read, 100 %/);
  });

  it('prints its help, and nothing else, on stdout', async () => {
    const { stdout, stderr } = await report(['--help']);
    assert.match(stdout, /^usage: aimeter report \[options\]/);
    assert.match(stdout, /--elevenlabs-plan NAME/);
    assert.equal(stderr, '');
  });

  it('shows progress only on a terminal or with --progress, on stderr', async () => {
    let stdout = '';
    let stderr = '';
    const io = (isTTY: boolean) => ({ stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s), isTTY } });
    await runReport(['--ledger', path('usage.jsonl'), '--format', 'csv'], io(false));
    assert.equal(stderr, '');
    await runReport(['--ledger', path('usage.jsonl'), '--format', 'csv'], io(true));
    assert.match(stderr, /^\raimeter report: 7 events read, 100 % of \d+ kB/);
    assert.ok(stderr.endsWith('\u001b[K\n'), 'erases the rest of the line, then ends it');
    stderr = '';
    await runReport(['--ledger', path('usage.jsonl'), '--no-progress'], io(true));
    assert.equal(stderr, '');
    await runReport(['--ledger', path('usage.db'), '--progress', '--customer', 'acme'], io(false));
    assert.equal(stderr, 'aimeter report: 2 events read\n');
    assert.doesNotMatch(stdout, /events read/);
  });

  it('rejects bad arguments with a CliArgumentError naming the option', async () => {
    const ledger = ['--ledger', path('usage.db')];
    const bad = (e: unknown): e is CliArgumentError => CliArgumentError.isInstance(e);
    await rejectsWith([...ledger, '--colour', 'red'], (e) => bad(e) && e.option === '--colour', /unknown option/);
    await rejectsWith([...ledger, 'extra'], bad, /unexpected argument/);
    await rejectsWith([...ledger, '--since'], (e) => bad(e) && e.option === '--since', /argument missing/);
    await rejectsWith([...ledger, '--since', 'yesterday'], bad, /^--since: expected an ISO 8601 date/);
    await rejectsWith([...ledger, '--until', '2026-02-30'], bad, /^--until: expected an ISO 8601 date/);
    await rejectsWith([...ledger, '--since', '2026-12-01', '--until', '2026-11-01'], bad, /^--until: must be after --since/);
    await rejectsWith([...ledger, '--by', 'provider,colour'], bad, /^--by: unknown group "colour"/);
    await rejectsWith([...ledger, '--by', 'day,day'], bad, /"day" is given twice/);
    await rejectsWith([...ledger, '--format', 'xml'], bad, /^--format: expected one of table, json, csv, html, got "xml"/);
    await rejectsWith([...ledger, '--status', 'ok,failed'], bad, /^--status: expected one of ok, error, aborted, got "failed"/);
    await rejectsWith([...ledger, '--operation', 'sing'], bad, /^--operation: expected one of chat, streamChat/);
    await rejectsWith([...ledger, '--customer', ' , '], bad, /^--customer: expected at least one value/);
    await rejectsWith([...ledger, '--progress', '--no-progress'], bad, /not both/);
    await rejectsWith([...ledger, '--anchor-day', '15'], bad, /^--anchor-day: needs --elevenlabs-plan or --elevenlabs-quota/);
    await rejectsWith([...ledger, '--elevenlabs-plan', 'gold'], bad, /^--elevenlabs-plan: expected one of free, starter/);
    await rejectsWith([...ledger, '--elevenlabs-quota', '-5'], bad, /^--elevenlabs-quota: a value starting with - is given as --elevenlabs-quota=VALUE$/);
    await rejectsWith([...ledger, '--elevenlabs-quota=-5'], bad, /^--elevenlabs-quota: expected a number of credits above 0/);
    await rejectsWith([...ledger, '--elevenlabs-quota', '12k'], bad, /^--elevenlabs-quota: expected a number of credits above 0, got "12k"/);
    await rejectsWith([...ledger, '--elevenlabs-quota', '1000', '--anchor-day', '32'], bad, /^--anchor-day: expected a day of the month/);
    await rejectsWith([...ledger, '--table', 'usage'], bad, /^--table: only for a postgres:\/\/ ledger/);
    await rejectsWith(['--ledger', 'postgres://db/x', '--table', 'drop table'], bad, /^--table: expected letters, digits and _/);
  });

  it('rejects a ledger it cannot read with a LedgerUnreadableError, and a corrupt one with a LedgerCorruptError', async () => {
    const unreadable = unreadableError;
    await rejectsWith(['--ledger', path('nope.db')], unreadable, /nope\.db: no ledger there/);
    await rejectsWith(['--ledger', path('nope.jsonl')], unreadable, /nope\.jsonl: no ledger there/);
    await mkdir(path('folder.db'));
    await rejectsWith(['--ledger', path('folder.db')], unreadable, /folder\.db: not a file/);
    await writeFile(path('events.json'), '{"id":"x"}\n');
    await rejectsWith(['--ledger', path('events.json')], unreadable, /events\.json: not a SQLite database \(a JSON Lines ledger must be named \*\.jsonl\)/);
    new Database(path('other.db')).exec('CREATE TABLE t (x)');
    await rejectsWith(['--ledger', path('other.db')], unreadable, /other\.db: a SQLite database without the aimeter ledger table/);
    await writeFile(path('torn.jsonl'), `${JSON.stringify(events[0])}\nnot json\n${JSON.stringify(events[1])}\n`);
    await rejectsWith(['--ledger', path('torn.jsonl')], (e) => LedgerCorruptError.isInstance(e), /torn\.jsonl line 2: not valid JSON/);
  });

  it('names an unreachable PostgreSQL server without its password', async () => {
    const password = `pw-${randomBytes(6).toString('hex')}`; // generated: no credential-shaped literal in the tree
    const url = ['postgres://report', `${password}@127.0.0.1:1/test`].join(':');
    await assert.rejects(report(['--ledger', url]), (error: unknown) => {
      assert.ok(LedgerUnreadableError.isInstance(error));
      assert.match(error.message, /^postgres:\/\/report:\*\*\*@127\.0\.0\.1:1\/test: cannot be read \(.*ECONNREFUSED/);
      assert.ok(!`${error.message} ${error.location}`.includes(password));
      return true;
    });
  });

  it('refuses a PostgreSQL table that does not exist rather than report it empty', async (t) => {
    const skip = await postgresUnavailable();
    if (skip) return t.skip(skip);
    await rejectsWith(['--ledger', POSTGRES_URL, '--table', 'no_such_aimeter_ledger'], unreadableError, /no aimeter ledger table no_such_aimeter_ledger in this database/);
  });
});
