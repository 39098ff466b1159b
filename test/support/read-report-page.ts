// What the HTML report test reads off the page, run inside the browser. Plain JavaScript in a string: the
// project's TypeScript has no DOM library (nothing in src/ may use one), and tsx's output would call helpers
// the page does not have.

/** A number cell of the page: its `data-figure`, its text as rendered, its `data-value`. */
export interface ShownFigure {
  readonly figure: string;
  readonly text: string;
  readonly value: string | null;
}

/** What {@link READ_REPORT_PAGE} returns. */
export interface ReportPage {
  /** The table footer's cells (the total row). */
  readonly footer: readonly ShownFigure[];
  /** The headline cards above the charts. */
  readonly headline: readonly ShownFigure[];
  /** The ElevenLabs gauge's data table. */
  readonly gauge: readonly ShownFigure[];
  /** How many pixels the page is wider than the window (0 or less: it fits). */
  readonly overflow: number;
  /** For each `svg[role=img]`, the texts its `aria-labelledby` points at (its `<title>` and `<desc>`). */
  readonly labels: readonly (readonly string[])[];
  /** Each element with text of its own that is rendered: [its text, its colour (SVG: fill), the colour behind it]. */
  readonly colours: readonly (readonly [string, string, string])[];
}

/** An expression for `page.evaluate`, giving a {@link ReportPage}. */
export const READ_REPORT_PAGE = `(() => {
  const shown = (selector) => [...document.querySelectorAll(selector)].map((e) => ({ figure: e.dataset.figure ?? '', text: e.innerText, value: e.dataset.value ?? null }));
  const background = (e) => {
    for (let at = e; at; at = at.parentElement) {
      const colour = getComputedStyle(at).backgroundColor;
      if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') return colour;
    }
    return 'rgb(255, 255, 255)';
  };
  const texts = [...document.querySelectorAll('body *')].filter(
    (e) => [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== '') && e.getClientRects().length > 0 && !e.closest('svg title, svg desc, .sr'),
  );
  return {
    footer: shown('table.report tfoot [data-figure]'),
    headline: shown('.headline [data-figure]'),
    gauge: shown('#gauge-h ~ details td[data-value]'),
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    labels: [...document.querySelectorAll('svg[role="img"]')].map((svg) => (svg.getAttribute('aria-labelledby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '')),
    colours: texts.map((e) => {
      const style = getComputedStyle(e);
      const svg = e instanceof SVGElement;
      return [e.textContent.trim().slice(0, 40), svg ? style.fill : style.color, background(svg ? e.closest('svg') : e)];
    }),
  };
})()`;
