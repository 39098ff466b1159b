import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../src/errors/config-error.js';
import { ledgerFilter } from '../../src/ledger/ledger-filter.js';
import { ledgerQueryPredicate } from '../../src/report/ledger-query-predicate.js';
import { usageEvent } from '../support/make-usage-event.js';

describe('ledgerQueryPredicate', () => {
  it('keeps events in [since, until) matching every field, any value of a list', () => {
    const keep = ledgerQueryPredicate({ since: '2026-11-01', until: new Date('2026-12-01'), provider: ['openai', 'gemini'], status: 'ok', tags: { customer: ['acme', 'globex'], team: 'red' } });
    const base = { time: '2026-11-01T00:00:00.000Z', tags: { customer: 'acme', team: 'red' } };
    assert.equal(keep(usageEvent(base)), true);
    assert.equal(keep(usageEvent({ ...base, provider: 'gemini', tags: { customer: 'globex', team: 'red' } })), true);
    assert.equal(keep(usageEvent({ ...base, time: '2026-10-31T23:59:59.999Z' })), false);
    assert.equal(keep(usageEvent({ ...base, time: '2026-12-01T00:00:00.000Z' })), false);
    assert.equal(keep(usageEvent({ ...base, provider: 'elevenlabs' })), false);
    assert.equal(keep(usageEvent({ ...base, status: 'error' })), false);
    assert.equal(keep(usageEvent({ ...base, tags: { customer: 'initech', team: 'red' } })), false);
    assert.equal(keep(usageEvent({ ...base, tags: { customer: 'acme' } })), false);
  });

  it('validates the query as the SQL ledgers do, at the call', () => {
    assert.throws(() => ledgerQueryPredicate({ model: [] }), (e) => ConfigError.isInstance(e) && e.field === 'query.model');
    assert.throws(() => ledgerQueryPredicate({ tags: { customer: ['acme', 3 as unknown as string] } }), (e) => ConfigError.isInstance(e) && e.field === 'query.tags.customer');
  });
});

describe('ledgerFilter with lists', () => {
  it('pushes a list down as IN for a column and as OR over the JSON for other tags', () => {
    const dialect = { placeholder: (n: number) => `$${n}`, tagEquals: (k: string, v: string) => `tag(${k}) = ${v}` };
    const { conditions, params } = ledgerFilter({ provider: ['openai', 'gemini'], model: 'm', tags: { customer: ['a', 'b'], team: ['x', 'y'] } }, dialect);
    assert.deepEqual(conditions, ['provider IN ($1, $2)', 'model = $3', 'tag_customer IN ($4, $5)', '(tag($6) = $7 OR tag($8) = $9)']);
    assert.deepEqual(params, ['openai', 'gemini', 'm', 'a', 'b', 'team', 'x', 'team', 'y']);
  });
});
