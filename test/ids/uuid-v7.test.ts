// Time-ordered ids: RFC 9562 layout, sorted by creation, unique within a millisecond and across a clock step back.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { uuidV7 } from '../../src/ids/uuid-v7.js';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const msOf = (id: string): number => Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('uuidV7', () => {
  it('has the version 7 layout and carries the Unix milliseconds it was made at', () => {
    const at = Date.UTC(2026, 10, 23, 15, 0, 0, 123);
    const id = uuidV7(at + 10_000); // later than anything made before in this process
    assert.match(id, V7);
    assert.equal(msOf(id), at + 10_000);
  });

  it('ids sort in the order they were made, thousands in one millisecond included', () => {
    const at = Date.now() + 20_000;
    const ids = Array.from({ length: 5_000 }, () => uuidV7(at));
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, V7);
    assert.ok(msOf(ids.at(-1)!) >= at, 'past 4096 in one millisecond the next millisecond is borrowed, never an earlier one');
  });

  it('stays in order when the clock steps back', () => {
    const at = Date.now() + 40_000;
    const first = uuidV7(at);
    const stepped = uuidV7(at - 5_000);
    assert.ok(stepped > first);
    assert.equal(msOf(stepped), at);
  });

  it('every digit of the random part is drawn: all sixteen hex digits occur at each position of the last group', () => {
    const ids = Array.from({ length: 2_000 }, () => uuidV7());
    for (const id of ids) assert.match(id, V7);
    for (let at = 24; at < 36; at++) {
      const seen = new Set(ids.map((id) => id[at]));
      assert.equal(seen.size, 16, `position ${at}: ${[...seen].join('')}`);
    }
    const tails = ids.map((id) => id.slice(19, 23)).join('');
    for (const digit of '0123456789abcdef') assert.ok(tails.includes(digit), `digit ${digit} in the random part`);
  });
});
