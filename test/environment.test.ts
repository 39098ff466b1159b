import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ENVIRONMENT_VARIABLES, resolveEnvironment } from '../src/environment.js';

describe('resolveEnvironment', () => {
  it('prefers the option, then AIMETER_ENV, APP_ENV, NODE_ENV, else development', () => {
    const all = { AIMETER_ENV: 'a', APP_ENV: 'b', NODE_ENV: 'c' };
    assert.equal(resolveEnvironment('opt', all), 'opt');
    assert.equal(resolveEnvironment(undefined, all), 'a');
    assert.equal(resolveEnvironment(undefined, { APP_ENV: 'b', NODE_ENV: 'c' }), 'b');
    assert.equal(resolveEnvironment(undefined, { NODE_ENV: 'c' }), 'c');
    assert.equal(resolveEnvironment(undefined, {}), 'development');
    assert.deepEqual(ENVIRONMENT_VARIABLES, ['AIMETER_ENV', 'APP_ENV', 'NODE_ENV']);
  });

  it('skips empty variables', () => {
    assert.equal(resolveEnvironment(undefined, { AIMETER_ENV: '', APP_ENV: 'qa' }), 'qa');
    assert.equal(resolveEnvironment('', { NODE_ENV: 'production' }), 'production');
  });
});
