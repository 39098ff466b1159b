import type { UsageReport } from './build-report.js';
import type { ElevenLabsCycleUsage } from './elevenlabs-cycle.js';
import { reportFigures, type ReportFigures } from './report-figures.js';
import { REPORT_FIGURES, type ReportRow } from './report-row.js';

const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const FIGURE_COLUMNS = [
  'requests',
  'errors',
  'aborted',
  ...REPORT_FIGURES,
  'costUsd',
  'markupUsd',
  'costWithMarkupUsd',
  'estimatedEvents',
  'missingEvents',
] as const satisfies readonly (keyof ReportFigures)[];

const QUOTA_COLUMNS = [
  'plan',
  'quotaCredits',
  'anchorDay',
  'cycleStart',
  'resetsAt',
  'characters',
  'credits',
  'percentUsed',
  'remainingCredits',
] as const satisfies readonly (keyof ElevenLabsCycleUsage)[];

/**
 * A report as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, a quote or a line break).
 * The header row names the columns: `row` (`group` or `total`), one column per grouping, then the figures in
 * snake case (`input_tokens`, `cost_usd`, `cost_with_markup_usd`, `estimated_events`, …); with an ElevenLabs
 * quota, `elevenlabs_*` columns filled on the `total` row. Numbers are unformatted; an unpriced cost is empty.
 *
 * @param report - from {@link buildReport}
 *
 * @example
 * ```ts
 * await writeFile('usage.csv', formatReportCsv(await buildReport(events, { by: ['customer', 'month'] })));
 * ```
 */
export function formatReportCsv(report: UsageReport): string {
  const quota = report.elevenlabs;
  const header = ['row', ...report.by, ...FIGURE_COLUMNS.map(snake), ...(quota ? QUOTA_COLUMNS.map((c) => `elevenlabs_${snake(c)}`) : [])];
  const line = (kind: string, group: readonly string[], row: ReportRow, extra: readonly (string | number | undefined)[]): string => {
    const figures = reportFigures(row);
    return [kind, ...group, ...FIGURE_COLUMNS.map((c) => figures[c]), ...extra].map(field).join(',');
  };
  const blankQuota = quota ? QUOTA_COLUMNS.map(() => '') : [];
  return [
    header.map(field).join(','),
    ...report.rows.map((row) => line('group', row.group, row, blankQuota)),
    line('total', report.by.map(() => ''), report.total, quota ? QUOTA_COLUMNS.map((c) => quota[c]) : []),
  ]
    .map((l) => `${l}\r\n`)
    .join('');
}

function field(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
