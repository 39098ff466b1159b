/**
 * Fill colours of the chart series, each with at least 3:1 contrast against the white page (WCAG 1.4.11 for
 * graphics) and white text or hatching on it; a series is also told apart by its pattern, so the charts read
 * the same without colour or in greyscale.
 *
 * @example
 * ```ts
 * const colour = SERIES_COLOURS[index % SERIES_COLOURS.length];
 * ```
 */
export const SERIES_COLOURS = ['#1f5fa8', '#b34d00', '#2a7a3b', '#7b3f9e', '#a3243b', '#55606b'] as const;

/** Each pattern draws white marks over the series colour; the first is solid. */
const PATTERNS = [
  { name: 'solid', marks: '' },
  { name: 'diagonal stripes', marks: '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#fff" stroke-width="1.6"/>' },
  { name: 'dots', marks: '<circle cx="4" cy="4" r="1.6" fill="#fff"/>' },
  { name: 'cross-hatch', marks: '<path d="M0,4 h8 M4,0 v8" stroke="#fff" stroke-width="1.4"/>' },
  { name: 'horizontal stripes', marks: '<path d="M0,2 h8 M0,6 h8" stroke="#fff" stroke-width="1.4"/>' },
  { name: 'vertical stripes', marks: '<path d="M2,0 v8 M6,0 v8" stroke="#fff" stroke-width="1.4"/>' },
] as const;

/**
 * The providers in a fixed order, so each keeps its colour and pattern from one report to the next; any other
 * provider name follows in alphabetical order.
 *
 * @example
 * ```ts
 * seriesOrder(['gemini', 'acme-llm', 'openai']); // ['openai', 'gemini', 'acme-llm']
 * ```
 */
export function seriesOrder(providers: Iterable<string>): string[] {
  const known = ['openai', 'gemini', 'elevenlabs'];
  const names = [...new Set(providers)];
  const rank = (name: string): number => (known.includes(name) ? known.indexOf(name) : known.length);
  return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, 'en'));
}

/**
 * The `<defs>` of one chart: a pattern per series, with ids `${prefix}-0`, `${prefix}-1`, …
 *
 * @param prefix - unique in the page, e.g. the chart's id
 * @param count - how many series
 *
 * @example
 * ```ts
 * const svg = `<svg>${seriesDefs('cost', 3)}<rect fill="${seriesFill('cost', 1)}" …/></svg>`;
 * ```
 */
export function seriesDefs(prefix: string, count: number): string {
  const patterns = Array.from({ length: count }, (_, i) => {
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length]!;
    const { marks } = PATTERNS[i % PATTERNS.length]!;
    return `<pattern id="${prefix}-${i}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="${colour}"/>${marks}</pattern>`;
  });
  return `<defs>${patterns.join('')}</defs>`;
}

/**
 * The `fill` of series `index` in a chart whose defs came from {@link seriesDefs}.
 *
 * @example
 * ```ts
 * seriesFill('cost', 2); // 'url(#cost-2)'
 * ```
 */
export function seriesFill(prefix: string, index: number): string {
  return `url(#${prefix}-${index})`;
}

/**
 * How series `index` looks, in words, for the legend and the chart's description (`solid blue`, `dots`).
 *
 * @example
 * ```ts
 * seriesLook(1); // 'diagonal stripes'
 * ```
 */
export function seriesLook(index: number): string {
  return PATTERNS[index % PATTERNS.length]!.name;
}

/**
 * A legend as an HTML list: for each series a swatch in its colour and pattern, then its text (escaped HTML
 * given by the caller), then its pattern in words.
 *
 * @param prefix - unique in the page
 * @param items - one entry per series, in series order (already escaped)
 *
 * @example
 * ```ts
 * const caption = seriesLegend('cost-key', ['openai: $12.00', 'gemini: $3.00']);
 * ```
 */
export function seriesLegend(prefix: string, items: readonly string[]): string {
  const swatch = (i: number): string =>
    `<svg width="18" height="14" aria-hidden="true">${seriesDefs(`${prefix}-${i}`, i + 1)}<rect width="18" height="14" fill="${seriesFill(`${prefix}-${i}`, i)}"/></svg>`;
  return `<ul class="legend">${items.map((text, i) => `<li>${swatch(i)} ${text} <span class="look">(${seriesLook(i)})</span></li>`).join('')}</ul>`;
}
