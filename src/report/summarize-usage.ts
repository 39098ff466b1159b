import type { UsageEvent } from '../usage-event.js';
import type { ReportGroup } from './report-group.js';
import type { ReportRow } from './report-row.js';
import { usageTally } from './usage-tally.js';

// The report's vocabulary has always been importable from here.
export { REPORT_FIGURES, type ReportFigure, type ReportRow, type ReportTotal } from './report-row.js';
export type { ReportGroup } from './report-group.js';

/**
 * Adds usage events up by group, keeping provenance visible: estimated and missing figures are counted, never
 * folded silently into the totals as if reported. Streams: only one row per group is held.
 *
 * @param events - usage events, e.g. from {@link readJsonlLedger} or a memory sink
 * @param by - grouping, outermost first @defaultValue ['provider', 'model']
 *
 * @example
 * ```ts
 * const rows = await summarizeUsage(readJsonlLedger('usage.jsonl'), ['customer', 'model']);
 * ```
 */
export async function summarizeUsage(
  events: Iterable<UsageEvent> | AsyncIterable<UsageEvent>,
  by: readonly ReportGroup[] = ['provider', 'model'],
): Promise<ReportRow[]> {
  const tally = usageTally(by);
  for await (const event of events) tally.add(event);
  return tally.rows();
}
