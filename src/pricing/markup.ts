import { assertKnownKeys } from '../config/known-keys.js';
import { ConfigError } from '../errors/config-error.js';

/**
 * What you add on top of the provider's cost when you bill your customers, as a percentage of the cost:
 * `20` adds 20 % (a $1.00 request is billed $1.20; the event's `markupUsd` is 0.20). A customer without its
 * own entry gets `default`; with neither, no markup is recorded.
 *
 * @example
 * ```ts
 * const markup: MarkupOptions = { default: 20, byCustomer: { acme: 35, 'internal-team': 0 } };
 * ```
 */
export interface MarkupOptions {
  /** Percentage added for every customer without its own entry (and for calls without a customer tag). */
  readonly default?: number;
  /** Percentage added per customer, keyed by the `customer` tag. */
  readonly byCustomer?: Readonly<Record<string, number>>;
}

/**
 * Checks {@link MarkupOptions}: percentages are finite numbers ≥ 0. Throws {@link ConfigError} naming the field.
 *
 * @example
 * ```ts
 * validateMarkup({ default: 20 }, 'markup');
 * ```
 */
export function validateMarkup(value: unknown, field: string): MarkupOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(field, 'expected { default?: percent, byCustomer?: { [customer]: percent } }');
  }
  assertKnownKeys(value, ['default', 'byCustomer'], field);
  const { default: all, byCustomer } = value as Record<string, unknown>;
  if (all !== undefined) checkPercent(all, `${field}.default`);
  if (byCustomer !== undefined) {
    if (typeof byCustomer !== 'object' || byCustomer === null || Array.isArray(byCustomer)) {
      throw new ConfigError(`${field}.byCustomer`, 'expected an object of percentages keyed by customer');
    }
    for (const [customer, percent] of Object.entries(byCustomer)) checkPercent(percent, `${field}.byCustomer.${customer}`);
  }
  return value;
}

/**
 * The markup percentage for `customer`, or `undefined` when none is configured.
 *
 * @example
 * ```ts
 * markupPercent({ default: 20, byCustomer: { acme: 35 } }, 'acme'); // 35
 * ```
 */
export function markupPercent(markup: MarkupOptions | undefined, customer: string | undefined): number | undefined {
  const own = customer !== undefined && markup?.byCustomer && Object.hasOwn(markup.byCustomer, customer) ? markup.byCustomer[customer] : undefined;
  return own ?? markup?.default;
}

function checkPercent(value: unknown, field: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ConfigError(field, 'expected a percentage: a finite number ≥ 0 (20 adds 20 %)');
  }
}
