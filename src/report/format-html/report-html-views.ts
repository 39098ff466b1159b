import type { UsageEvent } from '../../usage-event.js';
import type { ReportRow } from '../report-row.js';
import { usageTally, type UsageTally } from '../usage-tally.js';

/**
 * What the HTML report charts besides the report's own grouping, added up in the same pass as the report.
 *
 * @example
 * ```ts
 * const { costByDay, customers, models, priceData }: ReportHtmlData = views.result();
 * ```
 */
export interface ReportHtmlData {
  /** One row per UTC day and provider (`group`: `[day, provider]`), sorted by day. */
  readonly costByDay: readonly ReportRow[];
  /** One row per customer tag (`(none)` for events without one). */
  readonly customers: readonly ReportRow[];
  /** One row per provider and model (`group`: `[provider, model]`). */
  readonly models: readonly ReportRow[];
  /** The price data the costs were computed with: source, version, and how many events used it. */
  readonly priceData: readonly { readonly source: string; readonly version: string; readonly events: number }[];
}

/**
 * The extra tallies of an HTML report, to hand to {@link buildReport} as `tallies`, and their result.
 *
 * @example
 * ```ts
 * const views: ReportHtmlViews = reportHtmlViews();
 * const report = await buildReport(events, { by: ['customer'], tallies: views.tallies });
 * ```
 */
export interface ReportHtmlViews {
  /** Fed every event of the report's window by {@link buildReport}. */
  readonly tallies: readonly Pick<UsageTally, 'add'>[];
  /** The figures so far. */
  result(): ReportHtmlData;
}

/**
 * Tallies for the HTML report's charts: cost by day and provider, customers, models, price data versions.
 * Memory grows with the number of days, customers and models, never with the number of events.
 *
 * @example
 * ```ts
 * const views = reportHtmlViews();
 * const report = await buildReport(ledger.readEvents(), { by: ['provider', 'model'], tallies: views.tallies });
 * await writeFile('report.html', await formatReportHtml(report, views.result()));
 * ```
 */
export function reportHtmlViews(): ReportHtmlViews {
  const costByDay = usageTally(['day', 'provider']);
  const customers = usageTally(['customer']);
  const models = usageTally(['provider', 'model']);
  const prices = new Map<string, { source: string; version: string; events: number }>();
  const priceData = {
    add(event: UsageEvent): void {
      const snapshot = event.cost?.snapshot;
      if (!snapshot) return;
      const id = `${snapshot.source}\u0000${snapshot.version}`;
      const entry = prices.get(id);
      if (entry) entry.events += 1;
      else prices.set(id, { source: snapshot.source, version: snapshot.version, events: 1 });
    },
  };
  return {
    tallies: [costByDay, customers, models, priceData],
    result: () => ({
      costByDay: costByDay.rows(),
      customers: customers.rows(),
      models: models.rows(),
      priceData: [...prices.values()].sort((a, b) => b.events - a.events || a.source.localeCompare(b.source, 'en') || a.version.localeCompare(b.version, 'en')),
    }),
  };
}
