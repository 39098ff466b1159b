import { costWithMarkup, REPORT_FIGURES, type ReportFigure, type ReportRow } from './report-row.js';

/**
 * A report row's figures as plain numbers, the shape of each group and of the totals in the JSON report: every
 * key always present; a figure that did not occur is 0; cost fields are `null` when nothing was priced.
 * `estimated` and `missing` count, per figure, the events whose value was estimated or is unknown (not added in).
 *
 * @example
 * ```ts
 * const figures: ReportFigures = reportFigures(report.total);
 * console.log(figures.inputTokens, figures.costWithMarkupUsd, figures.missing.costUsd);
 * ```
 */
export type ReportFigures = {
  readonly requests: number;
  readonly errors: number;
  readonly aborted: number;
} & Readonly<Record<ReportFigure, number>> & {
  readonly costUsd: number | null;
  readonly markupUsd: number | null;
  readonly costWithMarkupUsd: number | null;
  readonly estimatedEvents: number;
  readonly missingEvents: number;
  readonly estimated: Readonly<Record<ReportFigure | 'costUsd', number>>;
  readonly missing: Readonly<Record<ReportFigure | 'costUsd', number>>;
};

/**
 * The figures of a row, in the fixed order of {@link ReportFigures}.
 *
 * @param row - a report row or total
 *
 * @example
 * ```ts
 * console.log(JSON.stringify(reportFigures(report.total)));
 * ```
 */
export function reportFigures(row: ReportRow): ReportFigures {
  const per = (key: 'value' | 'estimated' | 'missing'): Record<ReportFigure, number> =>
    Object.fromEntries(REPORT_FIGURES.map((f) => [f, row.totals[f]?.[key] ?? 0])) as Record<ReportFigure, number>;
  return {
    requests: row.requests,
    errors: row.errors,
    aborted: row.aborted,
    ...per('value'),
    costUsd: row.costUsd?.value ?? null,
    markupUsd: row.costUsd ? (row.markupUsd ?? 0) : null,
    costWithMarkupUsd: costWithMarkup(row) ?? null,
    estimatedEvents: row.estimatedEvents,
    missingEvents: row.missingEvents,
    estimated: { ...per('estimated'), costUsd: row.costUsd?.estimated ?? 0 },
    missing: { ...per('missing'), costUsd: row.costUsd?.missing ?? 0 },
  };
}
