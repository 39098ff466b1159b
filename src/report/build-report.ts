import type { UsageEvent } from '../usage-event.js';
import type { ElevenLabsCycleTally, ElevenLabsCycleUsage } from './elevenlabs-cycle.js';
import type { ReportGroup } from './report-group.js';
import type { ReportRow } from './report-row.js';
import { usageTally, type UsageTally } from './usage-tally.js';

/**
 * A usage report: the rows by group, their total, and optionally the ElevenLabs quota of a billing cycle.
 * Rendered by {@link formatReportTable}, {@link formatReportJson} and {@link formatReportCsv}.
 *
 * @example
 * ```ts
 * const report: UsageReport = await buildReport(ledger.readEvents(), { by: ['customer'] });
 * console.log(report.total.requests, report.rows.length);
 * ```
 */
export interface UsageReport {
  /** The grouping, outermost first. */
  readonly by: readonly ReportGroup[];
  /** Start of the reported window (inclusive), ISO 8601. */
  readonly since?: string;
  /** End of the reported window (exclusive), ISO 8601. */
  readonly until?: string;
  /** The filters the events were selected with, e.g. `{ provider: ['openai'] }`, for the record. */
  readonly filters: Readonly<Record<string, readonly string[]>>;
  /** One row per group, sorted by the group values. */
  readonly rows: readonly ReportRow[];
  /** Every row added up. */
  readonly total: ReportRow;
  /** ElevenLabs usage against the quota in one billing cycle, when asked for. */
  readonly elevenlabs?: ElevenLabsCycleUsage;
}

/**
 * Options of {@link buildReport}.
 *
 * @example
 * ```ts
 * const options: BuildReportOptions = { by: ['month'], since: new Date('2026-09-01'), filters: { provider: ['openai'] } };
 * ```
 */
export interface BuildReportOptions {
  /** The grouping, outermost first; `[]` for a total only. */
  readonly by: readonly ReportGroup[];
  /** Events before this instant count only towards the ElevenLabs cycle. @default no lower bound */
  readonly since?: Date;
  /** Events at or after this instant are left out. @default no upper bound */
  readonly until?: Date;
  /** Recorded in the report. @default {} */
  readonly filters?: Readonly<Record<string, readonly string[]>>;
  /** The billing cycle to measure; read events from `cycle.start` for it to be complete. */
  readonly cycle?: ElevenLabsCycleTally;
  /**
   * More tallies fed every event of the window in the same pass, e.g. the other groupings the HTML report
   * charts ({@link reportHtmlViews}). @default none
   */
  readonly tallies?: readonly Pick<UsageTally, 'add'>[];
}

/**
 * Builds a {@link UsageReport} in one streaming pass: memory grows with the number of groups, never with the
 * number of events.
 *
 * @param events - the selected events, e.g. `ledger.readEvents(query)`
 * @param options - grouping, window, filters for the record, ElevenLabs cycle
 *
 * @example
 * ```ts
 * const report = await buildReport(readJsonlLedger('usage.jsonl'), { by: ['customer', 'month'] });
 * process.stdout.write(formatReportCsv(report));
 * ```
 */
export async function buildReport(events: AsyncIterable<UsageEvent> | Iterable<UsageEvent>, options: BuildReportOptions): Promise<UsageReport> {
  const tally = usageTally(options.by);
  const since = options.since?.getTime();
  const until = options.until?.getTime();
  const windowed = since !== undefined || until !== undefined;
  for await (const event of events) {
    options.cycle?.add(event);
    if (windowed) {
      const time = Date.parse(event.time);
      if ((since !== undefined && !(time >= since)) || (until !== undefined && !(time < until))) continue;
    }
    tally.add(event);
    if (options.tallies) for (const more of options.tallies) more.add(event);
  }
  return {
    by: options.by,
    ...(options.since ? { since: options.since.toISOString() } : {}),
    ...(options.until ? { until: options.until.toISOString() } : {}),
    filters: options.filters ?? {},
    rows: tally.rows(),
    total: tally.total(),
    ...(options.cycle ? { elevenlabs: options.cycle.result() } : {}),
  };
}
