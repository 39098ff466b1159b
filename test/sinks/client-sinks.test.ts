// The sink contract as seen through the client: off the hot path, isolated, bounded, flushed on close().
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAIClient } from '../../src/client/index.js';
import type { AIClientOptions } from '../../src/client-options.js';
import { ClientClosedError } from '../../src/errors/client-closed-error.js';
import { SinkError } from '../../src/errors/sink-error.js';
import type { SinkErrorEvent } from '../../src/events.js';
import { memorySink } from '../../src/sinks/memory-sink.js';
import type { Sink } from '../../src/sinks/sink.js';
import type { UsageEvent } from '../../src/usage-event.js';
import { deferred, turn } from '../support/deferred.js';
import { chatRequest } from '../support/fixtures.js';
import { testAdapter } from '../support/test-adapter.js';

function client(sinks: Sink[], extra: Partial<AIClientOptions> = {}) {
  const ai = createAIClient({ providers: { test: testAdapter() }, sinks, flushOnExit: false, ...extra });
  const sinkErrors: SinkErrorEvent[] = [];
  ai.on('sink-error', (e) => sinkErrors.push(e));
  return { ai, sinkErrors };
}

/** A sink whose writes never settle; `started` resolves at the first write. */
function hangingSink() {
  const started = deferred();
  let writes = 0;
  const sink: Sink = {
    name: 'hanging',
    write: () => {
      writes++;
      started.resolve();
      return new Promise<void>(() => undefined);
    },
  };
  return { sink, started, writes: () => writes };
}

describe('sinks behind the client', () => {
  it('a throwing sink does not fail the call; it shows up as sink-error, a failure and a drop, and other sinks still get the event', async () => {
    const good = memorySink();
    const bug = new Error('sink bug');
    const { ai, sinkErrors } = client(
      [
        {
          name: 'throwing',
          write: () => {
            throw bug;
          },
        },
        good,
      ],
      { sinkQueue: { retries: 0 } },
    );
    const reply = await ai.chat(chatRequest());
    assert.equal(reply.output.text, 'echo m1');
    await ai.flush();
    assert.equal(sinkErrors.length, 1);
    assert.equal(sinkErrors[0]!.sink, 'throwing');
    assert.equal(sinkErrors[0]!.dropped, 1);
    assert.ok(SinkError.isInstance(sinkErrors[0]!.error));
    assert.equal(sinkErrors[0]!.error.cause, bug);
    const [throwing, memory] = ai.sinkStats();
    assert.deepEqual(throwing, { name: 'throwing', queued: 0, written: 0, dropped: 1, failures: 1 });
    assert.deepEqual(memory, { name: 'memory', queued: 0, written: 1, dropped: 0, failures: 0 });
    assert.equal(good.events.length, 1);
  });

  it('a sink that rejects asynchronously does not fail the call either', async () => {
    const { ai, sinkErrors } = client([{ write: () => Promise.reject(new Error('async sink bug')) }], { sinkQueue: { retries: 0 } });
    await ai.chat(chatRequest());
    await ai.flush();
    assert.equal(sinkErrors.length, 1);
    assert.equal(sinkErrors[0]!.sink, 'sink-1', 'an unnamed sink is named by its position');
  });

  it('a hanging sink (write never resolves) does not delay calls: they resolve while its write is still pending', async () => {
    const hanging = hangingSink();
    const { ai } = client([hanging.sink], { sinkQueue: { writeTimeoutMs: 3_600_000, retries: 0 }, closeTimeoutMs: 1 });
    const first = await ai.chat(chatRequest());
    assert.equal(first.output.text, 'echo m1', 'the call resolved before its usage event was even handed to the sink');
    await hanging.started.promise;
    // The sink is now stuck inside write() for the next hour; calls must not wait for it.
    const more = await Promise.all([ai.chat(chatRequest()), ai.chat(chatRequest()), ai.embed({ model: 'test:e', input: 'x' })]);
    assert.equal(more.length, 3);
    assert.equal(hanging.writes(), 1, 'the first write is still pending');
    assert.deepEqual(ai.sinkStats()[0], { name: 'hanging', queued: 3, written: 0, dropped: 0, failures: 0 });
  });

  it('a hanging sink shows up as a timeout sink-error once writeTimeoutMs passes; its write is neither retried nor counted', async () => {
    const hanging = hangingSink();
    const { ai, sinkErrors } = client([hanging.sink], { sinkQueue: { writeTimeoutMs: 1, retries: 2, retryDelayMs: 1 } });
    const reported = new Promise<SinkErrorEvent>((resolve) => ai.once('sink-error', resolve));
    await ai.chat(chatRequest());
    const keep = setInterval(() => undefined, 60_000); // the write timeout's timer does not keep the loop alive
    const { error, dropped } = await reported.finally(() => clearInterval(keep));
    assert.ok(SinkError.isInstance(error));
    assert.equal(error.reason, 'timeout');
    assert.equal(dropped, 0, 'the write may still land: nothing is counted lost');
    for (let i = 0; i < 5; i++) await turn();
    assert.equal(hanging.writes(), 1, 'no second write of the batch while the first may still land');
    assert.equal(sinkErrors.length, 1);
    assert.deepEqual(ai.sinkStats()[0], { name: 'hanging', queued: 0, written: 0, dropped: 0, failures: 1 });
  });

  it('drops usage events beyond the bounded queue of a stuck sink, counts them, and reports it once', async () => {
    const hanging = hangingSink();
    const { ai, sinkErrors } = client([hanging.sink], { sinkQueue: { writeTimeoutMs: 3_600_000, maxQueue: 2, maxBatch: 1, retries: 0 }, closeTimeoutMs: 1 });
    await ai.chat(chatRequest());
    await hanging.started.promise;
    for (let i = 0; i < 5; i++) await ai.chat(chatRequest());
    assert.deepEqual(ai.sinkStats()[0], { name: 'hanging', queued: 2, written: 0, dropped: 3, failures: 0 });
    assert.equal(sinkErrors.length, 1);
    assert.match(sinkErrors[0]!.error.message, /queue is full/);
  });

  it('hands events to writeBatch in batches of at most maxBatch', async () => {
    const batches: number[] = [];
    const { ai } = client([{ write: () => assert.fail('writeBatch is preferred'), writeBatch: (events) => void batches.push(events.length) }], { sinkQueue: { maxBatch: 2 } });
    // All five usage events are queued within one turn of the event loop, before the queue drains.
    await Promise.all(Array.from({ length: 5 }, () => ai.chat(chatRequest())));
    await ai.flush();
    assert.deepEqual(batches, [2, 2, 1]);
  });

  it('close() flushes everything written before it through a slow sink, then flushes and closes the sink', async () => {
    const log: string[] = [];
    const slow: Sink = {
      name: 'slow',
      write: async (event: UsageEvent) => {
        await turn();
        log.push(event.callId);
      },
      flush: () => void log.push('flush'),
      close: () => void log.push('close'),
    };
    const { ai } = client([slow], { sinkQueue: { maxBatch: 3 } });
    const replies = await Promise.all(Array.from({ length: 10 }, () => ai.chat(chatRequest())));
    const stream = ai.streamChat(chatRequest());
    for await (const _ of stream) void _;
    await ai.close();
    assert.deepEqual(log.slice(0, 11).sort(), [...replies.map((r) => r.callId), stream.callId].sort());
    assert.deepEqual(log.slice(11), ['flush', 'close']);
    assert.deepEqual(ai.sinkStats()[0], { name: 'slow', queued: 0, written: 11, dropped: 0, failures: 0 });
  });

  it('close() is idempotent and calls made after it are refused with ClientClosedError, reaching no sink', async () => {
    const sink = memorySink();
    const { ai } = client([sink]);
    await ai.chat(chatRequest());
    await ai.close();
    await ai.close();
    await assert.rejects(ai.chat(chatRequest()), (error) => ClientClosedError.isInstance(error) && error.code === 'client_closed');
    await ai.flush();
    assert.equal(sink.events.length, 1);
  });

  it('flush() completes a retried write even when nothing else keeps the process alive', async () => {
    let tries = 0;
    const sink = memorySink();
    const flaky: Sink = {
      name: 'flaky',
      write: (event) => {
        if (++tries === 1) throw new Error('transient');
        sink.write(event);
      },
    };
    const { ai, sinkErrors } = client([flaky], { sinkQueue: { retries: 1, retryDelayMs: 20 } });
    await ai.chat(chatRequest());
    await ai.flush();
    assert.equal(sink.events.length, 1);
    assert.equal(sinkErrors.length, 1);
    assert.equal(sinkErrors[0]!.dropped, 0, 'a failure that will be retried loses nothing');
  });

  it('memorySink swapped in holds the usage events of the calls, for assertions', async () => {
    const sink = memorySink();
    const { ai } = client([sink], { tags: { project: 'p' } });
    const reply = await ai.chat(chatRequest({ tags: { customer: 'acme' } }));
    await ai.flush();
    assert.equal(sink.events.length, 1);
    assert.equal(sink.events[0]!.callId, reply.callId);
    assert.deepEqual(sink.events[0]!.tags, { project: 'p', customer: 'acme' });
  });
});
