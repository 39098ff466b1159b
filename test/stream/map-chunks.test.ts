import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StreamOutcome } from '../../src/call-result.js';
import { defineStream } from '../../src/stream/define-stream.js';
import { mapChunks } from '../../src/stream/map-chunks.js';
import { filterStreamErrors } from '../../src/stream/source-iterator.js';

async function* numbers(n: number, failAt?: number): AsyncGenerator<number> {
  for (let i = 0; i < n; i++) {
    await Promise.resolve();
    if (i === failAt) throw new Error(`raw failure at ${i}`);
    yield i;
  }
}

// Odd numbers only, doubled: every even chunk is skipped, as a usage-only chunk is.
const oddDoubled = (n: number): number | undefined => (n % 2 === 1 ? n * 2 : undefined);

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const got: T[] = [];
  for await (const item of iterable) got.push(item);
  return got;
}

function defined(chunks: AsyncIterable<number>, mapError?: (error: unknown) => unknown) {
  const settles: StreamOutcome[] = [];
  const result = defineStream<number, string>({
    chunks,
    settle: (outcome) => {
      settles.push(outcome);
      return { output: outcome, usage: { requests: 1 } };
    },
    cancel: () => undefined,
    ...(mapError ? { mapError } : {}),
  });
  return { result, settles };
}

describe('mapChunks', () => {
  it('maps and skips chunks when iterated on its own, and calls end once the source is done', async () => {
    let ended = 0;
    const got = await collect(mapChunks(numbers(6), oddDoubled, () => void ended++));
    assert.deepEqual(got, [2, 6, 10]);
    assert.equal(ended, 1);
  });

  it('maps and skips the same way inside defineStream, counting only the deltas', async () => {
    let ended = 0;
    const { result, settles } = defined(mapChunks(numbers(6), oddDoubled, () => void ended++));
    assert.deepEqual(await collect(result.stream), [2, 6, 10]);
    const end = await result.final;
    assert.equal(end.outcome, 'ok');
    assert.equal(end.chunks, 3);
    assert.equal(ended, 1);
    assert.deepEqual(settles, ['ok']);
  });

  it('fails the stream through mapError when map throws, and stops reading the source', async () => {
    let pulled = 0;
    async function* counted(): AsyncGenerator<number> {
      for (let i = 0; i < 10; i++) {
        await Promise.resolve();
        pulled += 1;
        yield i;
      }
    }
    const boom = (n: number): number => {
      if (n === 2) throw new Error('bad chunk');
      return n;
    };
    const { result } = defined(mapChunks(counted(), boom), (error) => new Error(`mapped: ${(error as Error).message}`));
    await assert.rejects(collect(result.stream), /mapped: bad chunk/);
    const end = await result.final;
    assert.equal(end.outcome, 'error');
    assert.match(String(end.error), /mapped: bad chunk/);
    assert.equal(end.chunks, 2);
    assert.equal(pulled, 3);
  });

  it('fails the stream when end throws (an SDK that ends quietly on abort)', async () => {
    const { result } = defined(
      mapChunks(numbers(2), (n) => n, () => {
        throw new Error('ended early');
      }),
    );
    await assert.rejects(collect(result.stream), /ended early/);
    assert.equal((await result.final).outcome, 'error');
  });

  it('fails the stream when the source fails, after the chunks before it', async () => {
    const { result } = defined(mapChunks(numbers(5, 3), (n) => n));
    const got: number[] = [];
    await assert.rejects(async () => {
      for await (const n of result.stream) got.push(n);
    }, /raw failure at 3/);
    assert.deepEqual(got, [0, 1, 2]);
    assert.equal((await result.final).outcome, 'error');
  });

  it('passes thrown errors through every filter added, in order', async () => {
    const { result } = defined(mapChunks(numbers(3, 1), (n) => n));
    const first = filterStreamErrors(result, (error) => new Error(`first(${(error as Error).message})`));
    const second = filterStreamErrors(first, (error) => new Error(`second(${(error as Error).message})`));
    await assert.rejects(collect(second.stream), { message: 'second(first(raw failure at 1))' });
    assert.equal(((await second.final).error as Error).message, 'second(first(raw failure at 1))');
  });
});
