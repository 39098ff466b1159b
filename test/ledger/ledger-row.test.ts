import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalTime, LEDGER_COLUMNS, ledgerRow } from '../../src/ledger/ledger-row.js';
import { usageEvent } from '../support/make-usage-event.js';

describe('ledger rows', () => {
  it('canonicalTime writes every time as toISOString() does, so text order is time order', () => {
    assert.equal(canonicalTime('2026-11-23T10:00:00.000Z'), '2026-11-23T10:00:00.000Z');
    assert.equal(canonicalTime('2026-11-23T10:00:00Z'), '2026-11-23T10:00:00.000Z');
    assert.equal(canonicalTime('2026-11-23T11:00:00.000+01:00'), '2026-11-23T10:00:00.000Z');
    assert.equal(canonicalTime('2026-02-31T00:00:00.000Z'), '2026-03-03T00:00:00.000Z', 'a day past the month end rolls over as Date does');
    assert.equal(canonicalTime('2024-02-29T23:59:59.999Z'), '2024-02-29T23:59:59.999Z');
    assert.equal(canonicalTime('yesterday'), 'yesterday', 'kept as written when it does not parse');
  });

  it('ledgerRow fills the columns in order, the whole event last as JSON', () => {
    const event = usageEvent({ time: '2026-11-23T11:00:00+01:00', tags: { customer: 'acme' } });
    const row = ledgerRow(event);
    assert.equal(row.length, LEDGER_COLUMNS.length);
    const cell = (name: string) => row[LEDGER_COLUMNS.findIndex((c) => c.name === name)];
    assert.equal(cell('id'), event.id);
    assert.equal(cell('time'), '2026-11-23T10:00:00.000Z');
    assert.equal(cell('tag_customer'), 'acme');
    assert.equal(cell('input_tokens'), 10);
    assert.equal(cell('characters_provenance'), null);
    assert.deepEqual(JSON.parse(row.at(-1) as string), event);
  });
});
