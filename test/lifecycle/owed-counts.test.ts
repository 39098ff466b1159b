// A cut stream's usage is counted off the event loop (issue 17): its `final` and usage event come later than
// the cut. flush() and close() wait for such counts still owed; a stream still being read does not hold flush().
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAIClient } from '../../src/client/index.js';
import { memorySink } from '../../src/sinks/memory-sink.js';
import { testAdapter } from '../support/test-adapter.js';

const request = { model: 'test:model' as const, messages: [{ role: 'user' as const, content: 'hi' }] };

describe('usage owed by cut streams', () => {
  it('flush() waits for the count of a stream the caller stopped, then writes its event', async () => {
    const sink = memorySink();
    const ai = createAIClient({ providers: { test: testAdapter({ deltas: 10, settleDelayMs: 50 }) }, sinks: [sink], flushOnExit: false });
    try {
      for await (const _ of ai.streamChat(request)) break;
      assert.equal(sink.events.length, 0, 'the count is still owed');
      await ai.flush();
      assert.equal(sink.events.length, 1);
      assert.equal(sink.events[0]!.status, 'aborted');
    } finally {
      await ai.close();
    }
  });

  it('close() waits for it too', async () => {
    const sink = memorySink();
    const ai = createAIClient({ providers: { test: testAdapter({ deltas: 10, settleDelayMs: 50 }) }, sinks: [sink], flushOnExit: false });
    for await (const _ of ai.streamChat(request)) break;
    await ai.close();
    assert.equal(sink.events.length, 1);
  });

  it('flush() does not wait for a stream still being read', async () => {
    const sink = memorySink();
    const ai = createAIClient({ providers: { test: testAdapter({ deltas: 10, holdAfter: 1 }) }, sinks: [sink], flushOnExit: false });
    try {
      const chunks = ai.streamChat(request)[Symbol.asyncIterator]();
      await chunks.next();
      await ai.flush(); // returns: the stream is open, nothing owed yet
      assert.equal(sink.events.length, 0);
      await chunks.return!();
    } finally {
      await ai.close();
    }
    assert.equal(sink.events.length, 1);
  });
});
