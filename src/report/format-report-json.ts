import type { UsageReport } from './build-report.js';
import type { ElevenLabsCycleUsage } from './elevenlabs-cycle.js';
import { reportFigures, type ReportFigures } from './report-figures.js';

/**
 * The JSON document of a report (`aimeter report --format json`). Its shape is stable: `version` changes if a
 * field ever changes meaning; new fields may be added. Numbers are plain JSON numbers, unrounded.
 *
 * @example
 * ```ts
 * const doc = JSON.parse(stdout) as ReportDocument;
 * for (const g of doc.groups) console.log(g.group.customer, g.requests, g.costWithMarkupUsd);
 * ```
 */
export interface ReportDocument {
  /** Shape version: 1. */
  readonly version: 1;
  /** Start of the window (inclusive), ISO 8601 UTC, or `null` for the beginning of the ledger. */
  readonly since: string | null;
  /** End of the window (exclusive), ISO 8601 UTC, or `null` for the end of the ledger. */
  readonly until: string | null;
  /** The grouping, outermost first. */
  readonly by: readonly string[];
  /** The filters applied, by name (`provider`, `customer`, …), each a list of accepted values. */
  readonly filters: Readonly<Record<string, readonly string[]>>;
  /** One entry per group, sorted by the group values; `group` maps each `by` name to the group's value. */
  readonly groups: readonly (ReportFigures & { readonly group: Readonly<Record<string, string>> })[];
  /** All groups added up. */
  readonly totals: ReportFigures;
  /** ElevenLabs usage in the billing cycle against the quota, or `null` when not asked for. */
  readonly elevenlabs: ElevenLabsCycleUsage | null;
}

/**
 * A report as its stable {@link ReportDocument}, serialized with a final newline.
 *
 * @param report - from {@link buildReport}
 *
 * @example
 * ```ts
 * process.stdout.write(formatReportJson(await buildReport(events, { by: ['customer', 'month'] })));
 * ```
 */
export function formatReportJson(report: UsageReport): string {
  const doc: ReportDocument = {
    version: 1,
    since: report.since ?? null,
    until: report.until ?? null,
    by: report.by,
    filters: report.filters,
    groups: report.rows.map((row) => ({ group: Object.fromEntries(report.by.map((g, i) => [g, row.group[i]!])), ...reportFigures(row) })),
    totals: reportFigures(report.total),
    elevenlabs: report.elevenlabs ?? null,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
