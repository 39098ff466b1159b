import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../src/errors/config-error.js';
import { KeyResolverError } from '../../src/keys/key-resolver-error.js';
import { secretManager, type SecretRequest } from '../../src/keys/secret-manager.js';
import { openaiKey } from '../support/secrets-keys.js';

const req: SecretRequest = { provider: 'openai', environment: 'production', variables: ['OPENAI_API_KEY'] };

/** A store whose current value can be rotated, counting reads. */
function store() {
  const state = { value: openaiKey() as string | undefined, reads: 0, fail: false };
  const fetch = async () => {
    state.reads += 1;
    await Promise.resolve();
    if (state.fail) throw new Error('store unreachable');
    return state.value;
  };
  return { state, fetch };
}

describe('secretManager', () => {
  it('caches a value for ttlMs, then reads again: a rotated key is used by the first call after the TTL', async () => {
    let now = 0;
    const { state, fetch } = store();
    const resolver = secretManager({ name: 's', fetch, ttlMs: 1_000, refreshAheadMs: 0, now: () => now });
    const first = state.value;
    assert.equal(await resolver.resolve(req), first);
    state.value = openaiKey();
    now = 999;
    assert.equal(await resolver.resolve(req), first, 'still cached before the TTL');
    now = 1_000;
    assert.equal(await resolver.resolve(req), state.value, 'the first call after the TTL gets the rotated key');
    assert.equal(state.reads, 2);
  });

  it('refreshes in the background within refreshAheadMs of expiry, without making the call wait', async () => {
    let now = 0;
    const { state, fetch } = store();
    const resolver = secretManager({ name: 's', fetch, ttlMs: 1_000, refreshAheadMs: 200, now: () => now });
    const first = state.value;
    await resolver.resolve(req);
    state.value = openaiKey();
    now = 850;
    assert.equal(await resolver.resolve(req), first, 'the call inside the refresh window gets the cached value');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(state.reads, 2, 'one background read started');
    now = 900;
    assert.equal(await resolver.resolve(req), state.value, 'the refreshed value is used before the old one expired');
    assert.equal(state.reads, 2);
  });

  it('shares one read between concurrent calls', async () => {
    const { state, fetch } = store();
    const resolver = secretManager({ name: 's', fetch });
    const values = await Promise.all(Array.from({ length: 20 }, () => resolver.resolve(req)));
    assert.equal(new Set(values).size, 1);
    assert.equal(state.reads, 1);
  });

  it('keeps the cached value when a background refresh fails, and throws KeyResolverError once expired', async () => {
    let now = 0;
    const { state, fetch } = store();
    const resolver = secretManager({ name: 'vault', fetch, ttlMs: 1_000, refreshAheadMs: 500, now: () => now });
    const first = state.value;
    await resolver.resolve(req);
    state.fail = true;
    now = 600;
    assert.equal(await resolver.resolve(req), first);
    await new Promise((resolve) => setImmediate(resolve));
    now = 1_000;
    await assert.rejects(resolver.resolve(req), (e: unknown) => KeyResolverError.isInstance(e) && e.resolver === 'vault' && (e.cause as Error).message === 'store unreachable');
  });

  it('caches per provider and environment', async () => {
    const seen: string[] = [];
    const resolver = secretManager({ name: 's', fetch: ({ provider, environment }) => (seen.push(`${provider}/${environment}`), Promise.resolve(`${provider}-${environment}-key`)) });
    assert.equal(await resolver.resolve(req), 'openai-production-key');
    assert.equal(await resolver.resolve({ ...req, environment: 'staging' }), 'openai-staging-key');
    assert.equal(await resolver.resolve({ ...req, provider: 'gemini' }), 'gemini-production-key');
    assert.equal(await resolver.resolve(req), 'openai-production-key');
    assert.deepEqual(seen, ['openai/production', 'openai/staging', 'gemini/production']);
  });

  it('validates its options', () => {
    const fetch = () => Promise.resolve(undefined);
    assert.throws(() => secretManager({ name: '', fetch }), (e: unknown) => ConfigError.isInstance(e) && e.field === 'name');
    assert.throws(() => secretManager({ name: 's', fetch: 1 as never }), (e: unknown) => ConfigError.isInstance(e) && e.field === 'fetch');
    assert.throws(() => secretManager({ name: 's', fetch, ttlMs: 0 }), (e: unknown) => ConfigError.isInstance(e) && e.field === 'ttlMs');
    assert.throws(() => secretManager({ name: 's', fetch, ttlMs: 100, refreshAheadMs: 100 }), (e: unknown) => ConfigError.isInstance(e) && e.field === 'refreshAheadMs');
  });
});
