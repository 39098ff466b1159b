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

const EQUAL_FIELDS = [
  ['provider', 'provider'],
  ['model', 'model'],
  ['operation', 'operation'],
  ['environment', 'environment'],
  ['status', 'status'],
  ['callId', 'call_id'],
] as const satisfies readonly (readonly [keyof LedgerQuery, string])[];

const TAGGED = new Set<string>(TAG_COLUMNS);

/**
 * Turns a query into SQL conditions over the ledger's columns, validating it: a bad field is a ConfigError
 * naming it (`query.since`, `query.tags.customer`, …). Tags with a column use it; other tags are read from the
 * event JSON.
 */
export function ledgerFilter(query: LedgerQuery, dialect: SqlDialect): LedgerFilter {
  if (typeof query !== 'object' || query === null) throw new ConfigError('query', 'expected an object');
  const params: unknown[] = [];
  const bind = (value: unknown): string => {
    params.push(value);
    return dialect.placeholder(params.length);
  };
  const conditions: string[] = [];
  if (query.since !== undefined) conditions.push(`time >= ${bind(instant(query.since, 'query.since'))}`);
  if (query.until !== undefined) conditions.push(`time < ${bind(instant(query.until, 'query.until'))}`);
  for (const [field, column] of EQUAL_FIELDS) {
    const value = query[field];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new ConfigError(`query.${field}`, 'expected a string');
    conditions.push(`${column} = ${bind(value)}`);
  }
  const tags = query.tags ?? {};
  if (typeof tags !== 'object' || tags === null) throw new ConfigError('query.tags', 'expected an object of tag values');
  for (const [key, value] of Object.entries(tags)) {
    if (typeof value !== 'string') throw new ConfigError(`query.tags.${key}`, 'expected a string');
    conditions.push(TAGGED.has(key) ? `tag_${key} = ${bind(value)}` : dialect.tagEquals(bind(key), bind(value)));
  }
  return { conditions, params };
}

function instant(value: Date | string, field: string): string {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new ConfigError(field, 'expected a Date or a date string');
  return new Date(ms).toISOString();
}
