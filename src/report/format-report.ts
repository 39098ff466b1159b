import { REPORT_FIGURES, type ReportGroup, type ReportRow, type ReportTotal } from './summarize-usage.js';

/**
 * Renders report rows as an aligned text table. A total that includes estimates is marked `~`, one with
 * missing values `?`; a figure that does not apply to the group is blank. Cost columns appear when events
 * were priced.
 *
 * @param rows - from {@link summarizeUsage}
 * @param by - the grouping the rows were made with
 *
 * @example
 * ```ts
 * console.log(formatReport(await summarizeUsage(events), ['provider', 'model']));
 * ```
 */
export function formatReport(rows: readonly ReportRow[], by: readonly ReportGroup[]): string {
  const figures = REPORT_FIGURES.filter((f) => rows.some((r) => r.totals[f]));
  const priced = rows.some((r) => r.costUsd);
  const marked = rows.some((r) => r.markupUsd !== undefined);
  const header = [...by, 'requests', 'errors', 'aborted', ...figures, ...(priced ? ['cost $'] : []), ...(marked ? ['markup $'] : [])];
  const body = rows.map((row) => [
    ...row.group,
    String(row.requests),
    String(row.errors),
    String(row.aborted),
    ...figures.map((figure) => cell(row.totals[figure], (v) => (Number.isInteger(v) ? String(v) : v.toFixed(2)))),
    ...(priced ? [cell(row.costUsd, (v) => v.toFixed(6))] : []),
    ...(marked ? [row.markupUsd === undefined ? '' : row.markupUsd.toFixed(6)] : []),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i]!.length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i < by.length ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

function cell(total: ReportTotal | undefined, format: (value: number) => string): string {
  if (!total) return '';
  return `${total.estimated > 0 ? '~' : ''}${total.missing > 0 ? '?' : ''}${format(total.value)}`;
}
