import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CallContexts } from '../../src/client/call-context.js';
import { ConfigError } from '../../src/errors/config-error.js';
import type { ChatRequest } from '../../src/operations/chat.js';
import { chatRequest } from '../support/fixtures.js';
import { testAdapter } from '../support/test-adapter.js';

function contexts(): CallContexts {
  return new CallContexts({ providers: { test: testAdapter(), openai: testAdapter() }, environment: 'test', defaultTags: { team: 'a' }, emit: () => undefined });
}

describe('a client\'s call contexts', () => {
  it('hand back the same frozen model parts for a string seen before, and stay right past their memory', () => {
    const calls = contexts();
    const first = calls.create('chat', chatRequest({ model: 'openai:gpt-4o-mini' }));
    const again = calls.create('chat', chatRequest({ model: 'openai:gpt-4o-mini' }));
    assert.equal(again.provider, first.provider);
    assert.equal(again.model, first.model);
    for (let i = 0; i < 1500; i += 1) {
      const ctx = calls.create('chat', chatRequest({ model: `test:m${i}` }));
      assert.deepEqual([ctx.provider, ctx.model], ['test', `m${i}`]);
    }
    const late = calls.create('chat', chatRequest({ model: 'openai:gpt-4o-mini' }));
    assert.deepEqual([late.provider, late.model], ['openai', 'gpt-4o-mini']);
    assert.throws(() => calls.create('chat', chatRequest({ model: 'gpt-4o' as ChatRequest['model'] })), (error) => ConfigError.isInstance(error) && error.field === 'request.model');
  });

  it('carry the operation, the request, the merged tags and a fresh call id', () => {
    const calls = contexts();
    const request = chatRequest({ tags: { customer: 'acme' } });
    const ctx = calls.create('chat', request);
    assert.equal(ctx.operation, 'chat');
    assert.equal(ctx.request, request);
    assert.deepEqual(ctx.tags, { team: 'a', customer: 'acme' });
    assert.equal(ctx.attempt, 1);
    assert.notEqual(calls.create('chat', request).id, ctx.id);
  });
});
