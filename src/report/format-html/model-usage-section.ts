import { REPORT_FIGURES, type ReportRow } from '../report-row.js';
import { FIGURE_NAMES } from './figure-names.js';
import { htmlTable, type TableCell } from './html-table.js';
import { amount, escapeHtml, usdExact, usdShort } from './html-text.js';
import type { D3 } from './load-d3.js';
import { seriesLegend } from './chart-series.js';
import { BARS_WIDTH, barsHeight, horizontalBars, type Bar } from './horizontal-bars.js';
import { chartSection } from './svg-figure.js';

/**
 * The "usage by model" section: each provider's models by cost (before markup; requests when nothing was
 * priced), the bars in their provider's pattern, and a table of every figure per model.
 *
 * @param d3 - from {@link loadD3}
 * @param rows - one row per provider and model (`[provider, model]`), from {@link reportHtmlViews}
 * @param providers - every provider of the report, in {@link seriesOrder}: each keeps its pattern in every chart
 *
 * @example
 * ```ts
 * html += modelUsageSection(await loadD3(), data.models, seriesOrder(data.models.map((r) => r.group[0]!)));
 * ```
 */
export function modelUsageSection(d3: D3, rows: readonly ReportRow[], providers: readonly string[]): string {
  if (rows.length === 0) return `<section aria-labelledby="models-h"><h2 id="models-h">Usage by model</h2><p>No events in the report.</p></section>`;
  const priced = rows.some((r) => r.costUsd);
  const measure = (row: ReportRow): number => (priced ? (row.costUsd?.value ?? 0) : row.requests);
  const ranked = [...rows].sort((a, b) => measure(b) - measure(a) || a.group.join('/').localeCompare(b.group.join('/'), 'en'));
  const bars: Bar[] = ranked.map((row) => ({
    label: row.group[1]!,
    value: measure(row),
    series: providers.indexOf(row.group[0]!),
    note: `${priced ? `${usdShort(measure(row))}, ` : ''}${amount(row.requests)} requests`,
  }));
  return chartSection({
    id: 'models',
    heading: 'Usage by model',
    title: `Models by ${priced ? 'cost in USD (before markup)' : 'requests'}, each bar in its provider's pattern`,
    desc: ranked.map((row, i) => `${row.group[1]} (${row.group[0]}): ${bars[i]!.note}`).join('; '),
    width: BARS_WIDTH,
    height: barsHeight(bars.length),
    body: horizontalBars(d3, 'models', bars, providers.length),
    table: modelTable(ranked, priced),
    tableLabel: 'Every figure by model as a table',
    caption: seriesLegend('models-key', providers.map(escapeHtml)),
  });
}

function modelTable(ranked: readonly ReportRow[], priced: boolean): string {
  const figures = REPORT_FIGURES.filter((f) => ranked.some((r) => r.totals[f]));
  const rows = ranked.map((row): TableCell[] => [
    { text: row.group[0]! },
    { text: row.group[1]! },
    { text: amount(row.requests), value: row.requests },
    ...figures.map((f): TableCell => {
      const total = row.totals[f];
      return total ? { text: amount(total.value), value: total.value } : { text: '' };
    }),
    ...(priced ? [row.costUsd ? { text: usdExact(row.costUsd.value), value: row.costUsd.value } : { text: '' }] : []),
  ]);
  return htmlTable({ caption: 'Usage by provider and model', head: ['provider', 'model', 'requests', ...figures.map((f) => FIGURE_NAMES[f]), ...(priced ? ['cost $'] : [])], rowHeaders: 2, rows });
}
