// A real JSONL sink whose writes are slower than writeTimeoutMs: each event must land once, and the stats must
// say so. Before, a timed-out batch was retried while its first write was still under way: 30 lines for 10 events.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createAIClient } from '../../src/client/index.js';
import { SinkError } from '../../src/errors/sink-error.js';
import type { SinkErrorEvent } from '../../src/events.js';
import { jsonlSink } from '../../src/ledger/jsonl-sink.js';
import type { Sink } from '../../src/sinks/sink.js';
import { deferred } from '../support/deferred.js';
import { chatRequest } from '../support/fixtures.js';
import { testAdapter } from '../support/test-adapter.js';

/** The real JSONL sink, whose batch writes start only once `gate` opens: a disk that stalls. */
function stalledJsonl(path: string, gate: Promise<void>): Sink {
  const real = jsonlSink(path);
  return {
    name: 'slow-jsonl',
    write: (event) => gate.then(() => real.write(event)),
    writeBatch: (events) => gate.then(() => real.writeBatch!(events)),
    flush: () => real.flush?.(),
    close: () => real.close?.(),
  };
}

describe('a sink slower than writeTimeoutMs', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aimeter-slow-sink-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes each event once (no retry while the timed-out write may still land) and counts what landed', async () => {
    const file = join(dir, 'usage.jsonl');
    const gate = deferred();
    const ai = createAIClient({
      providers: { test: testAdapter() },
      sinks: [stalledJsonl(file, gate.promise)],
      // The stall is the gate; the timeout leaves the real write, once the gate opens, ample time on a busy machine.
      sinkQueue: { writeTimeoutMs: 250, retries: 2, retryDelayMs: 1 },
      flushOnExit: false,
    });
    const errors: SinkErrorEvent[] = [];
    const timedOut = deferred();
    ai.on('sink-error', (e) => {
      errors.push(e);
      timedOut.resolve();
    });
    await Promise.all(Array.from({ length: 10 }, () => ai.chat(chatRequest())));
    const keep = setInterval(() => undefined, 60_000); // the write timeout's timer does not keep the loop alive
    await timedOut.promise.finally(() => clearInterval(keep));
    // The stalled write timed out; only now does the disk catch up.
    gate.resolve();
    await ai.close();
    const lines = (await readFile(file, 'utf8')).split('\n').filter(Boolean);
    assert.equal(lines.length, 10, 'each event written once');
    assert.equal(new Set(lines.map((l) => (JSON.parse(l) as { id: string }).id)).size, 10);
    assert.deepEqual(ai.sinkStats()[0], { name: 'slow-jsonl', queued: 0, written: 10, dropped: 0, failures: 1 });
    assert.deepEqual(errors.map((e) => [SinkError.isInstance(e.error) ? e.error.reason : '?', e.dropped]), [['timeout', 0]]);
  });
});
