import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editDistance } from '../../src/config/edit-distance.js';
import { assertKnownKeys, closestName } from '../../src/config/known-keys.js';
import { ConfigError } from '../../src/errors/config-error.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit each', () => {
    assert.equal(editDistance('store', 'store'), 0);
    assert.equal(editDistance('scop', 'scope'), 1);
    assert.equal(editDistance('scopee', 'scope'), 1);
    assert.equal(editDistance('stare', 'store'), 1);
    assert.equal(editDistance('stroe', 'store'), 1);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('kitten', 'sitting'), 3);
  });
});

describe('closestName', () => {
  const names = ['policies', 'store', 'clock', 'pollMs', 'defaultOutputTokens', 'adaptive'];
  it('finds the name a typo or a case slip was meant to be', () => {
    assert.equal(closestName('stroe', names), 'store');
    assert.equal(closestName('polices', names), 'policies');
    assert.equal(closestName('defaultoutputtokens', names), 'defaultOutputTokens');
  });
  it('suggests nothing when no name is close', () => {
    assert.equal(closestName('colour', names), undefined);
    assert.equal(closestName('x', names), undefined);
  });
});

describe('assertKnownKeys', () => {
  it('accepts known keys only', () => {
    assertKnownKeys({ store: 1, clock: 2 }, ['store', 'clock'], 'limits');
  });
  it('names the unknown key by its path and the closest valid name', () => {
    assert.throws(
      () => assertKnownKeys({ policies: [], stroe: {} }, ['policies', 'store'], 'limits'),
      (error) => ConfigError.isInstance(error) && error.field === 'limits.stroe' && error.message === 'limits.stroe: unknown option; did you mean limits.store?',
    );
  });
  it('lists the valid names when none is close, and works at the top level', () => {
    assert.throws(
      () => assertKnownKeys({ colour: 'red' }, ['providers', 'sinks'], ''),
      (error) => ConfigError.isInstance(error) && error.field === 'colour' && error.message === 'colour: unknown option; expected one of providers, sinks',
    );
  });
});
