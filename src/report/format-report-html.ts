import type { UsageReport } from './build-report.js';
import { seriesOrder } from './format-html/chart-series.js';
import { costOverTimeSection } from './format-html/cost-over-time-chart.js';
import { elevenlabsGaugeSection } from './format-html/elevenlabs-gauge.js';
import { amount, escapeHtml, usdShort } from './format-html/html-text.js';
import { loadD3 } from './format-html/load-d3.js';
import { modelUsageSection } from './format-html/model-usage-section.js';
import type { ReportHtmlData } from './format-html/report-html-views.js';
import { REPORT_HTML_STYLE } from './format-html/report-html-style.js';
import { topCustomersSection } from './format-html/top-customers-section.js';
import { groupedTableSection } from './format-html/report-table-html.js';
import { costWithMarkup } from './report-row.js';

/**
 * Options of {@link formatReportHtml}.
 *
 * @example
 * ```ts
 * const options: ReportHtmlOptions = { title: 'Acme: November usage', generatedAt: new Date() };
 * ```
 */
export interface ReportHtmlOptions {
  /** The page's title and main heading. @default 'aimeter usage report' */
  readonly title?: string;
  /** When the report was made, shown in its header. @default now */
  readonly generatedAt?: Date;
}

/**
 * A report as one self-contained HTML page: no script, no style sheet, font or image to fetch (its Content
 * Security Policy forbids any), so it opens offline, from a mail attachment or an archive. The charts are SVG
 * drawn at report time with d3-scale and d3-shape: cost over time stacked by provider, the top customers with
 * their share, usage by model, and the ElevenLabs billing-cycle gauge when the report has one; then the grouped
 * table with its total, as the text table prints it. Each chart has a `<title>` and `<desc>`, its figures as a
 * table, and patterns and direct labels, so it reads without colour. The header names the window, grouping,
 * filters and the price data the costs come from.
 *
 * @param report - from {@link buildReport}, fed `views.tallies`
 * @param data - `views.result()` of the {@link reportHtmlViews} the report was built with
 * @param options - title and time of the report
 * @returns the page, UTF-8 text
 *
 * @example
 * ```ts
 * const views = reportHtmlViews();
 * const report = await buildReport(readJsonlLedger('usage.jsonl'), { by: ['customer'], tallies: views.tallies });
 * await writeFile('report.html', await formatReportHtml(report, views.result()));
 * ```
 */
export async function formatReportHtml(report: UsageReport, data: ReportHtmlData, options: ReportHtmlOptions = {}): Promise<string> {
  const d3 = await loadD3();
  const title = options.title ?? 'aimeter usage report';
  const providers = seriesOrder(data.models.map((r) => r.group[0]!));
  const elevenlabs = providers.includes('elevenlabs') ? providers.indexOf('elevenlabs') : providers.length;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    header(report, data, title, options.generatedAt ?? new Date()),
    '<main>',
    headline(report),
    costOverTimeSection(d3, data.costByDay, providers),
    topCustomersSection(d3, data.customers),
    modelUsageSection(d3, data.models, providers),
    ...(report.elevenlabs ? [elevenlabsGaugeSection(d3, report.elevenlabs, elevenlabs)] : []),
    groupedTableSection(report),
    '</main>',
    '<footer><p>Made by aimeter. Figures marked ~ include estimates, ? leave out unknown values; the tables hold the exact numbers.</p></footer>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function header(report: UsageReport, data: ReportHtmlData, title: string, at: Date): string {
  const filters = Object.entries(report.filters);
  const prices = data.priceData.map((p) => `${p.source} ${p.version} (${amount(p.events)} event${p.events === 1 ? '' : 's'})`);
  const item = (name: string, value: string): string => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd>`;
  return [
    '<header>',
    `<h1>${escapeHtml(title)}</h1>`,
    '<dl>',
    item('Window', `${report.since ?? 'start of the ledger'} to ${report.until ?? 'end of the ledger'}${report.until ? ' (exclusive)' : ''}`),
    item('Grouped by', report.by.length > 0 ? report.by.join(', ') : 'no grouping (total only)'),
    item('Filters', filters.length > 0 ? filters.map(([name, values]) => `${name}: ${values.join(', ')}`).join('; ') : 'none'),
    item('Price data', prices.length > 0 ? prices.join('; ') : 'no event was priced'),
    item('Generated', at.toISOString()),
    '</dl>',
    '</header>',
  ].join('\n');
}

function headline(report: UsageReport): string {
  const { total } = report;
  const billed = costWithMarkup(total);
  const cards: [string, string, string, number | undefined][] = [
    ['Requests', amount(total.requests), 'requests', total.requests],
    ['Errors', amount(total.errors), 'errors', total.errors],
    ['Aborted', amount(total.aborted), 'aborted', total.aborted],
    ['Cost', total.costUsd ? usdShort(total.costUsd.value) : 'not priced', 'costUsd', total.costUsd?.value],
    ['Billed (with markup)', billed === undefined ? 'not priced' : usdShort(billed), 'costWithMarkupUsd', billed],
  ];
  const cell = ([name, text, figure, value]: (typeof cards)[number]): string =>
    `<div><dt>${escapeHtml(name)}</dt><dd data-figure="${figure}"${value === undefined ? '' : ` data-value="${value}"`}>${escapeHtml(text)}</dd></div>`;
  return `<section aria-label="Totals"><dl class="headline">${cards.map(cell).join('')}</dl></section>`;
}
