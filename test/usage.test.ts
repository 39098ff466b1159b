import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStreamResult } from '../src/call-result.js';
import { estimated, missing, reported } from '../src/usage.js';

describe('usage quantities', () => {
  it('carry their provenance; missing has a null value, never 0', () => {
    assert.deepEqual(reported(19), { value: 19, provenance: 'reported' });
    assert.deepEqual(estimated(7), { value: 7, provenance: 'estimated' });
    assert.deepEqual(missing(), { value: null, provenance: 'missing' });
    assert.ok(Object.isFrozen(missing()), 'the shared missing() value cannot be mutated by one caller for all');
  });
});

describe('isStreamResult', () => {
  it('tells a stream result from a call result', () => {
    assert.equal(isStreamResult({ output: 1, usage: { requests: 1 } }), false);
    assert.equal(isStreamResult({ stream: (async function* () {})(), final: new Promise(() => undefined) }), true);
  });
});
