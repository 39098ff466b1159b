import { escapeHtml } from './html-text.js';

/**
 * One table cell: its text, and for a number the exact value (kept in `data-value`, so a reader or a test can
 * take the unrounded figure) and an optional name of the figure (`data-figure`).
 *
 * @example
 * ```ts
 * const cell: TableCell = { text: '12,345', value: 12345, figure: 'inputTokens' };
 * ```
 */
export interface TableCell {
  readonly text: string;
  readonly value?: number;
  readonly figure?: string;
  /** Extra words for assistive technology, e.g. what a `~` mark means. @default none */
  readonly label?: string;
}

/**
 * Options of {@link htmlTable}.
 *
 * @example
 * ```ts
 * const table: HtmlTable = { caption: 'Top customers', head: ['customer', 'cost $'], rows: [[{ text: 'acme' }, { text: '1.00', value: 1 }]] };
 * ```
 */
export interface HtmlTable {
  /** Said above the table, and its accessible name. */
  readonly caption: string;
  /** Column headings. */
  readonly head: readonly string[];
  /** How many leading columns name the row (`<th scope="row">`, left-aligned). @default 1 */
  readonly rowHeaders?: number;
  readonly rows: readonly (readonly TableCell[])[];
  /** Rows of a `<tfoot>`, e.g. the total. @default none */
  readonly foot?: readonly (readonly TableCell[])[];
  /** `class` of the `<table>`. @default none */
  readonly className?: string;
}

/**
 * An accessible HTML table: a caption, column headers with `scope="col"`, row headers with `scope="row"`,
 * numbers right-aligned with their exact value in `data-value`.
 *
 * @example
 * ```ts
 * html += htmlTable({ caption: 'Cost by provider', head: ['provider', 'cost $'], rows });
 * ```
 */
export function htmlTable(table: HtmlTable): string {
  const rowHeaders = table.rowHeaders ?? 1;
  const line = (cells: readonly TableCell[]): string => `<tr>${cells.map((c, i) => cell(c, i < rowHeaders)).join('')}</tr>`;
  return [
    `<table${table.className ? ` class="${table.className}"` : ''}>`,
    `<caption>${escapeHtml(table.caption)}</caption>`,
    `<thead><tr>${table.head.map((h, i) => `<th scope="col"${i < rowHeaders ? '' : ' class="num"'}>${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
    `<tbody>${table.rows.map(line).join('\n')}</tbody>`,
    ...(table.foot?.length ? [`<tfoot>${table.foot.map(line).join('\n')}</tfoot>`] : []),
    `</table>`,
  ].join('\n');
}

function cell(c: TableCell, header: boolean): string {
  const data = `${c.figure ? ` data-figure="${escapeHtml(c.figure)}"` : ''}${c.value === undefined ? '' : ` data-value="${c.value}"`}`;
  const text = c.label ? `${escapeHtml(c.text)}<span class="sr"> (${escapeHtml(c.label)})</span>` : escapeHtml(c.text);
  if (header) return `<th scope="row"${data}>${text}</th>`;
  return `<td${c.value === undefined && !c.figure ? '' : ' class="num"'}${data}>${text}</td>`;
}
