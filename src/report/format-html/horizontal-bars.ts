import type { D3 } from './load-d3.js';
import { seriesDefs, seriesFill } from './chart-series.js';
import { round, svgText } from './svg-figure.js';

/**
 * One bar of {@link horizontalBars}: what it is, its length, its series (colour and pattern) and the text
 * written right after it.
 *
 * @example
 * ```ts
 * const bar: Bar = { label: 'acme', value: 12.5, series: 0, note: '$12.50 (31.0 %)' };
 * ```
 */
export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly series: number;
  readonly note: string;
}

/** Width of every horizontal bar chart. */
export const BARS_WIDTH = 760;
const ROW = 26;
const LABELS = 200;
const NOTES = 190;

/**
 * The height of a bar chart of `count` bars.
 *
 * @example
 * ```ts
 * const height = barsHeight(bars.length);
 * ```
 */
export function barsHeight(count: number): number {
  return count * ROW + 12;
}

/**
 * Horizontal bars, one row each: the label on the left, the bar scaled to the largest value, and its note
 * (a direct label, so no legend or colour is needed to read the value).
 *
 * @param d3 - from {@link loadD3}
 * @param id - prefix of the chart's patterns, unique in the page
 * @param bars - top to bottom
 * @param seriesCount - how many series the bars use
 *
 * @example
 * ```ts
 * const body = horizontalBars(await loadD3(), 'customers', bars, 1);
 * ```
 */
export function horizontalBars(d3: D3, id: string, bars: readonly Bar[], seriesCount: number): string {
  const max = Math.max(0, ...bars.map((b) => b.value));
  const x = d3.scaleLinear().domain([0, max || 1]).range([LABELS, BARS_WIDTH - NOTES]);
  const rows = bars.map((bar, i) => {
    const top = 6 + i * ROW;
    const width = Math.max(bar.value > 0 ? 1 : 0, x(bar.value) - LABELS);
    return [
      svgText(LABELS - 8, top + 17, bar.label.length > 28 ? `${bar.label.slice(0, 27)}…` : bar.label, 'end'),
      `<rect x="${LABELS}" y="${top + 3}" width="${round(width)}" height="${ROW - 8}" fill="${seriesFill(id, bar.series)}" class="seg"/>`,
      svgText(LABELS + width + 6, top + 17, bar.note, 'start', 'class="direct"'),
    ].join('');
  });
  return `${seriesDefs(id, seriesCount)}\n<line class="baseline" x1="${LABELS}" x2="${LABELS}" y1="4" y2="${barsHeight(bars.length) - 4}"/>\n${rows.join('\n')}`;
}
