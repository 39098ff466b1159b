import { lazy } from '../time/lazy.js';
import type { UsageEvent } from '../usage-event.js';
import { groupValue, type ReportGroup } from './report-group.js';
import { figureQuantity, REPORT_FIGURES, type ReportFigure, type ReportRow } from './report-row.js';

/**
 * Adds usage events up by group, one event at a time, so a ledger of any length streams through in one pass
 * holding only one row per group.
 *
 * @example
 * ```ts
 * const tally = usageTally(['customer']);
 * for await (const event of ledger.readEvents()) tally.add(event);
 * console.log(tally.rows(), tally.total());
 * ```
 */
export interface UsageTally {
  /** Counts one event into its group. */
  add(event: UsageEvent): void;
  /** The groups, sorted by their values. */
  rows(): ReportRow[];
  /** All groups added up (with an empty `group`). */
  total(): ReportRow;
}

type Total = { value: number; estimated: number; missing: number };
type MutableRow = {
  group: string[];
  requests: number;
  errors: number;
  aborted: number;
  totals: Partial<Record<ReportFigure, Total>>;
  costUsd?: Total;
  markupUsd?: number;
  estimatedEvents: number;
  missingEvents: number;
};

const newRow = (group: string[]): MutableRow => ({ group, requests: 0, errors: 0, aborted: 0, totals: {}, estimatedEvents: 0, missingEvents: 0 });

/**
 * A {@link UsageTally} grouping by `by`, outermost first; `[]` gives one row for everything.
 *
 * @param by - the grouping
 *
 * @example
 * ```ts
 * const tally = usageTally(['provider', 'month']);
 * for (const event of sink.events) tally.add(event);
 * ```
 */
export function usageTally(by: readonly ReportGroup[]): UsageTally {
  const rows = new Map<string, MutableRow>();
  return {
    add(event) {
      const group = by.map((g) => groupValue(event, g));
      const id = group.join('\u0000');
      let row = rows.get(id);
      if (!row) rows.set(id, (row = newRow(group)));
      addEvent(row, event);
    },
    rows: () => [...rows.values()].sort(byGroup),
    total() {
      const total = newRow([]);
      for (const row of rows.values()) mergeInto(total, row);
      return total;
    },
  };
}

// One fixed locale, so the order of rows is the same on every machine.
const COLLATOR = lazy(() => new Intl.Collator('en'));

function byGroup(a: MutableRow, b: MutableRow): number {
  for (let i = 0; i < a.group.length; i += 1) {
    const order = COLLATOR().compare(a.group[i]!, b.group[i]!);
    if (order !== 0) return order;
  }
  return 0;
}

function addEvent(row: MutableRow, event: UsageEvent): void {
  row.requests += event.usage.requests;
  if (event.status === 'error') row.errors += 1;
  if (event.status === 'aborted') row.aborted += 1;
  let estimated = false;
  let missing = false;
  for (const figure of REPORT_FIGURES) {
    const quantity = figureQuantity(event.usage, figure);
    if (!quantity) continue;
    const total = (row.totals[figure] ??= { value: 0, estimated: 0, missing: 0 });
    if (quantity.value === null) {
      total.missing += 1;
      missing = true;
    } else total.value += quantity.value;
    if (quantity.provenance === 'estimated') {
      total.estimated += 1;
      estimated = true;
    }
  }
  if (event.cost) {
    const cost = (row.costUsd ??= { value: 0, estimated: 0, missing: 0 });
    if (event.cost.usd === undefined) {
      cost.missing += 1;
      missing = true;
    } else cost.value += event.cost.usd;
    // A cost priced from any estimated figure is itself an estimate, even one outside REPORT_FIGURES.
    const fromEstimate = estimated || Object.values(event.usage).some((q: unknown) => (q as { provenance?: string }).provenance === 'estimated');
    if (fromEstimate) cost.estimated += 1;
    if (event.cost.markupUsd !== undefined) row.markupUsd = (row.markupUsd ?? 0) + event.cost.markupUsd;
  }
  if (estimated) row.estimatedEvents += 1;
  if (missing) row.missingEvents += 1;
}

function mergeInto(into: MutableRow, row: MutableRow): void {
  into.requests += row.requests;
  into.errors += row.errors;
  into.aborted += row.aborted;
  into.estimatedEvents += row.estimatedEvents;
  into.missingEvents += row.missingEvents;
  for (const figure of REPORT_FIGURES) {
    const from = row.totals[figure];
    if (from) into.totals[figure] = add(into.totals[figure], from);
  }
  if (row.costUsd) into.costUsd = add(into.costUsd, row.costUsd);
  if (row.markupUsd !== undefined) into.markupUsd = (into.markupUsd ?? 0) + row.markupUsd;
}

function add(a: Total | undefined, b: Total): Total {
  return { value: (a?.value ?? 0) + b.value, estimated: (a?.estimated ?? 0) + b.estimated, missing: (a?.missing ?? 0) + b.missing };
}
