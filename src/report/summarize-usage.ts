import type { Usage } from '../usage.js';
import type { UsageEvent } from '../usage-event.js';

/**
 * The figures a report adds up.
 *
 * @example
 * ```ts
 * const [row] = await summarizeUsage(sink.events);
 * for (const figure of REPORT_FIGURES) console.log(figure, row?.totals[figure]?.value ?? '-');
 * ```
 */
export const REPORT_FIGURES = [
  'inputTokens',
  'outputTokens',
  'cachedInputTokens',
  'reasoningTokens',
  'characters',
  'credits',
  'audioSeconds',
] as const satisfies readonly (keyof Usage)[];

/**
 * One figure a report adds up.
 *
 * @example
 * ```ts
 * const figure: ReportFigure = 'outputTokens';
 * const rows = await summarizeUsage(readJsonlLedger('usage.jsonl'), ['model']);
 * for (const row of rows) console.log(row.group[0], row.totals[figure]?.value ?? 0);
 * ```
 */
export type ReportFigure = (typeof REPORT_FIGURES)[number];

/**
 * What a report can group by: an event field, or a tag as `tag:<name>`.
 *
 * @example
 * ```ts
 * const by: ReportGroup[] = ['month', 'tag:customer', 'model'];
 * console.log(formatReport(await summarizeUsage(readJsonlLedger('usage.jsonl'), by), by));
 * ```
 */
export type ReportGroup = 'provider' | 'model' | 'operation' | 'environment' | 'day' | 'month' | `tag:${string}`;

/**
 * A total, and how much of it is not the provider's own word.
 *
 * @example
 * ```ts
 * const [row] = await summarizeUsage(sink.events);
 * const total: ReportTotal | undefined = row?.totals.outputTokens;
 * if (total) console.log(`${total.value} output tokens (${total.estimated} estimated, ${total.missing} missing)`);
 * ```
 */
export interface ReportTotal {
  /** Sum of the known values. */
  readonly value: number;
  /** Events whose value was estimated by aimeter. */
  readonly estimated: number;
  /** Events where the figure applied but was unknown (not included in `value`). */
  readonly missing: number;
}

/**
 * One row of a usage report.
 *
 * @example
 * ```ts
 * const rows: ReportRow[] = await summarizeUsage(sink.events, ['tag:customer']);
 * for (const row of rows) console.log(row.group[0], row.requests, row.errors, row.aborted, row.totals.credits?.value);
 * ```
 */
export interface ReportRow {
  /** The group's values, in the order of the `by` list. */
  readonly group: readonly string[];
  /** Provider requests (usage events). */
  readonly requests: number;
  /** Requests that failed. */
  readonly errors: number;
  /** Requests cancelled by the caller (a `break`, an `AbortSignal`, a barge-in). */
  readonly aborted: number;
  /** Totals of the figures that occurred in the group. */
  readonly totals: Readonly<Partial<Record<ReportFigure, ReportTotal>>>;
  /** Cost in USD of the priced events (`missing`: events whose cost is unknown); absent if none was priced. */
  readonly costUsd?: ReportTotal;
  /** Markup in USD on top of `costUsd`; absent if no event had one. */
  readonly markupUsd?: number;
}

/**
 * Adds usage events up by group, keeping provenance visible: estimated and missing figures are counted, never
 * folded silently into the totals as if reported.
 *
 * @param events - usage events, e.g. from {@link readJsonlLedger} or a memory sink
 * @param by - grouping, outermost first @defaultValue ['provider', 'model']
 *
 * @example
 * ```ts
 * const rows = await summarizeUsage(readJsonlLedger('usage.jsonl'), ['tag:customer', 'model']);
 * ```
 */
export async function summarizeUsage(
  events: Iterable<UsageEvent> | AsyncIterable<UsageEvent>,
  by: readonly ReportGroup[] = ['provider', 'model'],
): Promise<ReportRow[]> {
  const rows = new Map<string, MutableRow>();
  for await (const event of events) {
    const group = by.map((g) => groupValue(event, g));
    const id = JSON.stringify(group);
    let row = rows.get(id);
    if (!row) rows.set(id, (row = { group, requests: 0, errors: 0, aborted: 0, totals: {} }));
    row.requests += event.usage.requests;
    if (event.status === 'error') row.errors += 1;
    if (event.status === 'aborted') row.aborted += 1;
    for (const figure of REPORT_FIGURES) {
      const quantity = event.usage[figure];
      if (!quantity) continue;
      const total = (row.totals[figure] ??= { value: 0, estimated: 0, missing: 0 });
      if (quantity.value === null) total.missing += 1;
      else total.value += quantity.value;
      if (quantity.provenance === 'estimated') total.estimated += 1;
    }
    if (event.cost) addCost(row, event);
  }
  return [...rows.values()].sort((a, b) => a.group.join('\u0000').localeCompare(b.group.join('\u0000')));
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
};

function addCost(row: MutableRow, event: UsageEvent): void {
  const cost = (row.costUsd ??= { value: 0, estimated: 0, missing: 0 });
  if (event.cost?.usd === undefined) cost.missing += 1;
  else cost.value += event.cost.usd;
  if (Object.values(event.usage).some((q: unknown) => (q as { provenance?: string }).provenance === 'estimated')) cost.estimated += 1;
  if (event.cost?.markupUsd !== undefined) row.markupUsd = (row.markupUsd ?? 0) + event.cost.markupUsd;
}

function groupValue(event: UsageEvent, group: ReportGroup): string {
  if (group === 'day') return event.time.slice(0, 10);
  if (group === 'month') return event.time.slice(0, 7);
  if (group.startsWith('tag:')) return event.tags[group.slice(4)] ?? '(none)';
  return event[group as 'provider' | 'model' | 'operation' | 'environment'];
}
