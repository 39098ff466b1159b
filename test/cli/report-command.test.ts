import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseGroups } from '../../src/cli/report-command.js';

describe('aimeter report --by', () => {
  it('accepts fields and tag groups, in order', () => {
    assert.deepEqual(parseGroups('tag:customer, model,day'), ['tag:customer', 'model', 'day']);
  });
  it('rejects unknown and empty groupings with a clear message', () => {
    assert.throws(() => parseGroups('provider,colour'), /unknown group "colour"/);
    assert.throws(() => parseGroups(' , '), /at least one group/);
  });
});
