import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { CallResult } from '../../src/call-result.js';
import { compose } from '../../src/compose.js';
import type { ResolvedKey } from '../../src/context.js';
import { MissingKeyError } from '../../src/errors/missing-key-error.js';
import { keys } from '../../src/middleware/keys.js';
import { testContext } from '../support/context.js';

const fakeKey = () => `sk-proj-${randomBytes(16).toString('hex')}`;
const ok: CallResult = { output: null, usage: { requests: 1 } };

async function resolvedBy(middleware: ReturnType<typeof keys>, provider = 'test'): Promise<ResolvedKey | undefined> {
  let seen: ResolvedKey | undefined;
  const ctx = { ...testContext(), provider };
  await compose([middleware], (c) => ((seen = c.key), Promise.resolve(ok)))(ctx);
  return seen;
}

describe('keys middleware', () => {
  it('puts the resolved key on ctx.key before next()', async () => {
    const value = fakeKey();
    const key = await resolvedBy(keys({ variables: { test: ['TEST_API_KEY'] }, env: { TEST_API_KEY: value } }));
    assert.equal(key?.value, value);
  });

  it('prefers an explicit key', async () => {
    const explicit = fakeKey();
    const key = await resolvedBy(keys({ keys: { test: explicit }, variables: { test: ['TEST_API_KEY'] }, env: { TEST_API_KEY: fakeKey() } }));
    assert.equal(key?.value, explicit);
  });

  it('leaves ctx.key undefined for a provider that needs no key', async () => {
    assert.equal(await resolvedBy(keys({ variables: { test: [] }, env: {} })), undefined);
  });

  it('rejects with MissingKeyError before next() runs', async () => {
    let reached = false;
    const handler = compose([keys({ variables: { test: ['TEST_API_KEY'] }, env: {} })], () => ((reached = true), Promise.resolve(ok)));
    await assert.rejects(handler(testContext()), (error) => MissingKeyError.isInstance(error) && error.environment === 'test');
    assert.equal(reached, false);
  });

  it('resolves each key per provider and environment', async () => {
    const a = fakeKey();
    const b = fakeKey();
    const mw = keys({ variables: { a: ['A_KEY'], b: ['B_KEY'] }, env: { A_KEY: a, B_KEY: b } });
    assert.equal((await resolvedBy(mw, 'a'))?.value, a);
    assert.equal((await resolvedBy(mw, 'b'))?.value, b);
  });
});
