import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import { scrubBuiltRecord } from '../../src/redact/scrub-built-record.js';
import { assertClean, registered } from '../support/scrub-checks.js';

function dump(value: unknown): string {
  return [inspect(value, { depth: 30, showHidden: true, getters: true }), JSON.stringify(value) ?? ''].join('\n');
}

describe('scrubBuiltRecord', () => {
  it('skips only the generated top-level fields named, and only their primitive values', () => {
    const { key, scrubber } = registered();
    const generated = new Set(['id', 'meta']);
    const record = { id: 'evt-1', note: 'fine', meta: { nested: `leak ${key}` } };
    assertClean(dump(scrubBuiltRecord(scrubber, record, generated)), key);
    const dirty = { id: 'evt-2', note: `leak ${key}` };
    const out = scrubBuiltRecord(scrubber, dirty, generated);
    assertClean(dump(out), key);
    assert.equal(out.id, 'evt-2', 'a dirty record is scrubbed whole, its generated fields kept as they are');
    const clean = { id: 'evt-3', tags: { customer: 'acme' } };
    assert.equal(scrubBuiltRecord(scrubber, clean, generated), clean);
    assert.equal(scrubBuiltRecord(scrubber, ['x'], generated)[0], 'x', 'a value that is not a plain object is checked as usual');
  });

});
