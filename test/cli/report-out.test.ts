import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseReportArgs } from '../../src/cli/report-options.js';
import { writeReportFile } from '../../src/cli/write-report-file.js';
import { CliArgumentError } from '../../src/errors/cli-argument-error.js';
import { ReportWriteError } from '../../src/errors/report-write-error.js';
import { jsonlSink } from '../../src/ledger/jsonl-sink.js';
import { fillSink } from '../support/fill-sink.js';
import { usageEvent } from '../support/make-usage-event.js';
import { report } from '../support/report-contract.js';

describe('aimeter report --out', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aimeter-report-out-'));
    await fillSink(jsonlSink(join(dir, 'usage.jsonl')), [usageEvent({ tags: { customer: 'acme' } }), usageEvent()]);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('reads --out PATH and -o PATH, takes html as a format, refuses an empty path', () => {
    assert.equal(parseReportArgs(['--out', 'r.html', '--format', 'html']).out, 'r.html');
    assert.equal(parseReportArgs(['-o', 'r.csv']).out, 'r.csv');
    assert.equal(parseReportArgs([]).out, undefined);
    assert.throws(() => parseReportArgs(['--out', ' ']), (e) => CliArgumentError.isInstance(e) && e.option === '--out');
    assert.throws(() => parseReportArgs(['--format', 'pdf']), /expected one of table, json, csv, html, got "pdf"/);
  });

  it('writes any format to the file, the same text stdout would get, and nothing to stdout', async () => {
    for (const format of ['table', 'json', 'csv']) {
      const args = ['--ledger', join(dir, 'usage.jsonl'), '--by', 'customer', '--format', format];
      const printed = await report(args);
      const written = await report([...args, '--out', join(dir, `report.${format}`)]);
      assert.equal(written.stdout, '');
      assert.equal(await readFile(join(dir, `report.${format}`), 'utf8'), printed.stdout, format);
    }
  });

  it('replaces a file whole; when it cannot write, a typed error and no temporary file left behind', async () => {
    const path = join(dir, 'kept.html');
    await writeFile(path, 'the earlier report');
    await writeReportFile(path, 'the new report');
    assert.equal(await readFile(path, 'utf8'), 'the new report');
    await mkdir(join(dir, 'a-directory.html'));
    await assert.rejects(writeReportFile(join(dir, 'a-directory.html'), 'x'), (e: unknown) => {
      assert.ok(ReportWriteError.isInstance(e));
      assert.equal(e.code, 'report_write_failed');
      assert.equal(e.path, join(dir, 'a-directory.html'));
      return /cannot write the report \(is a directory\)/.test(e.message);
    });
    await assert.rejects(
      report(['--ledger', join(dir, 'usage.jsonl'), '--format', 'html', '--out', join(dir, 'no-such-dir', 'r.html')]),
      (e: unknown) => ReportWriteError.isInstance(e) && e.message === `${join(dir, 'no-such-dir', 'r.html')}: cannot write the report (no such directory)`,
    );
    assert.deepEqual((await readdir(dir)).filter((name) => name.endsWith('.tmp')), []);
  });
});
