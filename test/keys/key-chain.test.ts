import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { inspect } from 'node:util';
import { ConfigError } from '../../src/errors/config-error.js';
import { MissingKeyError } from '../../src/errors/missing-key-error.js';
import { assertServerRuntime, isBrowserLike } from '../../src/keys/browser-guard.js';
import { createKeyChain, type KeyChainOptions } from '../../src/keys/key-chain.js';
import { KeyEnvironmentError } from '../../src/keys/key-environment-error.js';
import type { KeyRequest } from '../../src/keys/key-input.js';
import { KeyResolverError } from '../../src/keys/key-resolver-error.js';
import { secretManager } from '../../src/keys/secret-manager.js';
import { Scrubber } from '../../src/redact/scrubber.js';
import { openaiKey } from '../support/secrets-keys.js';

const dirs: string[] = [];
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'aimeter-chain-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const request = (environment = 'production', tags: Record<string, string> = {}): KeyRequest => ({ provider: 'openai', environment, tags, model: 'gpt-4o-mini', operation: 'chat', callId: 'c1' });
const base = (more: Partial<KeyChainOptions> = {}): KeyChainOptions => ({ variables: { openai: ['OPENAI_API_KEY'] }, env: {}, dotenv: false, ...more });
const fixedSecret = (name: string, value: string | undefined) => secretManager({ name, fetch: () => Promise.resolve(value) });

describe('key chain: precedence', () => {
  // Each level is removed in turn: the next one must win, down to the secret managers, then MissingKeyError.
  it('tenant resolver → option → VAR_ENV → VAR → .env files → secret managers, in that order', async () => {
    const k = { tenant: openaiKey(), option: openaiKey(), specific: openaiKey(), plain: openaiKey(), file: openaiKey(), secret1: openaiKey(), secret2: openaiKey() };
    const dir = tree({ '.env': `OPENAI_API_KEY=${k.file}\n` });
    const levels: [string, Partial<KeyChainOptions>, string][] = [
      ['keys.resolver', { keyResolver: () => k.tenant }, k.tenant],
      ['option keys.byProvider.openai', { keys: { openai: k.option } }, k.option],
      ['env OPENAI_API_KEY_PRODUCTION', { env: { OPENAI_API_KEY_PRODUCTION: k.specific } }, k.specific],
      ['env OPENAI_API_KEY', { env: { OPENAI_API_KEY: k.plain } }, k.plain],
      ['file .env OPENAI_API_KEY', { dotenv: { dir } }, k.file],
      ['secret first', { secrets: [fixedSecret('first', k.secret1)] }, k.secret1],
      ['secret second', { secrets: [fixedSecret('first', undefined), fixedSecret('second', k.secret2)] }, k.secret2],
    ];
    for (let i = 0; i < levels.length; i++) {
      const merged: Partial<KeyChainOptions> = {};
      for (const [, options] of levels.slice(i)) {
        Object.assign(merged, options, { env: { ...merged.env, ...options.env }, secrets: merged.secrets ?? options.secrets });
      }
      const chain = createKeyChain(base(merged));
      const resolved = await chain.resolve(request());
      assert.equal(resolved?.key.value, levels[i]![2], `level ${levels[i]![0]}`);
      assert.equal(resolved.key.source, levels[i]![0]);
      assert.equal(resolved.tenant, i === 0);
    }
  });

  it('falls through when the tenant resolver answers undefined', async () => {
    const option = openaiKey();
    const chain = createKeyChain(base({ keyResolver: () => Promise.resolve(undefined), keys: { openai: option } }));
    assert.equal((await chain.resolve(request()))?.key.value, option);
  });

  it('asks the tenant resolver per call with the call tags', async () => {
    const keys = new Map([['acme', openaiKey()], ['globex', openaiKey()]]);
    const chain = createKeyChain(base({ keyResolver: ({ tags }) => Promise.resolve(keys.get(tags.customer ?? '')) }));
    assert.equal((await chain.resolve(request('production', { customer: 'globex' })))?.key.value, keys.get('globex'));
    assert.equal((await chain.resolve(request('production', { customer: 'acme' })))?.key.value, keys.get('acme'));
  });

  it('fails with MissingKeyError naming every source and the environment, never a value', async () => {
    const unrelated = openaiKey();
    const chain = createKeyChain(base({ keyResolver: () => undefined, env: { OPENAI_API_KEY_STAGING: unrelated }, dotenv: { dir: tree({}) }, secrets: [fixedSecret('vault', undefined)] }));
    const error = await chain.resolve(request()).then(() => assert.fail('expected MissingKeyError'), (e: unknown) => e);
    assert.ok(MissingKeyError.isInstance(error));
    assert.deepEqual(error.tried, [
      'keys.resolver',
      'option keys.byProvider.openai',
      'env OPENAI_API_KEY_PRODUCTION',
      'env OPENAI_API_KEY',
      'file .env.production.local',
      'file .env.local',
      'file .env.production',
      'file .env',
      'secret vault',
    ]);
    assert.match(error.message, /"production"/);
    assert.equal(inspect(error, { showHidden: true }).includes(unrelated), false);
  });

  it('needs no key for a provider without variables (a user-built SDK client)', async () => {
    const chain = createKeyChain({ variables: { openai: [] }, env: {}, dotenv: false });
    assert.equal(await chain.resolve(request()), undefined);
  });

  it('known(): the checked static key once resolved, per environment; null when no key is needed; never with a keyResolver', async () => {
    const production = openaiKey();
    const staging = openaiKey();
    const chain = createKeyChain(base({ env: { OPENAI_API_KEY_PRODUCTION: production, OPENAI_API_KEY_STAGING: staging } }));
    assert.equal(chain.known('openai', 'production'), undefined, 'not resolved yet');
    const resolved = await chain.resolve(request('production'));
    assert.equal(chain.known('openai', 'production'), resolved);
    assert.equal(chain.known('openai', 'production')?.key.value, production);
    assert.equal(chain.known('openai', 'staging'), undefined, 'each environment is resolved on its own');
    assert.equal((await chain.resolve(request('staging')))?.key.value, staging);
    assert.equal(chain.known('openai', 'staging')?.key.value, staging);
    assert.equal(chain.known('gemini', 'production'), null, 'a provider without variables or key needs none');
    const tenant = createKeyChain(base({ keyResolver: () => production, env: { OPENAI_API_KEY: staging } }));
    await tenant.resolve(request());
    assert.equal(tenant.known('openai', 'production'), undefined, 'a keyResolver runs on every call');
  });

  it('registers every resolved key with the scrubber before returning it', async () => {
    const scrubber = new Scrubber();
    const key = openaiKey();
    const chain = createKeyChain(base({ keyResolver: () => `x-${key}`.slice(2), scrubber }));
    await chain.resolve(request());
    assert.equal(scrubber.scrubText(`custom ${key}`).includes(key), false);
    assert.equal(scrubber.size, 1);
  });

  it('normalizes a key from every source once (whitespace around it dropped) and registers the key as sent', async () => {
    const key = openaiKey();
    const padded = `${key}\n`;
    const dir = tree({ '.env': `OPENAI_API_KEY="${key}\n"\n` });
    const sources: [string, Partial<KeyChainOptions>][] = [
      ['keyResolver', { keyResolver: () => ({ value: `  ${padded}` }) }],
      ['option', { keys: { openai: padded } }],
      ['env', { env: { OPENAI_API_KEY: padded } }],
      ['.env file', { dotenv: { dir } }],
      ['secret manager', { secrets: [fixedSecret('file', `\uFEFF${padded}`)] }],
    ];
    for (const [name, options] of sources) {
      const scrubber = new Scrubber();
      const resolved = await createKeyChain(base({ ...options, scrubber })).resolve(request());
      assert.equal(resolved?.key.value, key, name);
      const hex = Buffer.from(key).toString('hex');
      assert.equal(scrubber.scrubText(`401 for ${key}: ${hex}`).includes(hex.slice(0, 40)), false, `${name}: the trimmed key's forms are registered`);
      assert.equal(scrubber.scrubText(`401 for ${key}`).includes(key), false, name);
    }
    const secondary = createKeyChain(base({ secondaryKeys: { openai: padded } })).secondary('openai', 'production');
    assert.equal(secondary?.value, key);
    await assert.rejects(createKeyChain(base({ keys: { openai: ' \n' } })).resolve(request()), (e: unknown) => MissingKeyError.isInstance(e), 'a blank key is no key');
  });

  it('the environment guard compares normalized values: a production key with a newline is still a production key', async () => {
    const prod = openaiKey();
    const chain = createKeyChain(base({ env: { OPENAI_API_KEY_PRODUCTION: `${prod}\n`, OPENAI_API_KEY: prod } }));
    await assert.rejects(chain.resolve(request('staging')), (e: unknown) => KeyEnvironmentError.isInstance(e));
  });

  it('wraps a failing custom secret resolver in KeyResolverError', async () => {
    const chain = createKeyChain(base({ secrets: [{ name: 'broken', resolve: () => Promise.reject(new Error('store down')) }] }));
    await assert.rejects(chain.resolve(request()), (e: unknown) => KeyResolverError.isInstance(e) && e.resolver === 'broken');
  });
});

describe('key chain: environment guard', () => {
  it('refuses a production-declared key in staging, naming source and environments but not the value', async () => {
    const prod = openaiKey();
    const chain = createKeyChain(base({ env: { OPENAI_API_KEY_PRODUCTION: prod, OPENAI_API_KEY: prod } }));
    const error = await chain.resolve(request('staging')).catch((e: unknown) => e);
    assert.ok(KeyEnvironmentError.isInstance(error));
    assert.deepEqual(error.declaredFor, ['production']);
    assert.equal(error.source, 'env OPENAI_API_KEY');
    assert.equal(inspect(error, { showHidden: true }).includes(prod), false);
  });

  it('refuses a refused static key again on every call, and accepts it where it belongs', async () => {
    const prod = openaiKey();
    const chain = createKeyChain(base({ env: { OPENAI_API_KEY_PRODUCTION: prod, OPENAI_API_KEY: prod } }));
    for (let i = 0; i < 2; i++) await assert.rejects(chain.resolve(request('staging')), (e: unknown) => KeyEnvironmentError.isInstance(e));
    for (let i = 0; i < 2; i++) assert.equal((await chain.resolve(request('production')))?.key.value, prod);
    await assert.rejects(chain.resolve(request('staging')), (e: unknown) => KeyEnvironmentError.isInstance(e));
  });

  it('refuses the key of a .env.production file used in development', async () => {
    const prod = openaiKey();
    const dir = tree({ '.env.production': `OPENAI_API_KEY=${prod}\n`, '.env': `OPENAI_API_KEY=${prod}\n` });
    const chain = createKeyChain(base({ dotenv: { dir } }));
    await assert.rejects(chain.resolve(request('development')), (e: unknown) => KeyEnvironmentError.isInstance(e));
    assert.equal((await chain.resolve(request('production')))?.key.value, prod);
  });

  it('refuses a resolver key declared for another environment', async () => {
    const chain = createKeyChain(base({ keyResolver: () => ({ value: openaiKey(), environment: 'production' }) }));
    await assert.rejects(chain.resolve(request('staging')), (e: unknown) => KeyEnvironmentError.isInstance(e));
  });

  it('accepts it when the environment is allowed, and accepts undeclared keys', async () => {
    const prod = openaiKey();
    const allowed = createKeyChain(base({ env: { OPENAI_API_KEY_PRODUCTION: prod, OPENAI_API_KEY: prod }, allowedKeyEnvironments: ['production'] }));
    assert.equal((await allowed.resolve(request('staging')))?.key.value, prod);
    const plain = openaiKey();
    const undeclared = createKeyChain(base({ env: { OPENAI_API_KEY: plain } }));
    assert.equal((await undeclared.resolve(request('staging')))?.key.value, plain);
  });
});

describe('key chain: secondary key', () => {
  it('is resolved from the option, guarded and registered', () => {
    const scrubber = new Scrubber();
    const second = openaiKey();
    const chain = createKeyChain(base({ secondaryKeys: { openai: second }, scrubber }));
    const key = chain.secondary('openai', 'production');
    assert.equal(key?.value, second);
    assert.equal(key.source, 'option keys.secondary.openai');
    assert.equal(scrubber.scrubText(second).includes(second), false);
    assert.equal(chain.secondary('gemini', 'production'), undefined);
  });
});

describe('key chain: preload', () => {
  it('reads the .env files and declarations of the environment once, ahead of resolve, and resolves nothing', async () => {
    const key = openaiKey();
    const staging = openaiKey();
    const dir = tree({ '.env.production': `OPENAI_API_KEY=${key}\n`, '.env.staging': `OPENAI_API_KEY=${staging}\n` });
    const chain = createKeyChain(base({ dotenv: { dir }, variables: { openai: ['OPENAI_API_KEY'], gemini: [] } }));
    chain.preload('production');
    assert.equal(chain.known('openai', 'production'), undefined, 'nothing resolved');
    // The files are gone: what resolve finds was read by the preload.
    rmSync(join(dir, '.env.production'));
    rmSync(join(dir, '.env.staging'));
    const resolved = await chain.resolve(request('production'));
    assert.equal(resolved?.key.value, key);
    assert.equal(resolved.key.source, 'file .env.production OPENAI_API_KEY');
    // The declarations were read too: the staging file's key is still known to belong to staging only.
    const stagingDir = tree({ '.env.staging': `OPENAI_API_KEY=${staging}\n` });
    const stagingChain = createKeyChain(base({ dotenv: { dir: stagingDir }, keys: { openai: staging } }));
    stagingChain.preload('production');
    rmSync(join(stagingDir, '.env.staging'));
    await assert.rejects(stagingChain.resolve(request('production')), (e: unknown) => KeyEnvironmentError.isInstance(e));
  });
});

describe('browser guard', () => {
  const browser = { window: {}, document: {} };
  it('recognizes browser-like runtimes only', () => {
    assert.equal(isBrowserLike(browser), true);
    assert.equal(isBrowserLike({ importScripts: () => undefined }), true);
    assert.equal(isBrowserLike({ navigator: { product: 'ReactNative' } }), true);
    assert.equal(isBrowserLike(globalThis), false);
  });

  it('throws ConfigError for a secret key unless dangerouslyAllowBrowser is set', () => {
    assert.throws(() => assertServerRuntime({ hasSecretKey: true, scope: browser }), (e: unknown) => ConfigError.isInstance(e) && e.field === 'keys.dangerouslyAllowBrowser');
    assertServerRuntime({ hasSecretKey: true, dangerouslyAllowBrowser: true, scope: browser });
    assertServerRuntime({ hasSecretKey: false, scope: browser });
    assertServerRuntime({ hasSecretKey: true });
  });

  it('is checked when the chain is built', () => {
    const g = globalThis as { window?: unknown; document?: unknown };
    g.window = {};
    g.document = {};
    try {
      assert.throws(() => createKeyChain(base({ keys: { openai: openaiKey() } })), (e: unknown) => ConfigError.isInstance(e));
      createKeyChain(base({ keys: { openai: openaiKey() }, dangerouslyAllowBrowser: true }));
    } finally {
      delete g.window;
      delete g.document;
    }
  });
});
