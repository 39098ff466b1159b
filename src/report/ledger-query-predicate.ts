import type { LedgerQuery } from '../ledger/ledger.js';
import { ledgerTerms } from '../ledger/ledger-filter.js';
import type { UsageEvent } from '../usage-event.js';

/**
 * The in-memory twin of the SQL ledgers' filter, for sources that cannot filter themselves (a JSON Lines file):
 * the same validation (a bad query throws {@link ConfigError} at the call) and the same meaning, `since`
 * inclusive, `until` exclusive, a list matching any of its values.
 *
 * @param query - which events to keep
 * @returns a predicate over usage events
 *
 * @example
 * ```ts
 * const keep = ledgerQueryPredicate({ since: '2026-11-01', provider: ['openai', 'gemini'], tags: { customer: 'acme' } });
 * for await (const event of readJsonlLedger('usage.jsonl')) if (keep(event)) console.log(event.id);
 * ```
 */
export function ledgerQueryPredicate(query: LedgerQuery): (event: UsageEvent) => boolean {
  const terms = ledgerTerms(query);
  const since = terms.since === undefined ? undefined : Date.parse(terms.since);
  const until = terms.until === undefined ? undefined : Date.parse(terms.until);
  const fields = terms.fields.map(({ field, values }) => ({ field, values: new Set(values) }));
  const tags = terms.tags.map(({ key, values }) => ({ key, values: new Set(values) }));
  return (event) => {
    if (since !== undefined || until !== undefined) {
      const time = Date.parse(event.time);
      if (since !== undefined && !(time >= since)) return false;
      if (until !== undefined && !(time < until)) return false;
    }
    for (const { field, values } of fields) if (!values.has(event[field])) return false;
    for (const { key, values } of tags) {
      const value = event.tags?.[key];
      if (value === undefined || !values.has(value)) return false;
    }
    return true;
  };
}
