import type { UsageReport } from '../build-report.js';
import { reportLegend } from '../report-legend.js';
import { costWithMarkup, REPORT_FIGURES, type ReportRow, type ReportTotal } from '../report-row.js';
import { FIGURE_NAMES } from './figure-names.js';
import { htmlTable, type TableCell } from './html-table.js';
import { amount, escapeHtml, usdExact } from './html-text.js';

/**
 * The report's own table, as `aimeter report --format table` prints it: one row per group of `--by`, the same
 * columns (requests, errors, aborted, the figures that occur, cost and cost with markup), `~` and `?` marks
 * with their legend, and the total in the table's footer. Each number carries its exact value in `data-value`
 * and its JSON name in `data-figure`.
 *
 * @param report - from {@link buildReport}
 *
 * @example
 * ```ts
 * html += groupedTableSection(report);
 * ```
 */
export function groupedTableSection(report: UsageReport): string {
  const all = [...report.rows, report.total];
  const figures = REPORT_FIGURES.filter((f) => all.some((r) => r.totals[f]));
  const priced = all.some((r) => r.costUsd);
  const marked = all.some((r) => r.markupUsd !== undefined);
  const head = [...report.by, 'requests', 'errors', 'aborted', ...figures.map((f) => FIGURE_NAMES[f]), ...(priced ? ['cost $'] : []), ...(marked ? ['with markup $'] : [])];
  const cells = (row: ReportRow, group: readonly string[]): TableCell[] => [
    ...group.map((text) => ({ text })),
    { text: amount(row.requests), value: row.requests, figure: 'requests' },
    { text: amount(row.errors), value: row.errors, figure: 'errors' },
    { text: amount(row.aborted), value: row.aborted, figure: 'aborted' },
    ...figures.map((f) => markedCell(row.totals[f], f, amount)),
    ...(priced ? [markedCell(row.costUsd, 'costUsd', usdExact)] : []),
    ...(marked ? [markedCell(row.costUsd && { ...row.costUsd, value: costWithMarkup(row)! }, 'costWithMarkupUsd', usdExact)] : []),
  ];
  const total = report.by.length > 0 ? report.by.map((_, i) => (i === 0 ? 'total' : '')) : ['total'];
  const grouping = report.by.length > 0 ? report.by.join(', ') : 'no grouping';
  const legend = reportLegend(all, report.elevenlabs);
  return [
    `<section aria-labelledby="table-h">`,
    `<h2 id="table-h">By ${escapeHtml(grouping)}</h2>`,
    `<div class="scroll" tabindex="0" role="region" aria-labelledby="table-h">`,
    htmlTable({
      caption: `${amount(report.rows.length)} groups by ${grouping}, and their total`,
      head: report.by.length > 0 ? head : ['', ...head],
      rowHeaders: Math.max(1, report.by.length),
      rows: report.by.length > 0 ? report.rows.map((row) => cells(row, row.group)) : [],
      foot: [cells(report.total, total)],
      className: 'report',
    }),
    `</div>`,
    ...(legend ? [`<p class="marks">${legend.split('\n').map(escapeHtml).join('<br>')}</p>`] : []),
    `</section>`,
  ].join('\n');
}

function markedCell(total: ReportTotal | undefined, figure: string, format: (value: number) => string): TableCell {
  if (!total) return { text: '', figure };
  const marks = `${total.estimated > 0 ? '~' : ''}${total.missing > 0 ? '?' : ''}`;
  const label = [total.estimated > 0 ? `${total.estimated} estimated` : '', total.missing > 0 ? `${total.missing} unknown, left out` : ''].filter(Boolean).join(', ');
  return { text: `${marks}${format(total.value)}`, value: total.value, figure, ...(label ? { label } : {}) };
}
