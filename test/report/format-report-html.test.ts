import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildReport, type BuildReportOptions } from '../../src/report/build-report.js';
import { elevenlabsCycleTally } from '../../src/report/elevenlabs-cycle.js';
import { SERIES_COLOURS, seriesDefs } from '../../src/report/format-html/chart-series.js';
import { reportHtmlViews } from '../../src/report/format-html/report-html-views.js';
import { formatReportHtml } from '../../src/report/format-report-html.js';
import { formatReportJson, type ReportDocument } from '../../src/report/format-report-json.js';
import { reported } from '../../src/usage.js';
import type { UsageEvent } from '../../src/usage-event.js';
import { contrastRatio } from '../support/contrast.js';
import { generateUsageEvents } from '../support/generate-usage-events.js';
import { usageEvent } from '../support/make-usage-event.js';

const AT = new Date('2026-12-05T12:00:00.000Z');

async function html(events: readonly UsageEvent[], options: Omit<BuildReportOptions, 'tallies'>): Promise<{ page: string; doc: ReportDocument }> {
  const views = reportHtmlViews();
  const report = await buildReport(events, { ...options, tallies: views.tallies });
  return { page: await formatReportHtml(report, views.result(), { generatedAt: AT }), doc: JSON.parse(formatReportJson(report)) as ReportDocument };
}

/** `data-value` of each `data-figure` cell of the table footer (the total row). */
function footerFigures(page: string): Record<string, number> {
  const foot = /<tfoot>([\s\S]*?)<\/tfoot>/.exec(page.slice(page.indexOf('class="report"')))![1]!;
  return Object.fromEntries([...foot.matchAll(/data-figure="(\w+)" data-value="([^"]+)"/g)].map((m) => [m[1]!, Number(m[2])]));
}

describe('formatReportHtml', () => {
  it('writes one self-contained page: no script, nothing to fetch, a policy that forbids fetching', async () => {
    const { page } = await html(generateUsageEvents(2000, 3), { by: ['provider', 'model'] });
    assert.match(page, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.match(page, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
    assert.doesNotMatch(page, /<script|<link|<img|<iframe|@import|url\((?!#)/i);
    // The only URL is the SVG namespace, which is a name, never fetched.
    assert.deepEqual([...new Set(page.match(/https?:\/\/[^"'\s)]+/g))], ['http://www.w3.org/2000/svg']);
  });

  it('shows the totals of the JSON report in the table footer, exactly', async () => {
    const { page, doc } = await html(generateUsageEvents(3000, 5), { by: ['customer', 'month'] });
    const figures = footerFigures(page);
    for (const name of ['requests', 'errors', 'aborted', 'inputTokens', 'outputTokens', 'cachedInputTokens', 'reasoningTokens', 'characters', 'credits', 'audioSeconds', 'costUsd', 'costWithMarkupUsd'] as const) {
      assert.equal(figures[name], doc.totals[name], name);
    }
    assert.equal([...page.matchAll(/<tbody>/g)].length > 0, true);
    assert.equal((page.slice(page.indexOf('class="report"')).match(/<tr>/g) ?? []).length, doc.groups.length + 2, 'a header, one row per group, the total');
  });

  it('names every chart with <title> and <desc> and gives its figures as a table', async () => {
    const cycle = elevenlabsCycleTally({ quotaCredits: 5_000_000, at: Date.parse('2026-11-20T00:00:00Z') });
    const { page } = await html(generateUsageEvents(2000, 9), { by: ['provider'], cycle });
    const svgs = [...page.matchAll(/<svg viewBox[^>]*role="img" aria-labelledby="(\S+)-title \1-desc"[^>]*>\n<title id="\1-title">([^<]+)<\/title><desc id="\1-desc">([^<]+)<\/desc>/g)];
    assert.deepEqual(svgs.map((m) => m[1]), ['cost', 'customers', 'models', 'gauge']);
    assert.equal([...page.matchAll(/<details><summary>[^<]+<\/summary><table>\n<caption>/g)].length, 4, 'a data table per chart');
    assert.match(page, /ElevenLabs credits this billing cycle \(quota of 5,000,000 credits\)/);
    assert.match(page, /resets 2026-12-01T00:00:00.000Z/);
  });

  it('shows the filters, the window and the price data in the header', async () => {
    const events = [
      usageEvent({ cost: { usd: 0.5, snapshot: { source: 'genai-prices', version: '0.1.8', rates: {} } } }),
      usageEvent({ cost: { usd: 0.25, snapshot: { source: 'genai-prices', version: '0.1.8', rates: {} } } }),
      usageEvent({ provider: 'elevenlabs', model: 'eleven_flash_v2_5', usage: { requests: 1, characters: reported(10), credits: reported(5) }, cost: { usd: 0.01, snapshot: { source: 'elevenlabs', version: '2026-11', rates: {} } } }),
    ];
    const { page } = await html(events, { by: [], since: new Date('2026-11-01'), until: new Date('2026-12-01'), filters: { customer: ['acme', 'globex'], status: ['ok'] } });
    assert.match(page, /<dt>Window<\/dt><dd>2026-11-01T00:00:00.000Z to 2026-12-01T00:00:00.000Z \(exclusive\)<\/dd>/);
    assert.match(page, /<dt>Filters<\/dt><dd>customer: acme, globex; status: ok<\/dd>/);
    assert.match(page, /<dt>Price data<\/dt><dd>genai-prices 0.1.8 \(2 events\); elevenlabs 2026-11 \(1 event\)<\/dd>/);
    assert.match(page, /<dt>Generated<\/dt><dd>2026-12-05T12:00:00.000Z<\/dd>/);
  });

  it('escapes what the ledger holds: a customer or model name is shown, never markup', async () => {
    const hostile = '<img src=x onerror="alert(1)">&"\'';
    const events = [usageEvent({ model: hostile, tags: { customer: hostile }, cost: { usd: 1, snapshot: { source: '<b>', version: '1', rates: {} } } })];
    const { page } = await html(events, { by: ['customer', 'model'], filters: { model: [hostile] } });
    assert.doesNotMatch(page, /<img|<b>/);
    assert.ok(page.includes('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&quot;&#39;'));
  });

  it('says so when nothing was priced or nothing matched, rather than drawing an empty chart', async () => {
    const unpriced = await html([usageEvent(), usageEvent({ tags: { customer: 'acme' } })], { by: ['provider'] });
    assert.match(unpriced.page, /No event in the report has a cost\./);
    assert.match(unpriced.page, /Customers by requests \(no event was priced\)/);
    assert.match(unpriced.page, /<dt>Price data<\/dt><dd>no event was priced<\/dd>/);
    const empty = await html([], { by: ['customer'] });
    assert.match(empty.page, /<h2 id="customers-h">Top customers<\/h2><p>No events in the report\.<\/p>/);
    assert.equal(footerFigures(empty.page).requests, 0);
  });

  it('draws a day a bar over two months at most, a month a bar beyond', async () => {
    const cost = { usd: 1, snapshot: { source: 't', version: '1', rates: {} } };
    const days = await html([usageEvent({ time: '2026-11-01T10:00:00Z', cost }), usageEvent({ time: '2026-11-04T10:00:00Z', cost })], { by: [] });
    assert.match(days.page, /Cost over time, by day and provider/);
    assert.equal((/<table>[\s\S]*?<\/table>/.exec(days.page)![0].match(/<th scope="row">2026-11-0\d<\/th>/g) ?? []).length, 4, 'empty days in between too');
    const months = await html([usageEvent({ time: '2026-08-01T10:00:00Z', cost }), usageEvent({ time: '2026-12-04T10:00:00Z', cost })], { by: [] });
    assert.match(months.page, /Cost over time, by month and provider/);
    assert.match(months.page, /\$2.00 from 2026-08 to 2026-12 \(5 months\)/);
  });

  it('keeps the page small with many customers: ten bars and a hundred table rows, then one for the rest', async () => {
    const cost = (usd: number) => ({ usd, snapshot: { source: 't', version: '1', rates: {} } });
    const events = Array.from({ length: 250 }, (_, i) => usageEvent({ tags: { customer: `c${String(i).padStart(3, '0')}` }, cost: cost(i + 1) }));
    const { page } = await html(events, { by: [] });
    const section = page.slice(page.indexOf('id="customers-h"'), page.indexOf('id="models-h"'));
    assert.equal((section.match(/<rect /g) ?? []).length - 2, 11, 'ten customers and the rest (less the two pattern tiles)');
    assert.match(section, /<text [^>]*>240 other customers<\/text>/);
    assert.match(section, /<summary>The top 100 of 250 customers as a table<\/summary>/);
    const rows = [...section.matchAll(/<tr><th scope="row">([^<]+)<\/th>/g)].map((m) => m[1]);
    assert.deepEqual([rows[0], rows[99], rows[100], rows.length], ['c249', 'c150', '150 other customers', 101]);
    const rest = /<th scope="row">150 other customers<\/th><td class="num" data-value="150">150<\/td><td class="num" data-value="(\d+)">/.exec(section);
    assert.equal(Number(rest?.[1]), (150 * 151) / 2, 'the cost of c000 to c149: 1 + 2 + … + 150');
  });

  it('tells series apart without colour: each pattern differs, each colour has 3:1 contrast on white and under white marks', () => {
    const patterns = [...seriesDefs('x', SERIES_COLOURS.length).matchAll(/<pattern [^>]*><rect [^>]*\/>(.*?)<\/pattern>/g)].map((m) => m[1]);
    assert.equal(new Set(patterns).size, SERIES_COLOURS.length);
    for (const colour of SERIES_COLOURS) assert.ok(contrastRatio(colour, '#ffffff') >= 3, `${colour}: ${contrastRatio(colour, '#ffffff').toFixed(2)}`);
  });
});
