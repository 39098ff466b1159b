import { lazy } from '../../time/lazy.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text made safe for HTML and SVG, in element content and in quoted attributes: a customer tag or a model name
 * from the ledger is shown, never interpreted.
 *
 * @example
 * ```ts
 * escapeHtml('<b>"acme"</b>'); // '&lt;b&gt;&quot;acme&quot;&lt;/b&gt;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const INTEGER = lazy(() => new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }));
const DECIMAL = lazy(() => new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
const SIGNIFICANT = lazy(() => new Intl.NumberFormat('en-US', { maximumSignificantDigits: 2 }));
const SIX = lazy(() => new Intl.NumberFormat('en-US', { minimumFractionDigits: 6, maximumFractionDigits: 6 }));

/**
 * A count, grouped by thousands (`12,345`); a fractional amount keeps two decimals (`1,234.50`).
 *
 * @example
 * ```ts
 * amount(12345); // '12,345'
 * ```
 */
export function amount(value: number): string {
  return (Number.isInteger(value) ? INTEGER : DECIMAL)().format(value);
}

/**
 * US dollars to the micro-dollar, as the text table prints them (`1,234.567890`).
 *
 * @example
 * ```ts
 * usdExact(0.0125); // '0.012500'
 * ```
 */
export function usdExact(value: number): string {
  return SIX().format(value);
}

/**
 * US dollars for a chart label: cents from a dollar up, otherwise enough decimals to show the amount.
 *
 * @example
 * ```ts
 * usdShort(1234.5); // '$1,234.50'
 * usdShort(0.00042); // '$0.00042'
 * ```
 */
export function usdShort(value: number): string {
  if (value === 0 || Math.abs(value) >= 1) return `$${DECIMAL().format(value)}`;
  return `$${SIGNIFICANT().format(value)}`;
}

/**
 * A percentage with one decimal (`12.5 %`).
 *
 * @example
 * ```ts
 * percent(0.125); // '12.5 %'
 * ```
 */
export function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)} %`;
}
