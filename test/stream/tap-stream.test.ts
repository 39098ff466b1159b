import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStreamResult, type StreamEnd } from '../../src/call-result.js';
import { createAIClient } from '../../src/client/index.js';
import type { Middleware } from '../../src/compose.js';
import type { ChatDelta } from '../../src/operations/chat.js';
import { tapStream } from '../../src/stream/tap-stream.js';
import { chatRequest } from '../support/fixtures.js';
import { testAdapter, type TestAdapterOptions } from '../support/test-adapter.js';

/** A stream-observing middleware, as a user would write one with tapStream. */
function observer() {
  const seen = { chunks: [] as string[], ends: [] as StreamEnd[], chunksAtEnd: -1 };
  const middleware: Middleware = async (_ctx, next) => {
    const result = await next();
    if (!isStreamResult(result)) return result;
    void result.final.then((end) => {
      seen.chunksAtEnd = seen.chunks.length;
      seen.ends.push(end);
    });
    return tapStream(result, (chunk) => seen.chunks.push((chunk as ChatDelta).text ?? ''));
  };
  return { seen, middleware };
}

function setup(options: TestAdapterOptions) {
  const adapter = testAdapter(options);
  const { seen, middleware } = observer();
  const ai = createAIClient({ providers: { test: adapter }, middleware: [middleware] });
  return { adapter, ai, seen };
}

describe('tapStream in a middleware', () => {
  it('sees each chunk as it passes (not buffered) and the end of a complete stream', async () => {
    const { ai, seen } = setup({ deltas: 3 });
    const stream = ai.streamChat(chatRequest());
    const consumerSaw: number[] = [];
    for await (const _ of stream) consumerSaw.push(seen.chunks.length);
    assert.deepEqual(consumerSaw, [1, 2, 3], 'the middleware saw chunk N before the consumer got it, one at a time');
    await stream.final;
    assert.deepEqual(seen.chunks, ['t0 ', 't1 ', 't2 ']);
    assert.equal(seen.ends.length, 1);
    assert.equal(seen.ends[0]!.outcome, 'ok');
    assert.equal(seen.chunksAtEnd, 3);
  });

  it('sees the abort when the consumer breaks, and the break still cancels the adapter', async () => {
    const { adapter, ai, seen } = setup({ deltas: 10 });
    const stream = ai.streamChat(chatRequest());
    for await (const _ of stream) {
      if (seen.chunks.length === 2) break;
    }
    await stream.final;
    assert.equal(seen.ends[0]!.outcome, 'aborted');
    assert.equal(seen.ends[0]!.chunks, 2);
    assert.equal(adapter.streams[0]!.cancelled, true);
  });

  it('sees the abort when the AbortSignal fires', async () => {
    const { ai, seen } = setup({ deltas: 10 });
    const controller = new AbortController();
    const stream = ai.streamChat(chatRequest({ signal: controller.signal }));
    await assert.rejects(async () => {
      for await (const _ of stream) controller.abort();
    });
    await stream.final;
    assert.equal(seen.ends[0]!.outcome, 'aborted');
    assert.deepEqual(seen.chunks, ['t0 ']);
  });

  it('sees the failure of a stream that breaks mid-way, with the error', async () => {
    const { ai, seen } = setup({ deltas: 5, failAfter: 1 });
    const stream = ai.streamChat(chatRequest());
    await assert.rejects(async () => {
      for await (const _ of stream) void _;
    }, /stream cut/);
    await stream.final.catch(() => undefined);
    assert.equal(seen.ends[0]!.outcome, 'error');
    assert.match(String((seen.ends[0]!.error as Error).message), /stream cut/);
    assert.deepEqual(seen.chunks, ['t0 ']);
  });

  it('keeps the result head (final, status, requestId) when wrapping', () => {
    const final = Promise.resolve({ output: 1, usage: { requests: 1 }, outcome: 'ok' as const, chunks: 0 });
    const stream = (async function* () {})();
    const tapped = tapStream({ stream, final, status: 200, requestId: 'r' }, () => undefined);
    assert.equal(tapped.final, final);
    assert.equal(tapped.status, 200);
    assert.equal(tapped.requestId, 'r');
  });
});
