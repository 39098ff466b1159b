import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallContext } from '../../../src/context.js';
import { announcedScope } from '../../../src/limits/adaptive/announced-limits.js';

const ctx = (provider: string, model: string, fingerprint?: string): CallContext =>
  ({ provider, model, key: fingerprint === undefined ? undefined : { fingerprint } }) as unknown as CallContext;

describe('announcedScope', () => {
  it('names provider, key fingerprint and model, and hands back the same string for the same three', () => {
    const first = announcedScope(ctx('openai', 'gpt-4o-mini', 'fp_1'));
    assert.equal(first, 'openai|fp_1|gpt-4o-mini');
    assert.equal(announcedScope(ctx('openai', 'gpt-4o-mini', 'fp_1')), first);
    assert.equal(announcedScope(ctx('openai', 'gpt-4o-mini', 'fp_2')), 'openai|fp_2|gpt-4o-mini');
    assert.equal(announcedScope(ctx('openai', 'gpt-4o', 'fp_1')), 'openai|fp_1|gpt-4o');
    assert.equal(announcedScope(ctx('gemini', 'gpt-4o-mini')), 'gemini||gpt-4o-mini', 'a call without a key');
  });

  it('stays right after its memory starts over (many tenant keys)', () => {
    for (let i = 0; i < 12_000; i += 1) assert.equal(announcedScope(ctx('openai', 'gpt-4o-mini', `fp_${i}`)), `openai|fp_${i}|gpt-4o-mini`);
    assert.equal(announcedScope(ctx('openai', 'gpt-4o-mini', 'fp_1')), 'openai|fp_1|gpt-4o-mini');
  });
});
