import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SdkMissingError } from '../src/errors/sdk-missing-error.js';
import { lazySdk } from '../src/lazy-sdk.js';

describe('lazySdk', () => {
  it('turns a missing package into an SdkMissingError naming it, and tries again next time', async () => {
    let attempts = 0;
    const load = lazySdk('not-installed-sdk', () => {
      attempts += 1;
      // A computed specifier, so no bundler or type checker resolves it.
      const name = ['not', 'installed', 'sdk'].join('-');
      return import(name) as Promise<unknown>;
    });
    for (let i = 0; i < 2; i += 1) {
      await assert.rejects(load(), (error: unknown) => {
        assert.ok(SdkMissingError.isInstance(error));
        assert.equal(error.packageName, 'not-installed-sdk');
        assert.match(error.message, /npm install not-installed-sdk/);
        return true;
      });
    }
    assert.equal(attempts, 2);
  });

  it('loads once and shares the module; other failures pass through unchanged', async () => {
    let attempts = 0;
    const load = lazySdk('node:path', () => {
      attempts += 1;
      return import('node:path');
    });
    assert.equal(await load(), await load());
    assert.equal(attempts, 1);
    const broken = new Error('syntax error in sdk');
    await assert.rejects(lazySdk('x', () => Promise.reject(broken))(), (e) => e === broken);
  });
});
