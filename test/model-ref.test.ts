import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../src/errors/config-error.js';
import { parseModelRef } from '../src/model-ref.js';

describe('parseModelRef', () => {
  it('splits "provider:model" at the first colon', () => {
    assert.deepEqual(parseModelRef('openai:gpt-4o-mini'), { provider: 'openai', model: 'gpt-4o-mini' });
    assert.deepEqual(parseModelRef('openai:ft:gpt-4o-mini:acme::abc'), { provider: 'openai', model: 'ft:gpt-4o-mini:acme::abc' });
  });

  it('accepts { provider, model }', () => {
    assert.deepEqual(parseModelRef({ provider: 'gemini', model: 'gemini-2.5-flash' }), { provider: 'gemini', model: 'gemini-2.5-flash' });
  });

  it('rejects malformed references with ConfigError naming the field', () => {
    for (const bad of ['gpt-4o', ':gpt-4o', 'openai:', '', 42, null, undefined, { provider: 'openai' }, { provider: '', model: 'm' }]) {
      assert.throws(() => parseModelRef(bad), (error) => ConfigError.isInstance(error) && error.field === 'request.model', JSON.stringify(bad));
    }
    assert.throws(() => parseModelRef('x', 'defaults.model'), (error) => ConfigError.isInstance(error) && error.field === 'defaults.model');
  });

  it('keeps no memory of its own: each parse is a fresh object (a client remembers the model strings it sees)', () => {
    const first = parseModelRef('openai:gpt-4o-mini');
    assert.notEqual(parseModelRef('openai:gpt-4o-mini'), first);
    assert.deepEqual(parseModelRef('openai:gpt-4o-mini'), first);
  });
});
