// Per-call tags: merged over the defaults as plain strings, bad values refused before any request.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAIClient } from '../src/client/index.js';
import { ConfigError } from '../src/errors/config-error.js';
import { mergeTags } from '../src/tags.js';
import { chatRequest } from './support/fixtures.js';
import { testAdapter } from './support/test-adapter.js';

describe('mergeTags', () => {
  it('merges over the defaults into a new object, keeping only string keys', () => {
    const defaults = Object.freeze({ project: 'bot', customer: 'default' });
    const merged = mergeTags(defaults, { customer: 'acme', [Symbol('hidden')]: 'x', session: undefined }, 'request.tags');
    assert.deepEqual(merged, { project: 'bot', customer: 'acme', session: undefined });
    assert.deepEqual(Object.getOwnPropertySymbols(merged), []);
    assert.deepEqual(defaults, { project: 'bot', customer: 'default' });
  });

  it('refuses a non-string value or a non-object with ConfigError naming the field', () => {
    assert.throws(() => mergeTags({}, { customer: 42 }, 'request.tags'), (e: unknown) => ConfigError.isInstance(e) && e.field === 'request.tags.customer');
    for (const bad of [null, 'acme', ['a']]) {
      assert.throws(() => mergeTags({}, bad, 'request.tags'), (e: unknown) => ConfigError.isInstance(e) && e.field === 'request.tags');
    }
  });

  it('the client refuses bad per-call tags before any request is sent', async () => {
    const adapter = testAdapter();
    const ai = createAIClient({ providers: { test: adapter }, tags: { project: 'bot' } });
    await assert.rejects(ai.chat({ ...chatRequest(), tags: { customer: { id: 1 } } as never }), (e: unknown) => ConfigError.isInstance(e) && e.field === 'request.tags.customer');
    assert.equal(adapter.calls.length, 0);
    await ai.close();
  });
});
