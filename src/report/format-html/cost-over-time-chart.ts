import type { ReportRow } from '../report-row.js';
import { htmlTable, type TableCell } from './html-table.js';
import { escapeHtml, percent, usdExact, usdShort } from './html-text.js';
import type { D3 } from './load-d3.js';
import { seriesDefs, seriesFill, seriesLegend, seriesLook } from './chart-series.js';
import { chartSection, round, svgText, type ChartFigure } from './svg-figure.js';

const WIDTH = 760;
const HEIGHT = 300;
const MARGIN = { top: 24, right: 16, bottom: 40, left: 76 };
/** Up to this many days in the window, one bar a day; beyond, one a month. */
const MAX_DAYS = 62;
const DAY_MS = 86_400_000;

/** One bar: its position, and the cost of each provider (in the providers' order). */
type Bucket = { readonly index: number; readonly costs: number[] };

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/**
 * The "cost over time" section: cost (before markup) per day or per month, stacked by provider, as an SVG bar
 * chart with a legend that names each provider's pattern, and the same figures as a table.
 *
 * @param d3 - from {@link loadD3}
 * @param rows - one row per day and provider (`[day, provider]`), from {@link reportHtmlViews}
 * @param providers - every provider of the report, in {@link seriesOrder}: each keeps its pattern in every chart
 *
 * @example
 * ```ts
 * html += costOverTimeSection(await loadD3(), data.costByDay, seriesOrder(data.models.map((r) => r.group[0]!)));
 * ```
 */
export function costOverTimeSection(d3: D3, rows: readonly ReportRow[], providers: readonly string[]): string {
  const priced = rows.filter((r) => r.costUsd);
  if (priced.length === 0) return emptySection('No event in the report has a cost.');
  const labels = bucketLabels(priced.map((r) => r.group[0]!));
  const unit = labels[0]!.length === 10 ? 'day' : 'month';
  const buckets: Bucket[] = labels.map((_, index) => ({ index, costs: providers.map(() => 0) }));
  const at = new Map(labels.map((label, i) => [label, i]));
  for (const row of priced) buckets[at.get(row.group[0]!.slice(0, unit === 'day' ? 10 : 7))!]!.costs[providers.indexOf(row.group[1]!)]! += row.costUsd!.value;
  const totals = providers.map((_, i) => sum(buckets.map((b) => b.costs[i]!)));
  const grand = sum(totals);
  const figure: ChartFigure = {
    id: 'cost',
    heading: `Cost over time, by ${unit} and provider`,
    title: `Cost in USD (before markup) per ${unit}, stacked by provider`,
    desc: `${usdShort(grand)} from ${labels[0]} to ${labels.at(-1)} (${labels.length} ${unit}s): ${providers.map((p, i) => `${p} ${usdShort(totals[i]!)} (${percent(totals[i]! / grand || 0)}, ${seriesLook(i)})`).join('; ')}.`,
    width: WIDTH,
    height: HEIGHT,
    body: drawing(d3, labels, buckets, providers),
    table: dataTable(unit, labels, buckets, providers, totals),
    tableLabel: `Cost by ${unit} and provider as a table`,
    caption: legend(providers, totals, grand),
  };
  return chartSection(figure);
}

function drawing(d3: D3, labels: readonly string[], buckets: readonly Bucket[], providers: readonly string[]): string {
  const series = d3
    .stack<Bucket>()
    .keys(providers.map((_, i) => i))
    .value((bucket, i) => bucket.costs[i]!)(buckets);
  const top = Math.max(...buckets.map((b) => sum(b.costs)));
  const x = d3.scaleBand().domain(labels).range([MARGIN.left, WIDTH - MARGIN.right]).padding(0.2);
  const y = d3.scaleLinear().domain([0, top || 1]).range([HEIGHT - MARGIN.bottom, MARGIN.top]).nice();
  const grid = y.ticks(5).map((t) => `<line class="grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${round(y(t))}" y2="${round(y(t))}"/>${svgText(MARGIN.left - 6, y(t) + 4, usdShort(t), 'end')}`);
  const bars = series.map((s, i) =>
    s
      .filter((point) => point[1] > point[0])
      .map((point) => {
        const label = labels[point.data.index]!;
        const height = Math.max(0.5, y(point[0]) - y(point[1]));
        return `<rect x="${round(x(label)!)}" y="${round(y(point[1]))}" width="${round(x.bandwidth())}" height="${round(height)}" fill="${seriesFill('cost', i)}" class="seg"><title>${escapeHtml(`${providers[i]} ${label}: ${usdShort(point[1] - point[0])}`)}</title></rect>`;
      })
      .join(''),
  );
  const every = Math.ceil(labels.length / 12);
  const ticks = labels.map((label, i) => (i % every === 0 ? svgText(x(label)! + x.bandwidth() / 2, HEIGHT - MARGIN.bottom + 16, label.length === 10 ? label.slice(5) : label, 'middle') : ''));
  // Direct labels: each bar's total above it, when the bars are wide enough to carry one.
  const sums = labels.length > 16 ? [] : buckets.map((b, i) => svgText(x(labels[i]!)! + x.bandwidth() / 2, y(sum(b.costs)) - 5, usdShort(sum(b.costs)), 'middle', 'class="direct"'));
  return [
    seriesDefs('cost', providers.length),
    `<g class="axis">${grid.join('')}</g>`,
    `<g>${bars.join('')}</g>`,
    `<line class="baseline" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${HEIGHT - MARGIN.bottom}" y2="${HEIGHT - MARGIN.bottom}"/>`,
    `<g class="axis">${ticks.join('')}${sums.join('')}</g>`,
  ].join('\n');
}

/** Every day (or month) from the first to the last with a cost, so gaps show as gaps. */
function bucketLabels(days: readonly string[]): string[] {
  const sorted = [...new Set(days)].sort();
  const first = Date.parse(`${sorted[0]}T00:00:00Z`);
  const last = Date.parse(`${sorted.at(-1)}T00:00:00Z`);
  if ((last - first) / DAY_MS + 1 <= MAX_DAYS) {
    return Array.from({ length: (last - first) / DAY_MS + 1 }, (_, i) => new Date(first + i * DAY_MS).toISOString().slice(0, 10));
  }
  const labels: string[] = [];
  const end = sorted.at(-1)!.slice(0, 7);
  for (let d = new Date(first); ; d.setUTCMonth(d.getUTCMonth() + 1, 1)) {
    const month = d.toISOString().slice(0, 7);
    labels.push(month);
    if (month >= end) return labels;
  }
}

function legend(providers: readonly string[], totals: readonly number[], grand: number): string {
  return seriesLegend('cost-key', providers.map((p, i) => `${escapeHtml(p)}: ${usdShort(totals[i]!)} (${percent(totals[i]! / grand || 0)})`));
}

function dataTable(unit: string, labels: readonly string[], buckets: readonly Bucket[], providers: readonly string[], totals: readonly number[]): string {
  const money = (value: number): TableCell => ({ text: usdExact(value), value });
  const rows = buckets.map((b, i) => [{ text: labels[i]! }, ...b.costs.map(money), money(sum(b.costs))]);
  const foot = [[{ text: 'total' }, ...totals.map(money), money(sum(totals))]];
  return htmlTable({ caption: `Cost in USD (before markup) by ${unit} and provider`, head: [unit, ...providers.map((p) => `${p} $`), 'total $'], rows, foot });
}

function emptySection(message: string): string {
  return `<section aria-labelledby="cost-h"><h2 id="cost-h">Cost over time</h2><p>${escapeHtml(message)}</p></section>`;
}
