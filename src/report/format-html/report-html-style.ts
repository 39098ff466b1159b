/**
 * The HTML report's style sheet, inlined in the page: system fonts, dark text on white (contrast above 12:1),
 * muted text still above 7:1, numbers in tabular figures, focus outlines kept, and print-friendly.
 *
 * @example
 * ```ts
 * const head = `<style>${REPORT_HTML_STYLE}</style>`;
 * ```
 */
export const REPORT_HTML_STYLE = `
:root { color-scheme: light; --text: #1a1a1a; --muted: #4a4a4a; --rule: #767676; --faint: #e3e3e3; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 64rem; padding: 1.5rem; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--text); background: #fff; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--rule); padding-bottom: .25rem; }
header dl, .headline { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .5rem 0; }
dt { color: var(--muted); }
dd { margin: 0; }
.headline { grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .75rem; }
.headline div { border: 1px solid var(--rule); border-radius: 4px; padding: .5rem .75rem; }
.headline dd { font-size: 1.3rem; font-weight: 600; font-variant-numeric: tabular-nums; }
figure { margin: 0; }
svg { max-width: 100%; height: auto; }
svg text { font: 12px system-ui, sans-serif; fill: var(--text); }
svg text.big { font-size: 28px; font-weight: 700; }
svg text.direct { font-weight: 600; }
svg .grid { stroke: var(--faint); }
svg .baseline { stroke: var(--text); }
svg .seg { stroke: #fff; stroke-width: .75; }
svg .track { fill: #f2f2f2; stroke: var(--rule); }
.legend { list-style: none; padding: 0; margin: .25rem 0; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
.legend svg { vertical-align: -2px; border: 1px solid var(--text); }
.look { color: var(--muted); }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; margin: .5rem 0; }
caption { text-align: left; color: var(--muted); padding: .25rem 0; }
th, td { padding: .2rem .6rem; border-bottom: 1px solid var(--faint); text-align: left; white-space: nowrap; }
thead th { border-bottom: 2px solid var(--rule); }
tfoot th, tfoot td { border-top: 2px solid var(--rule); font-weight: 700; }
.num { text-align: right; }
.scroll { overflow-x: auto; position: relative; }
.scroll:focus, summary:focus { outline: 2px solid #1f5fa8; outline-offset: 2px; }
details { margin: .25rem 0 1rem; }
summary { cursor: pointer; color: #1f5fa8; }
.marks { color: var(--muted); font-size: .9rem; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
footer { margin-top: 2rem; color: var(--muted); font-size: .9rem; }
@media print { h2 { break-after: avoid; } section { break-inside: avoid; } }
`;
