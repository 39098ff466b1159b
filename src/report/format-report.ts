import { lazy } from '../time/lazy.js';
import type { UsageReport } from './build-report.js';
import type { ElevenLabsCycleUsage } from './elevenlabs-cycle.js';
import type { ReportGroup } from './report-group.js';
import { reportLegend } from './report-legend.js';
import { costWithMarkup, REPORT_FIGURES, type ReportRow, type ReportTotal } from './report-row.js';

const INTEGER = lazy(() => new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }));
const DECIMAL = lazy(() => new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
const USD = lazy(() => new Intl.NumberFormat('en-US', { minimumFractionDigits: 6, maximumFractionDigits: 6 }));

/**
 * Renders report rows as an aligned text table, numbers grouped by thousands. A total that includes estimates
 * is marked `~`, one with missing values `?`; a figure that does not apply to the group is blank. Cost columns
 * appear when events were priced, `with markup $` when a markup applied.
 *
 * @param rows - from {@link summarizeUsage}
 * @param by - the grouping the rows were made with
 * @param total - a grand total to print under the rows @defaultValue none
 *
 * @example
 * ```ts
 * console.log(formatReport(await summarizeUsage(events), ['provider', 'model']));
 * ```
 */
export function formatReport(rows: readonly ReportRow[], by: readonly ReportGroup[], total?: ReportRow): string {
  const all = total ? [...rows, total] : rows;
  const figures = REPORT_FIGURES.filter((f) => all.some((r) => r.totals[f]));
  const priced = all.some((r) => r.costUsd);
  const marked = all.some((r) => r.markupUsd !== undefined);
  const header = [...by, 'requests', 'errors', 'aborted', ...figures, ...(priced ? ['cost $'] : []), ...(marked ? ['with markup $'] : [])];
  const cells = (row: ReportRow, group: readonly string[]): string[] => [
    ...group,
    INTEGER().format(row.requests),
    INTEGER().format(row.errors),
    INTEGER().format(row.aborted),
    ...figures.map((figure) => cell(row.totals[figure], amount)),
    ...(priced ? [cell(row.costUsd, (v) => USD().format(v))] : []),
    ...(marked ? [cell(row.costUsd, () => USD().format(costWithMarkup(row)!))] : []),
  ];
  const body = rows.map((row) => cells(row, row.group));
  const footer = total && by.length > 0 ? [cells(total, by.map((_, i) => (i === 0 ? 'total' : '')))] : [];
  const widths = header.map((h, i) => Math.max(h.length, ...[...body, ...footer].map((c) => c[i]!.length)));
  const line = (c: readonly string[]): string =>
    c.map((text, i) => (i < by.length ? text.padEnd(widths[i]!) : text.padStart(widths[i]!))).join('  ').trimEnd();
  const rule = line(widths.map((w) => '-'.repeat(w)));
  return [line(header), rule, ...body.map(line), ...(footer.length ? [rule, ...footer.map(line)] : [])].join('\n');
}

/**
 * Renders a whole {@link UsageReport} as text: the table with its total, then the ElevenLabs quota line, then
 * the legend of the marks that occur (`~` includes estimated figures, `?` leaves out unknown ones).
 *
 * @param report - from {@link buildReport}
 *
 * @example
 * ```ts
 * console.log(formatReportTable(await buildReport(ledger.readEvents(), { by: ['customer'] })));
 * ```
 */
export function formatReportTable(report: UsageReport): string {
  const table = formatReport(report.rows, report.by, report.total);
  const legend = reportLegend(report.total ? [...report.rows, report.total] : report.rows, report.elevenlabs);
  return [table, ...(report.elevenlabs ? [quotaLine(report.elevenlabs)] : []), ...(legend ? [legend] : [])].join('\n\n');
}

function quotaLine(cycle: ElevenLabsCycleUsage): string {
  const marks = `${cycle.estimatedCredits > 0 ? '~' : ''}${cycle.missingCredits > 0 ? '?' : ''}`;
  return [
    `ElevenLabs${cycle.plan ? ` ${cycle.plan} plan` : ''}, cycle ${cycle.cycleStart.slice(0, 10)} → ${cycle.resetsAt.slice(0, 10)}: `,
    `${marks}${DECIMAL().format(cycle.percentUsed)} % of the quota used (${marks}${amount(cycle.credits)} of ${amount(cycle.quotaCredits)} credits, `,
    `${INTEGER().format(cycle.characters)} characters); resets ${cycle.resetsAt}`,
  ].join('');
}

const amount = (value: number): string => (Number.isInteger(value) ? INTEGER : DECIMAL)().format(value);

function cell(total: ReportTotal | undefined, format: (value: number) => string): string {
  if (!total) return '';
  return `${total.estimated > 0 ? '~' : ''}${total.missing > 0 ? '?' : ''}${format(total.value)}`;
}
