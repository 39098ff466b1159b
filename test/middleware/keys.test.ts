import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { CallResult } from '../../src/call-result.js';
import { compose } from '../../src/compose.js';
import type { ResolvedKey } from '../../src/context.js';
import { MissingKeyError } from '../../src/errors/missing-key-error.js';
import { ProviderError } from '../../src/errors/provider-error.js';
import type { AIClientEventName } from '../../src/events.js';
import { keys } from '../../src/middleware/keys.js';
import { testContext } from '../support/context.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

  it('tries the secondary key once after an auth failure, with a key_fallback warning', async () => {
    const primary = fakeKey();
    const secondary = fakeKey();
    const events: { event: AIClientEventName; payload: unknown }[] = [];
    const used: string[] = [];
    const mw = keys({ variables: { test: ['TEST_API_KEY'] }, env: { TEST_API_KEY: primary }, secondaryKeys: { test: secondary }, dotenv: false });
    const ctx = testContext((event, payload) => events.push({ event, payload }));
    const result = await compose([mw], (c) => {
      used.push(c.key!.value);
      if (c.key!.value === primary) return Promise.reject(new ProviderError('401 invalid key', { provider: 'test', kind: 'auth', status: 401, providerCode: 'invalid_api_key' }));
      return Promise.resolve(ok);
    })(ctx);
    assert.equal(result, ok);
    assert.deepEqual(used, [primary, secondary]);
    assert.equal(ctx.attempt, 2);
    assert.equal(events.length, 1);
    const warning = events[0]!.payload as { code: string; message: string };
    assert.equal(warning.code, 'key_fallback');
    assert.ok(!warning.message.includes(primary) && !warning.message.includes(secondary));
  });

  it('falls back at most once, and never for other failures or for a tenant key', async () => {
    const secondary = fakeKey();
    const auth = new ProviderError('403', { provider: 'test', kind: 'auth', status: 403 });
    const calls = { n: 0 };
    const failing = () => ((calls.n += 1), Promise.reject(auth));
    const base = { variables: { test: ['TEST_API_KEY'] }, env: { TEST_API_KEY: fakeKey() }, secondaryKeys: { test: secondary }, dotenv: false } as const;
    await assert.rejects(compose([keys(base)], failing)(testContext()), (e) => e === auth);
    assert.equal(calls.n, 2, 'primary, then the secondary once');
    calls.n = 0;
    const server = new ProviderError('500', { provider: 'test', kind: 'server', status: 500 });
    await assert.rejects(compose([keys(base)], () => ((calls.n += 1), Promise.reject(server)))(testContext()));
    assert.equal(calls.n, 1, 'no fallback for a server error');
    calls.n = 0;
    await assert.rejects(compose([keys({ ...base, keyResolver: () => fakeKey() })], failing)(testContext()));
    assert.equal(calls.n, 1, "a tenant's own key never falls back to ours");
  });

  it('reports malformed .env lines once as dotenv_malformed warnings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aimeter-mw-'));
    try {
      writeFileSync(join(dir, '.env'), `TEST_API_KEY=${fakeKey()}\nnot an assignment\n`);
      const warnings: unknown[] = [];
      const mw = keys({ variables: { test: ['TEST_API_KEY'] }, env: {}, dotenv: { dir } });
      const handler = compose([mw], () => Promise.resolve(ok));
      await handler(testContext((_event, payload) => warnings.push(payload)));
      await handler(testContext((_event, payload) => warnings.push(payload)));
      assert.deepEqual(warnings, [{ code: 'dotenv_malformed', message: '.env:2: not a NAME=value line; ignored' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('re-reads a secret manager after its TTL: a rotated key is used by the next call, with no restart', async () => {
    let now = 0;
    let current = fakeKey();
    const { secretManager } = await import('../../src/keys/secret-manager.js');
    const mw = keys({ variables: { test: ['TEST_API_KEY'] }, env: {}, dotenv: false, secrets: [secretManager({ name: 'rotating', fetch: () => Promise.resolve(current), ttlMs: 1_000, refreshAheadMs: 0, now: () => now })] });
    const first = current;
    assert.equal((await resolvedBy(mw))?.value, first);
    current = fakeKey();
    assert.equal((await resolvedBy(mw))?.value, first);
    now = 1_000;
    assert.equal((await resolvedBy(mw))?.value, current);
  });
});
