import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sqliteLedger } from '../../src/ledger/sqlite-ledger.js';
import { jsonlSink } from '../../src/sinks/jsonl-sink.js';
import { reported } from '../../src/usage.js';
import { usageEvent } from '../support/make-usage-event.js';

const run = promisify(execFile);
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const aimeter = (...args: string[]) => run(process.execPath, ['--import', 'tsx', MAIN, ...args]);

const events = [
  usageEvent({ time: '2026-10-31T23:00:00.000Z', tags: { customer: 'acme' } }),
  usageEvent({ time: '2026-11-02T10:00:00.000Z', tags: { customer: 'acme' }, usage: { requests: 1, inputTokens: reported(100), outputTokens: reported(40) } }),
  usageEvent({ time: '2026-11-03T10:00:00.000Z', tags: { customer: 'globex' } }),
];

describe('aimeter report', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aimeter-report-'));
    const sqlite = sqliteLedger(join(dir, 'usage.db'));
    await sqlite.writeBatch(events);
    await sqlite.close();
    const jsonl = jsonlSink(join(dir, 'usage.jsonl'));
    await jsonl.writeBatch!(events);
    await jsonl.close!();
  });
  after(() => rm(dir, { recursive: true, force: true }));

  for (const file of ['usage.db', 'usage.jsonl']) {
    it(`groups a ${file} ledger by customer within --since/--until`, async () => {
      const { stdout } = await aimeter('report', '--ledger', join(dir, file), '--by', 'tag:customer', '--since', '2026-11-01', '--until', '2026-12-01');
      const lines = stdout.trim().split('\n');
      assert.match(lines[0]!, /^tag:customer\s+requests\s+errors\s+aborted\s+inputTokens\s+outputTokens$/);
      assert.match(lines[2]!, /^acme\s+1\s+0\s+0\s+100\s+40$/);
      assert.match(lines[3]!, /^globex\s+1\s+0\s+0\s+10\s+5$/);
      assert.equal(lines.length, 4);
    });
  }

  it('fails clearly on a missing ledger, a bad date and an unknown command', async () => {
    await assert.rejects(aimeter('report', '--ledger', join(dir, 'nope.db')), (e: { stderr: string; code: number }) => /no ledger at .*nope\.db/.test(e.stderr) && e.code === 1);
    await assert.rejects(aimeter('report', '--ledger', join(dir, 'usage.db'), '--since', 'yesterday'), (e: { stderr: string }) => /--since: expected a date/.test(e.stderr));
    await assert.rejects(aimeter('frobnicate'), (e: { stderr: string; code: number }) => /usage: aimeter/.test(e.stderr) && e.code === 2);
  });
});
