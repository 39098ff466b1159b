import { escapeHtml } from './html-text.js';

/**
 * What a chart figure holds: its id (unique in the page), a heading, the SVG's accessible name and
 * description, the drawing, and the same figures as a table.
 *
 * @example
 * ```ts
 * const figure: ChartFigure = { id: 'cost', heading: 'Cost over time', title: 'Cost by month', desc: '…', width: 760, height: 300, body: '<rect …/>', table: '<table>…</table>', tableLabel: 'Cost by month as a table' };
 * ```
 */
export interface ChartFigure {
  readonly id: string;
  readonly heading: string;
  readonly title: string;
  readonly desc: string;
  readonly width: number;
  readonly height: number;
  /** SVG markup inside the `<svg>`, after its `<title>` and `<desc>` (already escaped). */
  readonly body: string;
  /** An HTML table of the charted figures (already escaped). */
  readonly table: string;
  /** What the table is, for its disclosure. */
  readonly tableLabel: string;
  /** Visible caption under the chart, e.g. its legend (already escaped). @default none */
  readonly caption?: string;
}

/**
 * A chart as a `<section>`: heading, an SVG with `role="img"` named by its `<title>` and `<desc>`, and the
 * data table behind a `<details>` disclosure, so the figures are readable as text too.
 *
 * @example
 * ```ts
 * html += chartSection(figure);
 * ```
 */
export function chartSection(figure: ChartFigure): string {
  const { id, width, height } = figure;
  return [
    `<section aria-labelledby="${id}-h">`,
    `<h2 id="${id}-h">${escapeHtml(figure.heading)}</h2>`,
    `<figure>`,
    `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${id}-title">${escapeHtml(figure.title)}</title><desc id="${id}-desc">${escapeHtml(figure.desc)}</desc>`,
    figure.body,
    `</svg>`,
    ...(figure.caption ? [`<figcaption>${figure.caption}</figcaption>`] : []),
    `</figure>`,
    `<details><summary>${escapeHtml(figure.tableLabel)}</summary>${figure.table}</details>`,
    `</section>`,
  ].join('\n');
}

/**
 * An SVG `<text>` element with escaped content.
 *
 * @example
 * ```ts
 * svgText(10, 20, 'acme', 'end');
 * ```
 */
export function svgText(x: number, y: number, text: string, anchor: 'start' | 'middle' | 'end' = 'start', extra = ''): string {
  return `<text x="${round(x)}" y="${round(y)}" text-anchor="${anchor}"${extra ? ` ${extra}` : ''}>${escapeHtml(text)}</text>`;
}

/**
 * A coordinate to two decimals, to keep the SVG small.
 *
 * @example
 * ```ts
 * round(12.3456); // 12.35
 * ```
 */
export function round(value: number): number {
  return Math.round(value * 100) / 100;
}
