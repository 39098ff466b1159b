// The HTML report as a reader sees it: made by `aimeter report --format html --out` from a generated ledger, opened
// from disk in headless Chromium (Debian's, at /usr/bin/chromium). It must load with no console error and no request
// but the file itself, show the totals of `--format json`, pass basic accessibility checks, and fit the window.
// AIMETER_UPDATE_SCREENSHOT=1 also copies the screenshot to docs/report-screenshot.png (the README shows it).
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { jsonlSink } from '../../src/ledger/jsonl-sink.js';
import type { ReportDocument } from '../../src/report/format-report-json.js';
import { chromiumUnavailable, launchChromium } from '../support/chromium.js';
import { contrastRatio } from '../support/contrast.js';
import { fillSink } from '../support/fill-sink.js';
import { generateUsageEvents } from '../support/generate-usage-events.js';
import { READ_REPORT_PAGE, type ReportPage } from '../support/read-report-page.js';
import { report } from '../support/report-contract.js';

const skip = chromiumUnavailable();
const SCREENSHOT = fileURLToPath(new URL('../../docs/report-screenshot.png', import.meta.url));

type Seen = ReportPage & { requests: string[]; errors: string[] };

const number = (text: string): number => Number(text.replace(/[~?,$]/g, ''));

describe('aimeter report --format html in Chromium', { skip }, () => {
  let dir: string;
  let doc: ReportDocument;
  let seen: Seen;
  let png: Buffer;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aimeter-report-html-'));
    await fillSink(jsonlSink(join(dir, 'usage.jsonl'), { fsync: 'close' }), generateUsageEvents(20_000, 7));
    const args = ['--ledger', join(dir, 'usage.jsonl'), '--by', 'provider,model', '--until', '2026-12-10', '--elevenlabs-quota', '2000000', '--anchor-day', '15'];
    const html = await report([...args, '--format', 'html', '--out', join(dir, 'report.html')]);
    assert.equal(html.stdout, '', 'with --out, nothing on stdout');
    doc = JSON.parse((await report([...args, '--format', 'json'])).stdout) as ReportDocument;
    const browser = await launchChromium();
    try {
      const requests: string[] = [];
      const errors: string[] = [];
      browser.context.on('request', (request) => requests.push(request.url()));
      const page = await browser.context.newPage();
      page.on('console', (message) => (message.type() === 'error' || message.type() === 'warning' ? errors.push(message.text()) : undefined));
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
      seen = { requests, errors, ...(await page.evaluate<ReportPage>(READ_REPORT_PAGE)) };
      png = await page.screenshot({ fullPage: true, path: join(dir, 'report.png') });
    } finally {
      await browser.close();
    }
    if (process.env.AIMETER_UPDATE_SCREENSHOT) await copyFile(join(dir, 'report.png'), SCREENSHOT);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('loads with no console error and no request but the file itself', () => {
    assert.deepEqual(seen.errors, []);
    assert.deepEqual(seen.requests, [pathToFileURL(join(dir, 'report.html')).href]);
  });

  it('shows the totals of --format json: exact in data-value, rounded as printed in the text', () => {
    const names = ['requests', 'errors', 'aborted', 'inputTokens', 'outputTokens', 'cachedInputTokens', 'reasoningTokens', 'characters', 'credits', 'audioSeconds', 'audioInputTokens', 'cachedAudioInputTokens', 'costUsd', 'costWithMarkupUsd'] as const;
    assert.deepEqual(seen.footer.map((s) => s.figure), names);
    for (const shown of seen.footer) {
      const expected = doc.totals[shown.figure as (typeof names)[number]] as number;
      assert.equal(Number(shown.value), expected, `${shown.figure} data-value`);
      const tolerance = shown.figure.startsWith('cost') ? 5e-7 : 0.005;
      assert.ok(Math.abs(number(shown.text.split('\n')[0]!.split(' (')[0]!) - expected) <= tolerance, `${shown.figure}: shows ${shown.text}, JSON has ${expected}`);
    }
    const headline = Object.fromEntries(seen.headline.map((s) => [s.figure, s.text]));
    assert.equal(number(headline.requests!), doc.totals.requests);
    assert.equal(headline.costUsd, `$${doc.totals.costUsd!.toFixed(2)}`);
    assert.equal(headline.costWithMarkupUsd, `$${doc.totals.costWithMarkupUsd!.toFixed(2)}`);
    assert.deepEqual(
      seen.gauge.slice(0, 3).map((s) => Number(s.value)),
      [doc.elevenlabs!.credits, doc.elevenlabs!.quotaCredits, doc.elevenlabs!.remainingCredits],
    );
  });

  it('names each chart (its <title> and <desc>) and keeps every text at 4.5:1 contrast or more', () => {
    assert.equal(seen.labels.length, 4, 'cost over time, customers, models, the ElevenLabs gauge');
    for (const [title, desc] of seen.labels) assert.ok(title!.length > 10 && desc!.length > 10, `${title} / ${desc}`);
    assert.ok(seen.colours.length > 100, `${seen.colours.length} text elements`);
    for (const [text, colour, background] of seen.colours) {
      assert.ok(contrastRatio(colour, background) >= 4.5, `"${text}": ${colour} on ${background} is ${contrastRatio(colour, background).toFixed(2)}:1`);
    }
  });

  it('fits a 1100-pixel window and writes a screenshot', async () => {
    assert.ok(seen.overflow <= 0, `the page is ${seen.overflow}px wider than the window`);
    assert.deepEqual([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join(''), 'PNG');
    assert.equal(png.readUInt32BE(16), 1100, 'width');
    assert.ok(png.readUInt32BE(20) > 1500, 'height: the whole page');
    assert.deepEqual(await readFile(join(dir, 'report.png')), png);
  });
});
