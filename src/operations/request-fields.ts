import { isRecord } from '../is-record.js';
import { ConfigError } from '../errors/config-error.js';

/**
 * Bounds of a numeric request field.
 *
 * @example
 * ```ts
 * const tokens: NumberRule = { integer: true, min: 1 };
 * ```
 */
export interface NumberRule {
  /** Whole numbers only. @default false */
  readonly integer?: boolean;
  /** Smallest value allowed. @default no bound */
  readonly min?: number;
  /** Largest value allowed. @default no bound */
  readonly max?: number;
}

/**
 * Throws {@link ConfigError} naming `field` unless `value` is absent or a finite number within `rule`. A
 * number that is `NaN`, negative or a string would otherwise reach the limits' estimate (where `'100'`
 * becomes `'7' + '100'` and `NaN` reserves nothing, so a budget stops applying) before the provider refuses it.
 *
 * @example
 * ```ts
 * checkNumber(request.maxOutputTokens, 'request.maxOutputTokens', { integer: true, min: 1 });
 * ```
 */
export function checkNumber(value: unknown, field: string, rule: NumberRule): void {
  if (value === undefined) return;
  const { integer = false, min, max } = rule;
  const ok = typeof value === 'number' && Number.isFinite(value) && (!integer || Number.isInteger(value)) && (min === undefined || value >= min) && (max === undefined || value <= max);
  if (ok) return;
  const kind = integer ? 'an integer' : 'a finite number';
  const range = min !== undefined && max !== undefined ? ` from ${min} to ${max}` : min !== undefined ? ` of at least ${min}` : max !== undefined ? ` of at most ${max}` : '';
  throw new ConfigError(field, `expected ${kind}${range}; got ${describe(value)}`);
}

/**
 * Throws {@link ConfigError} naming `field` unless `value` is absent or a string (non-empty when `nonEmpty`).
 *
 * @example
 * ```ts
 * checkString(request.language, 'request.language');
 * ```
 */
export function checkString(value: unknown, field: string, nonEmpty = false): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || (nonEmpty && value === '')) throw new ConfigError(field, `expected a ${nonEmpty ? 'non-empty ' : ''}string; got ${describe(value)}`);
}

/**
 * Throws {@link ConfigError} naming `field` unless `value` is absent or an array, then checks each item with
 * `check` under `field[i]`.
 *
 * @example
 * ```ts
 * checkArray(request.stop, 'request.stop', (item, at) => checkString(item, at, true));
 * ```
 */
export function checkArray(value: unknown, field: string, check: (item: unknown, field: string) => void): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) throw new ConfigError(field, `expected an array; got ${describe(value)}`);
  value.forEach((item: unknown, i) => check(item, `${field}[${i}]`));
}

/**
 * Throws {@link ConfigError} naming `field` unless `value` is a plain object.
 *
 * @example
 * ```ts
 * checkObject(part, 'request.messages[0].content[1]', 'a content part { type, ... }');
 * ```
 */
export function checkObject(value: unknown, field: string, what: string): asserts value is Record<string, unknown> {
  if (!isRecord(value)) throw new ConfigError(field, `expected ${what}; got ${describe(value)}`);
}

/** A short, secret-free description of a bad value for messages: its type, and a number or short string's value. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value.length <= 20 ? `the string ${JSON.stringify(value)}` : 'a string';
  return `a value of type ${typeof value}`;
}
