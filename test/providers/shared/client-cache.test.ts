import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClientCache } from '../../../src/providers/shared/client-cache.js';

describe('ClientCache', () => {
  it('creates one client per fingerprint and evicts the least recently used past capacity', () => {
    const cache = new ClientCache<{ id: string }>(2);
    let created = 0;
    const make = (id: string) => () => ({ id: `${id}#${++created}` });
    const a = cache.get('a', make('a'));
    assert.equal(cache.get('a', make('a')), a);
    cache.get('b', make('b'));
    cache.get('a', make('a')); // a is now the most recent
    cache.get('c', make('c')); // evicts b
    assert.equal(cache.get('a', make('a')), a);
    assert.equal(cache.get('b', make('b')).id, 'b#4');
    assert.equal(created, 4);
  });
});
