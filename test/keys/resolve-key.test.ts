import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import { MissingKeyError } from '../../src/errors/missing-key-error.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDotenvFiles } from '../../src/keys/dotenv-files.js';
import { keyFingerprint } from '../../src/keys/fingerprint.js';
import { findStaticKey, resolveKey } from '../../src/keys/resolve-key.js';

const fakeKey = () => `sk-proj-${randomBytes(16).toString('hex')}`;

describe('resolveKey', () => {
  it('prefers the explicit key over every variable', () => {
    const explicit = fakeKey();
    const key = resolveKey('openai', 'production', {
      explicit,
      variables: ['OPENAI_API_KEY'],
      env: { OPENAI_API_KEY_PRODUCTION: fakeKey(), OPENAI_API_KEY: fakeKey() },
    });
    assert.equal(key.value, explicit);
    assert.equal(key.source, 'option keys.byProvider.openai');
  });

  it('then the environment-specific variable VAR_ENV', () => {
    const specific = fakeKey();
    const key = resolveKey('openai', 'production', { variables: ['OPENAI_API_KEY'], env: { OPENAI_API_KEY_PRODUCTION: specific, OPENAI_API_KEY: fakeKey() } });
    assert.equal(key.value, specific);
    assert.equal(key.source, 'env OPENAI_API_KEY_PRODUCTION');
  });

  it('then the plain variable VAR', () => {
    const plain = fakeKey();
    const key = resolveKey('openai', 'production', { variables: ['OPENAI_API_KEY'], env: { OPENAI_API_KEY_STAGING: fakeKey(), OPENAI_API_KEY: plain } });
    assert.equal(key.value, plain);
    assert.equal(key.source, 'env OPENAI_API_KEY');
  });

  it('tries the variables in the adapter\'s order, each with its environment form first', () => {
    const second = fakeKey();
    const key = resolveKey('gemini', 'dev', { variables: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'], env: { GOOGLE_API_KEY_DEV: second, GOOGLE_API_KEY: fakeKey() } });
    assert.equal(key.value, second);
  });

  it('an environment-specific variable of any name wins over every generic one (GEMINI_API_KEY_PRODUCTION over GOOGLE_API_KEY)', () => {
    const specific = fakeKey();
    const key = resolveKey('gemini', 'production', { variables: ['GOOGLE_API_KEY', 'GEMINI_API_KEY'], env: { GOOGLE_API_KEY: fakeKey(), GEMINI_API_KEY_PRODUCTION: specific } });
    assert.equal(key.value, specific);
    assert.equal(key.source, 'env GEMINI_API_KEY_PRODUCTION');
    const tried: string[] = [];
    assert.equal(findStaticKey('gemini', 'production', { variables: ['GOOGLE_API_KEY', 'GEMINI_API_KEY'], env: {} }, tried), undefined);
    assert.deepEqual(tried, ['option keys.byProvider.gemini', 'env GOOGLE_API_KEY_PRODUCTION', 'env GEMINI_API_KEY_PRODUCTION', 'env GOOGLE_API_KEY', 'env GEMINI_API_KEY']);
  });

  it('also within a .env file: the environment-specific name wins there too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aimeter-resolve-'));
    try {
      const specific = fakeKey();
      writeFileSync(join(dir, '.env'), `GOOGLE_API_KEY=${fakeKey()}\nGEMINI_API_KEY_PRODUCTION=${specific}\n`);
      const key = resolveKey('gemini', 'production', { variables: ['GOOGLE_API_KEY', 'GEMINI_API_KEY'], env: {}, dotenv: loadDotenvFiles(dir, 'production') });
      assert.equal(key.value, specific);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('drops the whitespace around a key (a mounted secret file\'s newline) from every source; a blank value counts as unset', () => {
    const value = fakeKey();
    const sources = [
      { explicit: `${value}\n`, variables: ['OPENAI_API_KEY'], env: {} },
      { variables: ['OPENAI_API_KEY'], env: { OPENAI_API_KEY_PRODUCTION: ' \n', OPENAI_API_KEY: `\uFEFF${value}\r\n` } },
    ];
    for (const source of sources) {
      const key = resolveKey('openai', 'production', { explicit: '  ', ...source });
      assert.equal(key.value, value);
      assert.equal(key.fingerprint, keyFingerprint(value));
    }
  });

  it('normalizes the environment name into the variable suffix (upper case, non-alphanumerics to _)', () => {
    const value = fakeKey();
    const key = resolveKey('openai', 'eu-west.prod', { variables: ['OPENAI_API_KEY'], env: { OPENAI_API_KEY_EU_WEST_PROD: value } });
    assert.equal(key.value, value);
  });

  it('ignores empty values', () => {
    const plain = fakeKey();
    const key = resolveKey('openai', 'production', { explicit: '', variables: ['OPENAI_API_KEY'], env: { OPENAI_API_KEY_PRODUCTION: '', OPENAI_API_KEY: plain } });
    assert.equal(key.value, plain);
  });

  it('throws MissingKeyError naming every source tried and the environment, never a value', () => {
    const unrelated = fakeKey();
    const error = (() => {
      try {
        resolveKey('openai', 'production', { variables: ['OPENAI_API_KEY'], env: { OPENAI_API_KEY_STAGING: unrelated } });
      } catch (e) {
        return e;
      }
      return assert.fail('expected MissingKeyError');
    })();
    assert.ok(MissingKeyError.isInstance(error));
    assert.equal(error.code, 'missing_key');
    assert.equal(error.provider, 'openai');
    assert.equal(error.environment, 'production');
    assert.deepEqual(error.tried, ['option keys.byProvider.openai', 'env OPENAI_API_KEY_PRODUCTION', 'env OPENAI_API_KEY']);
    assert.match(error.message, /"openai".*"production".*OPENAI_API_KEY_PRODUCTION, env OPENAI_API_KEY/);
    const dump = inspect(error, { depth: 5 }) + JSON.stringify(error) + String(error.stack);
    assert.ok(!dump.includes(unrelated));
  });

  it('returns a fingerprint of the key, not the key', () => {
    const value = fakeKey();
    const key = resolveKey('openai', 'production', { explicit: value, variables: [], env: {} });
    assert.match(key.fingerprint, /^fp_[0-9a-f]{12}$/);
    assert.ok(!key.fingerprint.includes(value.slice(8, 14)));
  });
});
