// A graceful shutdown through ai.close(): nothing new is admitted or sent, calls in flight and their usage are
// waited for (streams included, cut at the deadline), and only then are the sinks closed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AdapterCall } from '../../src/adapter.js';
import { createAIClient } from '../../src/client/index.js';
import { ClientClosedError } from '../../src/errors/client-closed-error.js';
import { ProviderError } from '../../src/errors/provider-error.js';
import { memorySink } from '../../src/sinks/memory-sink.js';
import { deferred, turn } from '../support/deferred.js';
import { chatRequest } from '../support/fixtures.js';
import { testAdapter, type TestAdapter } from '../support/test-adapter.js';

/** A test adapter whose chat replies only once `gate` opens: a provider still working on the request. */
function slowChat(gate: Promise<void>): TestAdapter & { arrived: Promise<void> } {
  const adapter = testAdapter();
  const arrived = deferred();
  const chat = adapter.chat!.bind(adapter);
  return Object.assign(adapter, {
    arrived: arrived.promise,
    chat: async (call: AdapterCall<'chat'>) => {
      arrived.resolve();
      await gate;
      return chat(call);
    },
  });
}

const isClosed = (error: unknown): boolean => ClientClosedError.isInstance(error) && error.code === 'client_closed';

describe('ai.close(): graceful shutdown', () => {
  it('waits for a call in flight at the provider and records its usage before closing the sinks', async () => {
    const gate = deferred();
    const adapter = slowChat(gate.promise);
    const sink = memorySink();
    const ai = createAIClient({ providers: { test: adapter }, sinks: [sink], flushOnExit: false });
    const call = ai.chat(chatRequest());
    await adapter.arrived;
    const closed = ai.close();
    await turn();
    gate.resolve();
    const reply = await call;
    await closed;
    assert.deepEqual(sink.events.map((e) => [e.callId, e.status]), [[reply.callId, 'ok']]);
  });

  it('refuses calls once close() began, before they reach the provider, with ClientClosedError (code client_closed)', async () => {
    const gate = deferred();
    const adapter = slowChat(gate.promise);
    const ai = createAIClient({ providers: { test: adapter }, sinks: [memorySink()], flushOnExit: false });
    const inFlight = ai.chat(chatRequest());
    await adapter.arrived;
    const closed = ai.close();
    await assert.rejects(ai.chat(chatRequest()), isClosed);
    await assert.rejects(ai.embed({ model: 'test:e', input: 'x' }), isClosed);
    const stream = ai.streamChat(chatRequest());
    await assert.rejects(stream.final, isClosed);
    gate.resolve();
    await inFlight;
    await closed;
    assert.deepEqual(adapter.calls.map((c) => c.operation), ['chat'], 'only the call admitted before close() reached the provider');
  });

  it('a call admitted before close() but not yet at the provider sends nothing', async () => {
    const gate = deferred();
    const reached = deferred();
    const adapter = testAdapter();
    const ai = createAIClient({ providers: { test: adapter }, flushOnExit: false });
    ai.use(async (_ctx, next) => {
      reached.resolve();
      await gate.promise; // e.g. a cache lookup or a limiter wait
      return next();
    });
    const call = ai.chat(chatRequest());
    await reached.promise;
    const closed = ai.close();
    gate.resolve();
    await assert.rejects(call, isClosed);
    await closed;
    assert.equal(adapter.calls.length, 0);
  });

  it('sends no retry once closing: a call waiting out its backoff fails at once, the provider error as cause', async () => {
    const adapter = testAdapter({ error: () => new ProviderError('overloaded', { provider: 'test', kind: 'server', status: 503 }) });
    const ai = createAIClient({ providers: { test: adapter }, flushOnExit: false, retry: { retries: 3, baseDelayMs: 3_600_000, jitter: 0 } });
    const retrying = new Promise<void>((resolve) => ai.once('retry', () => resolve()));
    const cleanup = new AbortController(); // ends the hour-long backoff should the shutdown not
    const call = ai.chat(chatRequest({ signal: cleanup.signal }));
    call.catch(() => undefined);
    try {
      await retrying;
      await ai.close();
      let settled = false;
      call.then(undefined, () => undefined).finally(() => (settled = true));
      await turn();
      assert.equal(settled, true, 'the call ended with the shutdown instead of waiting out its backoff');
      await assert.rejects(call, (error) => isClosed(error) && ProviderError.isInstance((error as Error).cause));
      assert.equal(adapter.calls.length, 1, 'no provider request after close()');
    } finally {
      cleanup.abort();
    }
  });

  it('waits for a stream the app is still reading, and records its usage when it ends', async () => {
    const sink = memorySink();
    const adapter = testAdapter({ deltas: 4 });
    const ai = createAIClient({ providers: { test: adapter }, sinks: [sink], flushOnExit: false });
    const stream = ai.streamChat(chatRequest());
    const it = stream[Symbol.asyncIterator]();
    assert.equal((await it.next()).done, false);
    const closed = ai.close();
    let chunks = 1;
    while (!(await it.next()).done) chunks++;
    await closed;
    assert.equal(chunks, 4);
    assert.equal((await stream.final).outcome, 'ok');
    assert.deepEqual(sink.events.map((e) => [e.callId, e.status, e.usage.outputTokens?.value]), [[stream.callId, 'ok', 4]]);
  });

  it('cuts a stream the app never finishes reading at closeTimeoutMs: the request is cancelled, its usage recorded as aborted (estimated)', async () => {
    const sink = memorySink();
    const adapter = testAdapter({ deltas: 5, holdAfter: 2 });
    const ai = createAIClient({ providers: { test: adapter }, sinks: [sink], flushOnExit: false, closeTimeoutMs: 20 });
    const read = ai.streamChat(chatRequest());
    const it = read[Symbol.asyncIterator]();
    await it.next();
    await it.next();
    const unread = ai.streamChat(chatRequest()); // opened, never iterated
    await new Promise<void>((resolve) => ai.once('response', () => resolve()));
    await ai.close();
    assert.deepEqual(adapter.streams.map((s) => [s.cancelled, s.outcome]), [[true, 'aborted'], [true, 'aborted']]);
    const byCall = new Map(sink.events.map((e) => [e.callId, e]));
    assert.equal(byCall.get(read.callId)?.status, 'aborted');
    assert.deepEqual(byCall.get(read.callId)?.usage.outputTokens, { value: 2, provenance: 'estimated' });
    assert.equal(byCall.get(unread.callId)?.status, 'aborted');
    assert.equal((await unread.final).outcome, 'aborted');
    await assert.rejects(it.next(), isClosed, 'a read after the cut says why the stream ended');
  });
});
