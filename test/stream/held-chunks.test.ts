import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { heldChunks } from '../../src/stream/held-chunks.js';

async function* numbers(log: string[]): AsyncGenerator<number> {
  try {
    for (let i = 1; i <= 4; i += 1) yield await Promise.resolve(i);
  } finally {
    log.push('closed');
  }
}

describe('heldChunks', () => {
  it('yields the results already read, then reads on from the same iterator', async () => {
    const log: string[] = [];
    const iterator = numbers(log);
    const head = [await iterator.next(), await iterator.next()];
    const seen: number[] = [];
    for await (const n of heldChunks(head, iterator)) seen.push(n);
    assert.deepEqual(seen, [1, 2, 3, 4]);
    assert.deepEqual(log, ['closed']);
  });

  it('a held done ends the stream there; return() closes the source iterator', async () => {
    const log: string[] = [];
    const iterator = numbers(log);
    assert.deepEqual(await heldChunks([{ done: true, value: undefined }], iterator)[Symbol.asyncIterator]().next(), { done: true, value: undefined });
    const head = [await iterator.next()];
    const seen: number[] = [];
    for await (const n of heldChunks(head, iterator)) {
      seen.push(n);
      if (n === 2) break;
    }
    assert.deepEqual(seen, [1, 2]);
    assert.deepEqual(log, ['closed']);
  });
});
