import { ConfigError } from '../errors/config-error.js';
import type { LedgerQuery } from './ledger.js';
import { TAG_COLUMNS } from './ledger-row.js';

/** How one SQL dialect spells what the filter needs. */
export interface SqlDialect {
  /** The placeholder of the `n`th (1-based) parameter. */
  readonly placeholder: (n: number) => string;
  /** A condition true when the event's JSON has tag `key` equal to `value` (both placeholders). */
  readonly tagEquals: (key: string, value: string) => string;
}

/** WHERE conditions (to be joined with AND) and their parameters, in placeholder order. */
export interface LedgerFilter {
  readonly conditions: readonly string[];
  readonly params: readonly unknown[];
}

/**
 * Query fields matched by equality, and their ledger column.
 *
 * @example
 * ```ts
 * for (const [field, column] of EQUAL_FIELDS) console.log(`${field} → ${column}`);
 * ```
 */
export const EQUAL_FIELDS = [
  ['provider', 'provider'],
  ['model', 'model'],
  ['operation', 'operation'],
  ['environment', 'environment'],
  ['status', 'status'],
  ['callId', 'call_id'],
] as const satisfies readonly (readonly [keyof LedgerQuery, string])[];

/**
 * A query field matched by equality.
 *
 * @example
 * ```ts
 * const field: EqualField = 'provider';
 * ```
 */
export type EqualField = (typeof EQUAL_FIELDS)[number][0];

/**
 * A validated {@link LedgerQuery}, the same for SQL ledgers and for filtering a stream: instants in canonical
 * ISO form (as the ledgers store `time`), every value list non-empty.
 *
 * @example
 * ```ts
 * const { since, fields, tags }: LedgerTerms = ledgerTerms({ since: '2026-11-01', provider: 'openai' });
 * ```
 */
export interface LedgerTerms {
  readonly since?: string;
  readonly until?: string;
  readonly fields: readonly { readonly field: EqualField; readonly column: string; readonly values: readonly string[] }[];
  readonly tags: readonly { readonly key: string; readonly values: readonly string[] }[];
}

const TAGGED = new Set<string>(TAG_COLUMNS);

/**
 * Validates a query: a bad field is a ConfigError naming it (`query.since`, `query.tags.customer`, …).
 *
 * @example
 * ```ts
 * ledgerTerms({ tags: { customer: ['acme', 'globex'] } }).tags; // [{ key: 'customer', values: ['acme', 'globex'] }]
 * ```
 */
export function ledgerTerms(query: LedgerQuery): LedgerTerms {
  if (typeof query !== 'object' || query === null) throw new ConfigError('query', 'expected an object');
  const fields = EQUAL_FIELDS.flatMap(([field, column]) =>
    query[field] === undefined ? [] : [{ field, column, values: values(query[field], `query.${field}`) }],
  );
  const tagQuery = query.tags ?? {};
  if (typeof tagQuery !== 'object' || tagQuery === null) throw new ConfigError('query.tags', 'expected an object of tag values');
  const tags = Object.entries(tagQuery).map(([key, value]) => ({ key, values: values(value, `query.tags.${key}`) }));
  return {
    ...(query.since === undefined ? {} : { since: instant(query.since, 'query.since') }),
    ...(query.until === undefined ? {} : { until: instant(query.until, 'query.until') }),
    fields,
    tags,
  };
}

/**
 * Turns a query into SQL conditions over the ledger's columns, validating it with {@link ledgerTerms}. Tags with
 * a column use it; other tags are read from the event JSON. A list of values becomes `IN (…)` (or `OR`).
 *
 * @example
 * ```ts
 * ledgerFilter({ provider: ['openai', 'gemini'] }, SQLITE); // { conditions: ['provider IN (?, ?)'], params: ['openai', 'gemini'] }
 * ```
 */
export function ledgerFilter(query: LedgerQuery, dialect: SqlDialect): LedgerFilter {
  const terms = ledgerTerms(query);
  const params: unknown[] = [];
  const bind = (value: unknown): string => {
    params.push(value);
    return dialect.placeholder(params.length);
  };
  const oneOf = (column: string, list: readonly string[]): string =>
    list.length === 1 ? `${column} = ${bind(list[0])}` : `${column} IN (${list.map(bind).join(', ')})`;
  const conditions: string[] = [];
  if (terms.since !== undefined) conditions.push(`time >= ${bind(terms.since)}`);
  if (terms.until !== undefined) conditions.push(`time < ${bind(terms.until)}`);
  for (const { column, values: list } of terms.fields) conditions.push(oneOf(column, list));
  for (const { key, values: list } of terms.tags) {
    if (TAGGED.has(key)) conditions.push(oneOf(`tag_${key}`, list));
    else conditions.push(`(${list.map((value) => dialect.tagEquals(bind(key), bind(value))).join(' OR ')})`);
  }
  return { conditions, params };
}

function values(value: unknown, field: string): readonly string[] {
  const list: readonly unknown[] = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new ConfigError(field, 'expected at least one value');
  if (!list.every((v): v is string => typeof v === 'string')) throw new ConfigError(field, 'expected a string or a list of strings');
  return list;
}

function instant(value: Date | string, field: string): string {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new ConfigError(field, 'expected a Date or a date string');
  return new Date(ms).toISOString();
}
