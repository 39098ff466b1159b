import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StreamOutcome } from '../../src/call-result.js';
import { AbortedError } from '../../src/errors/aborted-error.js';
import { defineStream, type StreamSource } from '../../src/stream/define-stream.js';

async function* numbers(n: number, failAt?: number): AsyncGenerator<number> {
  for (let i = 0; i < n; i++) {
    await Promise.resolve();
    if (i === failAt) throw new Error(`raw failure at ${i}`);
    yield i;
  }
}

function source(chunks: AsyncIterable<number>, extra: Partial<StreamSource<number, string>> = {}) {
  const log = { settles: [] as StreamOutcome[], cancels: 0 };
  const src: StreamSource<number, string> = {
    chunks,
    settle: (outcome) => {
      log.settles.push(outcome);
      return { output: `settled ${outcome}`, usage: { requests: 1 } };
    },
    cancel: () => void log.cancels++,
    ...extra,
  };
  return { log, src };
}

describe('defineStream', () => {
  it('resolves final once with ok, the chunk count and the first-chunk time when fully consumed', async () => {
    const { log, src } = source(numbers(3));
    const result = defineStream(src);
    const got: number[] = [];
    for await (const n of result.stream) got.push(n);
    const end = await result.final;
    assert.deepEqual(got, [0, 1, 2]);
    assert.equal(end.outcome, 'ok');
    assert.equal(end.chunks, 3);
    assert.equal(typeof end.firstChunkAt, 'number');
    assert.equal(end.output, 'settled ok');
    assert.deepEqual(log.settles, ['ok']);
    assert.equal(log.cancels, 0);
  });

  it('cancels and settles aborted when the consumer stops early, once however often return() is called', async () => {
    const { log, src } = source(numbers(10));
    const result = defineStream(src);
    const it = result.stream[Symbol.asyncIterator]();
    await it.next();
    await it.return!();
    await it.return!();
    assert.deepEqual(await it.next(), { done: true, value: undefined }, 'nothing more after the stop');
    const end = await result.final;
    assert.equal(end.outcome, 'aborted');
    assert.equal(end.chunks, 1);
    assert.equal(log.cancels, 1);
    assert.deepEqual(log.settles, ['aborted']);
  });

  it('cancels even when the consumer stops before its first next()', async () => {
    const { log, src } = source(numbers(10));
    const result = defineStream(src);
    await result.stream[Symbol.asyncIterator]().return!();
    assert.equal(log.cancels, 1);
    assert.equal((await result.final).chunks, 0);
    assert.equal((await result.final).firstChunkAt, undefined);
  });

  it('maps a mid-stream error, rethrows the mapped error and settles error carrying it', async () => {
    const mapped = new Error('mapped');
    const { log, src } = source(numbers(5, 2), { mapError: () => mapped });
    const result = defineStream(src);
    const got: number[] = [];
    await assert.rejects(
      (async () => {
        for await (const n of result.stream) got.push(n);
      })(),
      (error) => error === mapped,
    );
    const end = await result.final;
    assert.deepEqual(got, [0, 1]);
    assert.equal(end.outcome, 'error');
    assert.equal(end.error, mapped);
    assert.deepEqual(log.settles, ['error']);
    assert.equal(log.cancels, 0);
  });

  it('counts an error while the signal is aborted as aborted and throws AbortedError with the reason as cause', async () => {
    const controller = new AbortController();
    const reason = new Error('barge-in');
    const { log, src } = source(numbers(5, 1), { signal: controller.signal, mapError: () => assert.fail('an abort is not mapped') });
    const result = defineStream(src);
    const it = result.stream[Symbol.asyncIterator]();
    await it.next();
    controller.abort(reason);
    await assert.rejects(it.next(), (error) => AbortedError.isInstance(error) && (error as Error).cause === reason);
    assert.equal((await result.final).outcome, 'aborted');
    assert.deepEqual(log.settles, ['aborted']);
  });

  it('still resolves final (as error) when settle itself throws', async () => {
    const bug = new Error('settle bug');
    const result = defineStream({
      chunks: numbers(1),
      settle: () => {
        throw bug;
      },
      cancel: () => undefined,
    });
    for await (const _ of result.stream) void _;
    const end = await result.final;
    assert.equal(end.outcome, 'error');
    assert.equal(end.error, bug);
    assert.equal(end.usage.requests, 1);
  });

  it('a settle that returns a promise (a count off the loop): the cut returns at once, final follows the promise', async () => {
    let count!: (tokens: number) => void;
    const counted = new Promise<number>((resolve) => (count = resolve));
    const result = defineStream<number, string>({
      chunks: numbers(10),
      settle: (outcome) => counted.then((tokens) => ({ output: `${outcome} after ${tokens}`, usage: { requests: 1 } })),
      cancel: () => undefined,
    });
    const it = result.stream[Symbol.asyncIterator]();
    await it.next();
    await it.return!();
    let ended = false;
    void result.final.then(() => (ended = true));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(ended, false, 'final waits for the count');
    count(42);
    const end = await result.final;
    assert.equal(end.outcome, 'aborted');
    assert.equal(end.output, 'aborted after 42');
    assert.equal(end.chunks, 1);
  });

  it('a settle whose promise rejects still resolves final, as error', async () => {
    const bug = new Error('count failed');
    const result = defineStream<number, string>({ chunks: numbers(1), settle: () => Promise.reject(bug), cancel: () => undefined });
    for await (const _ of result.stream) void _;
    const end = await result.final;
    assert.equal(end.outcome, 'error');
    assert.equal(end.error, bug);
    assert.equal(end.usage.requests, 1);
  });

  it('carries status and requestId on the result head', () => {
    const { src } = source(numbers(0), { status: 200, requestId: 'req-9' });
    const result = defineStream(src);
    assert.equal(result.status, 200);
    assert.equal(result.requestId, 'req-9');
    assert.equal('headers' in result, false, 'no headers given, none on the head');
  });

  it('carries the reply headers on the result head', () => {
    const headers = { 'x-ratelimit-remaining-requests': '59' };
    const { src } = source(numbers(0), { headers });
    assert.deepEqual(defineStream(src).headers, headers);
  });
});
