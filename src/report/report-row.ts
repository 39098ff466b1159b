import type { Usage } from '../usage.js';

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
  'toolUsePromptTokens',
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
 * const rows: ReportRow[] = await summarizeUsage(sink.events, ['customer']);
 * for (const row of rows) console.log(row.group[0], row.requests, row.errors, row.aborted, row.totals.credits?.value);
 * ```
 */
export interface ReportRow {
  /** The group's values, in the order of the `by` list (empty for a grand total). */
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
  /** Events with at least one estimated figure. */
  readonly estimatedEvents: number;
  /** Events with at least one missing figure or an unknown cost. */
  readonly missingEvents: number;
}

/**
 * What the row's customers are billed: cost plus markup, in USD; `undefined` when nothing was priced.
 *
 * @example
 * ```ts
 * const [total] = await summarizeUsage(sink.events, []);
 * console.log(costWithMarkup(total!)?.toFixed(2));
 * ```
 */
export function costWithMarkup(row: ReportRow): number | undefined {
  return row.costUsd === undefined ? undefined : row.costUsd.value + (row.markupUsd ?? 0);
}
