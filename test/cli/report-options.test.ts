import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseIsoInstant } from '../../src/cli/parse-iso-instant.js';
import { parseGroups, parseReportArgs } from '../../src/cli/report-options.js';
import { CliArgumentError } from '../../src/errors/cli-argument-error.js';

describe('aimeter report --by', () => {
  it('accepts fields, the well-known tags and tag groups, in order', () => {
    assert.deepEqual(parseGroups('tag:team, customer,day'), ['tag:team', 'customer', 'day']);
    assert.deepEqual(parseGroups('provider,model,project,session,month'), ['provider', 'model', 'project', 'session', 'month']);
  });
  it('rejects unknown, repeated and empty groupings with a clear message', () => {
    assert.throws(() => parseGroups('provider,colour'), /unknown group "colour"/);
    assert.throws(() => parseGroups('month,month'), /"month" is given twice/);
    assert.throws(() => parseGroups(' , '), (e) => CliArgumentError.isInstance(e) && e.option === '--by' && /at least one/.test(e.message));
  });
});

describe('aimeter report --since / --until', () => {
  const iso = (text: string) => parseIsoInstant('--since', text).toISOString();
  it('reads ISO months, dates and date-times, UTC unless an offset is given', () => {
    assert.equal(iso('2026-11'), '2026-11-01T00:00:00.000Z');
    assert.equal(iso('2026-11-05'), '2026-11-05T00:00:00.000Z');
    assert.equal(iso('2026-11-05T09:30'), '2026-11-05T09:30:00.000Z');
    assert.equal(iso('2026-11-05 09:30:15.25'), '2026-11-05T09:30:15.250Z');
    assert.equal(iso('2026-11-05T09:30:15.123456Z'), '2026-11-05T09:30:15.123Z');
    assert.equal(iso('2026-11-05T09:30+02:00'), '2026-11-05T07:30:00.000Z');
    assert.equal(iso('2026-11-05T00:30-0130'), '2026-11-05T02:00:00.000Z');
    assert.equal(iso('2024-02-29'), '2024-02-29T00:00:00.000Z');
  });
  it('rejects anything else, and dates that do not exist', () => {
    for (const bad of ['yesterday', 'Nov 5 2026', '5/11/2026', '2026-13-01', '2026-02-29', '2026-04-31', '2026-11-05T24:00', '2026-11-05T10:60', '2026-11-05T10:00+25:00', '1700000000000', '']) {
      assert.throws(() => parseIsoInstant('--until', bad), (e) => CliArgumentError.isInstance(e) && e.option === '--until', bad);
    }
  });
});

describe('aimeter report arguments', () => {
  it('has defaults: the demo ledger, by provider and model, a table, progress on a terminal only', () => {
    const options = parseReportArgs([]);
    assert.deepEqual(options, { help: false, ledger: 'aimeter-usage.jsonl', by: ['provider', 'model'], filters: {}, format: 'table' });
  });
  it('merges repeated filters and comma lists, with \\, for a comma inside a value', () => {
    const { filters } = parseReportArgs(['--customer', 'acme,umbrella\\, ltd', '--customer', ' globex ', '--status', 'ok', '--session', 's-1']);
    assert.deepEqual(filters, { status: ['ok'], customer: ['acme', 'umbrella, ltd', 'globex'], session: ['s-1'] });
  });
  it('reads the ElevenLabs quota options', () => {
    assert.deepEqual(parseReportArgs(['--elevenlabs-plan', 'pro']).elevenlabs, { plan: 'pro', anchorDay: 1 });
    assert.deepEqual(parseReportArgs(['--elevenlabs-quota', '250000', '--anchor-day', '31']).elevenlabs, { quotaCredits: 250_000, anchorDay: 31 });
  });
  it('takes --table and --schema for a PostgreSQL ledger only', () => {
    const options = parseReportArgs(['--ledger', 'postgresql://u@db/app', '--table', 'ai_usage', '--schema', 'billing']);
    assert.deepEqual([options.table, options.schema], ['ai_usage', 'billing']);
    assert.throws(() => parseReportArgs(['--schema', 'billing']), /--schema: only for a postgres/);
  });
});
