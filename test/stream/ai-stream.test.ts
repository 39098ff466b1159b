import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAIClient } from '../../src/client/index.js';
import { AbortedError } from '../../src/errors/aborted-error.js';
import { ConfigError } from '../../src/errors/config-error.js';
import { ProviderError } from '../../src/errors/provider-error.js';
import { StreamConsumedError } from '../../src/errors/stream-consumed-error.js';
import type { ErrorEvent } from '../../src/events.js';
import type { ChatDelta } from '../../src/operations/chat.js';
import type { UsageEvent } from '../../src/usage-event.js';
import { estimated, reported } from '../../src/usage.js';
import { chatRequest } from '../support/fixtures.js';
import { testAdapter, type TestAdapterOptions } from '../support/test-adapter.js';

function setup(options: TestAdapterOptions = {}) {
  const adapter = testAdapter(options);
  const ai = createAIClient({ providers: { test: adapter } });
  const usage: UsageEvent[] = [];
  const errors: ErrorEvent[] = [];
  ai.on('usage', (e) => usage.push(e));
  ai.on('error', (e) => errors.push(e));
  return { adapter, ai, usage, errors };
}

describe('streamChat', () => {
  it('yields every delta, then final resolves ok with reported usage, chunk count and the call id', async () => {
    const { adapter, ai, usage } = setup({ deltas: 4 });
    const stream = ai.streamChat(chatRequest());
    const texts: string[] = [];
    for await (const delta of stream) texts.push(delta.text ?? '');
    assert.deepEqual(texts, ['t0 ', 't1 ', 't2 ', 't3 ']);
    const end = await stream.final;
    assert.equal(end.outcome, 'ok');
    assert.equal(end.chunks, 4);
    assert.equal(end.callId, stream.callId);
    assert.equal(end.output.text, 't0 t1 t2 t3 ');
    assert.deepEqual(end.usage.outputTokens, reported(4));
    assert.equal(adapter.streams[0]!.cancelled, false);
    assert.equal(usage.length, 1);
    assert.equal(usage[0]!.status, 'ok');
    assert.equal(usage[0]!.callId, stream.callId);
    assert.ok(usage[0]!.timeToFirstChunkMs !== undefined && usage[0]!.timeToFirstChunkMs >= 0);
  });

  it('a break out of for await cancels the adapter request; final is aborted with estimated usage, and metered', async () => {
    const { adapter, ai, usage } = setup({ deltas: 10 });
    const stream = ai.streamChat(chatRequest());
    let seen = 0;
    for await (const _ of stream) {
      if (++seen === 2) break;
    }
    const probe = adapter.streams[0]!;
    assert.equal(probe.cancelled, true, "the adapter's cancel() ran");
    assert.equal(probe.requestAborted, true, 'the underlying request signal was aborted');
    assert.equal(probe.produced, 2, 'nothing is produced after the break');
    const end = await stream.final;
    assert.equal(end.outcome, 'aborted');
    assert.equal(end.chunks, 2);
    assert.deepEqual(end.usage.outputTokens, estimated(2));
    assert.equal(usage.length, 1, 'an aborted stream is still metered');
    assert.equal(usage[0]!.status, 'aborted');
    assert.deepEqual(usage[0]!.usage.outputTokens, estimated(2));
  });

  it('a break still reaches the adapter through a middleware that wraps the stream', async () => {
    const { adapter, ai } = setup({ deltas: 10 });
    ai.use(async (_ctx, next) => next());
    for await (const _ of ai.streamChat(chatRequest())) break;
    assert.equal(adapter.streams[0]!.cancelled, true);
  });

  it('an AbortSignal fired between chunks cancels the request and rejects iteration with AbortedError', async () => {
    const { adapter, ai, usage, errors } = setup({ deltas: 10 });
    const controller = new AbortController();
    const stream = ai.streamChat(chatRequest({ signal: controller.signal }));
    const received: ChatDelta[] = [];
    await assert.rejects(
      (async () => {
        for await (const delta of stream) {
          received.push(delta);
          if (received.length === 3) controller.abort();
        }
      })(),
      (error) => AbortedError.isInstance(error),
    );
    assert.equal(received.length, 3);
    assert.equal(adapter.streams[0]!.requestAborted, true);
    const end = await stream.final;
    assert.equal(end.outcome, 'aborted');
    assert.deepEqual(end.usage.outputTokens, estimated(3));
    assert.equal(usage[0]!.status, 'aborted');
    assert.equal(errors.length, 0, 'a cancelled stream is not an error');
  });

  it('an AbortSignal fired while the consumer waits for the next chunk reaches the adapter', async () => {
    const { adapter, ai, usage } = setup({ deltas: 10, holdAfter: 1 });
    const controller = new AbortController();
    const stream = ai.streamChat(chatRequest({ signal: controller.signal }));
    const iterator = stream[Symbol.asyncIterator]();
    assert.equal((await iterator.next()).done, false);
    const waiting = iterator.next();
    // The adapter holds the stream until its request is cancelled: only the signal can end this wait.
    setImmediate(() => controller.abort());
    await assert.rejects(waiting, (error) => AbortedError.isInstance(error));
    assert.equal(adapter.streams[0]!.requestAborted, true);
    assert.equal((await stream.final).outcome, 'aborted');
    assert.equal(usage[0]!.status, 'aborted');
  });

  it('a failure mid-stream rejects the iteration and final with the error, meters it and emits an error event', async () => {
    const { ai, usage, errors } = setup({ deltas: 5, failAfter: 2 });
    const stream = ai.streamChat(chatRequest());
    const received: ChatDelta[] = [];
    await assert.rejects(
      (async () => {
        for await (const delta of stream) received.push(delta);
      })(),
      (error) => ProviderError.isInstance(error) && error.kind === 'server',
    );
    assert.equal(received.length, 2);
    await assert.rejects(stream.final, (error) => ProviderError.isInstance(error));
    assert.equal(usage.length, 1);
    assert.equal(usage[0]!.status, 'error');
    assert.equal(usage[0]!.errorKind, 'server');
    assert.deepEqual(usage[0]!.usage.outputTokens, estimated(2));
    assert.equal(errors.length, 1);
    assert.ok(ProviderError.isInstance(errors[0]!.error));
  });

  it('a stream that fails to open rejects both the iteration and final, and emits an error event', async () => {
    const failure = new ProviderError('bad key', { provider: 'test', kind: 'auth', status: 401 });
    const { ai, errors } = setup({ error: () => failure });
    const stream = ai.streamChat(chatRequest());
    await assert.rejects(
      (async () => {
        for await (const _ of stream) assert.fail('no chunk expected');
      })(),
      (error) => error === failure,
    );
    await assert.rejects(stream.final, (error) => error === failure);
    assert.equal(errors.length, 1);
  });

  it('an invalid request rejects final with ConfigError without calling the adapter', async () => {
    const { adapter, ai } = setup();
    const stream = ai.streamChat(chatRequest({ model: 'nope:x' }));
    await assert.rejects(stream.final, (error) => ConfigError.isInstance(error));
    await assert.rejects(stream[Symbol.asyncIterator]().next(), (error) => ConfigError.isInstance(error));
    assert.equal(adapter.calls.length, 0);
  });

  it('can be iterated only once: a second loop throws StreamConsumedError (code stream_consumed)', async () => {
    const { ai } = setup();
    const stream = ai.streamChat(chatRequest());
    for await (const _ of stream) void _;
    const consumed = (error: unknown): boolean => {
      assert.ok(StreamConsumedError.isInstance(error), `expected StreamConsumedError, got ${String(error)}`);
      assert.equal(error.code, 'stream_consumed');
      assert.ok(error.message.includes(stream.callId), error.message);
      return true;
    };
    assert.throws(() => stream[Symbol.asyncIterator](), consumed);
    await assert.rejects(async () => {
      for await (const _ of stream) void _;
    }, consumed);
  });

  it('passes the call signal to the adapter', async () => {
    const { adapter, ai } = setup();
    const controller = new AbortController();
    for await (const _ of ai.streamChat(chatRequest({ signal: controller.signal }))) void _;
    assert.equal(adapter.calls[0]!.call.signal, controller.signal);
  });

  it('streamSpeak streams through the same chain and is cancelled by break too', async () => {
    const { adapter, ai, usage } = setup({ deltas: 6 });
    for await (const _ of ai.streamSpeak({ model: 'test:tts', voice: 'v', text: 'hello' })) break;
    assert.equal(adapter.streams[0]!.cancelled, true);
    assert.equal(usage[0]!.operation, 'streamSpeak');
    assert.equal(usage[0]!.status, 'aborted');
  });
});
