import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { jsonlSink } from '../../src/ledger/jsonl-sink.js';
import { expectedReport } from '../support/expected-report.js';
import { fillSink } from '../support/fill-sink.js';
import { generateUsageEvents } from '../support/generate-usage-events.js';
import { checkCsv, checkJson } from '../support/report-contract.js';

const run = promisify(execFile);
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const aimeter = (...args: string[]) => run(process.execPath, ['--import', 'tsx', MAIN, ...args], { maxBuffer: 64 * 1024 * 1024 });
type Failure = { stdout: string; stderr: string; code: number };

const events = generateUsageEvents(20_000, 7);

describe('aimeter report (the real CLI)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aimeter-report-cli-'));
    await fillSink(jsonlSink(join(dir, 'usage.jsonl'), { fsync: 'close' }), events);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('writes only the JSON or CSV document on stdout, progress on stderr', async () => {
    const by = ['customer', 'month'];
    const expected = expectedReport(events, by);
    const json = await aimeter('report', '--ledger', join(dir, 'usage.jsonl'), '--by', by.join(','), '--format', 'json', '--progress');
    checkJson(json.stdout, by, expected); // JSON.parse of the whole of stdout
    assert.match(json.stderr, /^aimeter report: 20,000 events read, 100 % of [\d.]+ MB\n$/m);
    const csv = await aimeter('report', '--ledger', join(dir, 'usage.jsonl'), '--by', by.join(','), '--format', 'csv', '--progress');
    checkCsv(csv.stdout, by, expected); // strict RFC 4180 over the whole of stdout
    assert.match(csv.stderr, /events read/);
  });

  it('exits 2 on a bad argument and 1 on an unreadable ledger, with a message and no stack trace', async () => {
    await assert.rejects(aimeter('report', '--colour'), (e: Failure) => {
      assert.equal(e.code, 2);
      assert.equal(e.stderr, "aimeter report: --colour: unknown option (see aimeter report --help)\n");
      return e.stdout === '';
    });
    await assert.rejects(aimeter('report', '--ledger', join(dir, 'usage.jsonl'), '--since', 'yesterday'), (e: Failure) => e.code === 2 && /--since: expected an ISO 8601 date/.test(e.stderr));
    await assert.rejects(aimeter('report', '--ledger', join(dir, 'nope.db')), (e: Failure) => {
      assert.equal(e.code, 1);
      assert.match(e.stderr, /^aimeter report: .*nope\.db: no ledger there \(no such file\)\n$/);
      assert.doesNotMatch(e.stderr, /\n\s+at /);
      return true;
    });
    await assert.rejects(aimeter('frobnicate'), (e: Failure) => /usage: aimeter/.test(e.stderr) && e.code === 2);
  });

  it('documents report in aimeter --help and everything in aimeter report --help', async () => {
    const { stderr } = await aimeter('--help');
    assert.match(stderr, /report\s+\[--ledger PATH\|URL\] \[--by a,b\]/);
    const { stdout } = await aimeter('report', '--help');
    for (const option of ['--ledger', '--table', '--by', '--since', '--until', '--provider', '--customer', '--session', '--status', '--format', '--out', '--progress', '--no-progress', '--elevenlabs-plan', '--elevenlabs-quota', '--anchor-day']) {
      assert.ok(stdout.includes(option), option);
    }
  });
});
