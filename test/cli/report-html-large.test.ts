// `aimeter report --format html` on a ledger of 100 000 events: one read of the ledger (the charts' groupings are
// tallied in the same pass as the table), the same totals as `--format json`, and a page under 2 MB.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { jsonlSink } from '../../src/ledger/jsonl-sink.js';
import type { ReportDocument } from '../../src/report/format-report-json.js';
import { fillSink } from '../support/fill-sink.js';
import { generateUsageEvents } from '../support/generate-usage-events.js';
import { report } from '../support/report-contract.js';

const COUNT = 100_000;

/** `data-value` of each `data-figure` cell of the grouped table's footer (the total row). */
function footerFigures(page: string): Record<string, number> {
  const foot = /<tfoot>([\s\S]*?)<\/tfoot>/.exec(page.slice(page.indexOf('<table class="report">')))![1]!;
  return Object.fromEntries([...foot.matchAll(/data-figure="(\w+)" data-value="([^"]+)"/g)].map((m) => [m[1]!, Number(m[2])]));
}

describe(`aimeter report --format html on ${COUNT.toLocaleString('en-US')} events`, () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aimeter-report-html-large-'));
    await fillSink(jsonlSink(join(dir, 'usage.jsonl'), { fsync: 'close' }), generateUsageEvents(COUNT, 11));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  // A grouping with many rows (5 customers × 113 days), so the table is the page's largest part.
  for (const by of ['customer,day']) {
    it(`reads the ledger once and writes a page under 2 MB with the totals of --format json (--by ${by})`, async () => {
      const args = ['--ledger', join(dir, 'usage.jsonl'), '--by', by, '--elevenlabs-plan', 'business', '--until', '2026-12-10'];
      const out = join(dir, `report-${by.replace(',', '-')}.html`);
      const { stdout, stderr } = await report([...args, '--format', 'html', '--out', out, '--progress']);
      assert.equal(stdout, '');
      // Progress counts every event the ledger yields: a second read would show twice as many.
      assert.match(stderr, new RegExp(`^aimeter report: ${COUNT.toLocaleString('en-US')} events read, 100 % of [\\d.]+ MB\\n$`, 'm'));
      assert.doesNotMatch(stderr, new RegExp(`${(2 * COUNT).toLocaleString('en-US')} events`));
      const { size } = await stat(out);
      assert.ok(size < 2 * 1024 * 1024, `${size} bytes`);
      const doc = JSON.parse((await report([...args, '--format', 'json'])).stdout) as ReportDocument;
      const page = await readFile(out, 'utf8');
      const shown = footerFigures(page);
      for (const [name, value] of Object.entries(shown)) assert.equal(value, doc.totals[name as keyof ReportDocument['totals']], name);
      assert.equal(Object.keys(shown).length, 14, 'requests, errors, aborted, 9 figures (the generated ledger has audio input tokens), cost, with markup');
      assert.equal((page.match(/<tr>/g) ?? []).length >= doc.groups.length + 2, true);
    });
  }
});
