import { costWithMarkup, type ReportRow } from '../report-row.js';
import { htmlTable, type TableCell } from './html-table.js';
import { amount, percent, usdExact, usdShort } from './html-text.js';
import type { D3 } from './load-d3.js';
import { BARS_WIDTH, barsHeight, horizontalBars, type Bar } from './horizontal-bars.js';
import { chartSection } from './svg-figure.js';

/** How many customers get a bar of their own; the rest share one. */
const TOP = 10;
/** How many customers get a row of their own in the table (the page stays small with any number of customers). */
const TABLE_TOP = 100;

/**
 * The "top customers" section: the customers billed most (cost plus markup; requests when nothing was priced),
 * each with its share of the total, as bars with direct labels and as a table of every customer.
 *
 * @param d3 - from {@link loadD3}
 * @param rows - one row per customer tag, from {@link reportHtmlViews}
 *
 * @example
 * ```ts
 * html += topCustomersSection(await loadD3(), views.result().customers);
 * ```
 */
export function topCustomersSection(d3: D3, rows: readonly ReportRow[]): string {
  if (rows.length === 0) return `<section aria-labelledby="customers-h"><h2 id="customers-h">Top customers</h2><p>No events in the report.</p></section>`;
  const priced = rows.some((r) => r.costUsd);
  const measure = (row: ReportRow): number => (priced ? (costWithMarkup(row) ?? 0) : row.requests);
  const show = (value: number): string => (priced ? usdShort(value) : `${amount(value)} requests`);
  const ranked = [...rows].sort((a, b) => measure(b) - measure(a) || a.group[0]!.localeCompare(b.group[0]!, 'en'));
  const total = ranked.reduce((sum, r) => sum + measure(r), 0);
  const name = (row: ReportRow): string => (row.group[0] === '(none)' ? '(no customer tag)' : row.group[0]!);
  const bars: Bar[] = ranked.slice(0, TOP).map((row) => ({ label: name(row), value: measure(row), series: 0, note: `${show(measure(row))} (${percent(measure(row) / total || 0)})` }));
  const rest = ranked.slice(TOP);
  if (rest.length > 0) {
    const value = rest.reduce((sum, r) => sum + measure(r), 0);
    bars.push({ label: `${rest.length} other customers`, value, series: 1, note: `${show(value)} (${percent(value / total || 0)})` });
  }
  const what = priced ? 'billed cost (cost plus markup, USD)' : 'requests (no event was priced)';
  return chartSection({
    id: 'customers',
    heading: 'Top customers',
    title: `Customers by ${what}, with their share of the total`,
    desc: `${rows.length} customers, ${show(total)} in all. ${bars.map((b) => `${b.label}: ${b.note}`).join('; ')}.`,
    width: BARS_WIDTH,
    height: barsHeight(bars.length),
    body: horizontalBars(d3, 'customers', bars, rest.length > 0 ? 2 : 1),
    table: customerTable(ranked, name, measure, total, priced),
    tableLabel: rows.length > TABLE_TOP ? `The top ${TABLE_TOP} of ${rows.length} customers as a table` : `All ${rows.length} customers as a table`,
  });
}

function customerTable(ranked: readonly ReportRow[], name: (row: ReportRow) => string, measure: (row: ReportRow) => number, total: number, priced: boolean): string {
  const money = (value: number | undefined): TableCell => (value === undefined ? { text: '' } : { text: usdExact(value), value });
  const line = (label: string, requests: number, cost: number | undefined, billed: number | undefined, value: number): TableCell[] => [
    { text: label },
    { text: amount(requests), value: requests },
    ...(priced ? [money(cost), money(billed)] : []),
    { text: percent(value / total || 0), value: value / total || 0 },
  ];
  const rows = ranked.slice(0, TABLE_TOP).map((row) => line(name(row), row.requests, row.costUsd?.value, costWithMarkup(row), measure(row)));
  const rest = ranked.slice(TABLE_TOP);
  const add = (pick: (row: ReportRow) => number | undefined): number => rest.reduce((sum, row) => sum + (pick(row) ?? 0), 0);
  if (rest.length > 0) rows.push(line(`${rest.length} other customers`, add((r) => r.requests), add((r) => r.costUsd?.value), add(costWithMarkup), add(measure)));
  return htmlTable({ caption: `Customers by ${priced ? 'billed cost' : 'requests'}`, head: ['customer', 'requests', ...(priced ? ['cost $', 'billed $'] : []), 'share'], rows });
}
