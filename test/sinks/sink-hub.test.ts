import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SinkError } from '../../src/errors/sink-error.js';
import type { SinkErrorEvent } from '../../src/events.js';
import { SinkHub } from '../../src/sinks/sink-hub.js';
import type { Sink, SinkQueueOptions } from '../../src/sinks/sink.js';
import type { UsageEvent } from '../../src/usage-event.js';
import { deferred, turn } from '../support/deferred.js';
import { usageEvent } from '../support/make-usage-event.js';

const SETTINGS: SinkQueueOptions = { maxQueue: 100, maxBatch: 10, writeTimeoutMs: 3_600_000, retries: 0, retryDelayMs: 0 };
/** Longer than any test runs: flush()/close() never give up waiting in these tests. */
const NO_DEADLINE = 3_600_000;

/** Keeps the event loop alive while awaiting `promise`: the channel's write timeout timer does not. */
async function alive<T>(promise: Promise<T>): Promise<T> {
  const keep = setInterval(() => undefined, 60_000);
  try {
    return await promise;
  } finally {
    clearInterval(keep);
  }
}

/** One sink behind the client's queueing (SinkHub → SinkChannel), the way the client feeds it. */
function channel(sink: Sink, settings: SinkQueueOptions = {}) {
  const reports: SinkErrorEvent[] = [];
  const hub = new SinkHub([{ name: 'unit', ...sink }], { ...SETTINGS, ...settings }, (e) => reports.push(e));
  const ch = {
    push: (event: UsageEvent) => hub.push(event),
    flush: () => hub.flush(NO_DEADLINE),
    close: () => hub.close(NO_DEADLINE),
    stats: () => hub.stats()[0]!,
  };
  return { ch, reports };
}

describe('SinkHub / SinkChannel: the queue in front of each sink', () => {
  it('hands queued events to writeBatch in batches of at most maxBatch, in order', async () => {
    const batches: string[][] = [];
    const { ch } = channel({ write: () => assert.fail('writeBatch is preferred'), writeBatch: (b) => void batches.push(b.map((e) => e.id)) }, { maxBatch: 2 });
    for (let i = 1; i <= 5; i++) ch.push(usageEvent({ id: `evt-${i}` }));
    await ch.flush();
    assert.deepEqual(batches, [['evt-1', 'evt-2'], ['evt-3', 'evt-4'], ['evt-5']]);
    assert.deepEqual(ch.stats(), { name: 'unit', queued: 0, written: 5, dropped: 0, failures: 0 });
  });

  it('calls write once per event when the sink has no writeBatch', async () => {
    const ids: string[] = [];
    const { ch } = channel({ write: (e) => void ids.push(e.id) });
    for (let i = 1; i <= 3; i++) ch.push(usageEvent({ id: `evt-${i}` }));
    await ch.flush();
    assert.deepEqual(ids, ['evt-1', 'evt-2', 'evt-3']);
  });

  it('keeps event order when some writes settle at once and others return a promise', async () => {
    const ids: string[] = [];
    const { ch } = channel({
      write: (e) => {
        if (Number(e.id.split('-')[1]) % 2 === 0) return void ids.push(e.id);
        return turn().then(() => void ids.push(e.id));
      },
    });
    for (let i = 1; i <= 6; i++) ch.push(usageEvent({ id: `evt-${i}` }));
    await ch.flush();
    assert.deepEqual(ids, ['evt-1', 'evt-2', 'evt-3', 'evt-4', 'evt-5', 'evt-6']);
    assert.deepEqual(ch.stats(), { name: 'unit', queued: 0, written: 6, dropped: 0, failures: 0 });
  });

  it('does not write on the caller\'s tick: push only queues', async () => {
    let writes = 0;
    const { ch } = channel({ write: () => void writes++ });
    ch.push(usageEvent({ id: 'evt-1' }));
    assert.equal(writes, 0);
    assert.equal(ch.stats().queued, 1);
    await turn();
    assert.equal(writes, 1, 'the queue drains on its own, without flush()');
  });

  it('drops and counts events beyond maxQueue, reporting one sink-error per overflow episode', async () => {
    const gate = deferred();
    const started = deferred();
    const { ch, reports } = channel(
      {
        write: () => {
          started.resolve();
          return gate.promise;
        },
      },
      { maxQueue: 2, maxBatch: 1 },
    );
    ch.push(usageEvent({ id: 'evt-1' }));
    await started.promise;
    for (let i = 2; i <= 6; i++) ch.push(usageEvent({ id: `evt-${i}` }));
    assert.deepEqual(ch.stats(), { name: 'unit', queued: 2, written: 0, dropped: 3, failures: 0 });
    assert.equal(reports.length, 1);
    assert.match(String(reports[0]!.error.message), /queue is full/);
    gate.resolve();
    await ch.flush();
    assert.deepEqual(ch.stats(), { name: 'unit', queued: 0, written: 3, dropped: 3, failures: 0 });
  });

  it('retries a failed batch and counts it written when a retry succeeds (dropped 0 in the report)', async () => {
    let calls = 0;
    const { ch, reports } = channel(
      {
        writeBatch: () => {
          if (++calls === 1) throw new Error('transient');
        },
        write: () => undefined,
      },
      { retries: 2 },
    );
    ch.push(usageEvent({ id: 'evt-1' }));
    await ch.flush();
    assert.equal(calls, 2);
    assert.deepEqual(ch.stats(), { name: 'unit', queued: 0, written: 1, dropped: 0, failures: 1 });
    assert.equal(reports.length, 1);
    assert.equal(reports[0]!.dropped, 0);
  });

  it('drops a batch that fails every try, reporting the loss on the last failure with the cause', async () => {
    const cause = new Error('disk full');
    const { ch, reports } = channel({ write: () => Promise.reject(cause) }, { retries: 1, maxBatch: 5 });
    ch.push(usageEvent({ id: 'evt-1' }));
    ch.push(usageEvent({ id: 'evt-2' }));
    await ch.flush();
    assert.deepEqual(ch.stats(), { name: 'unit', queued: 0, written: 0, dropped: 2, failures: 2 });
    assert.deepEqual(reports.map((r) => r.dropped), [0, 2]);
    const error = reports[1]!.error;
    assert.ok(SinkError.isInstance(error));
    assert.equal(error.reason, 'threw');
    assert.equal(error.cause, cause);
  });

  it('reports a write slower than writeTimeoutMs as a timeout, then waits for it: not retried, counted written once it lands', async () => {
    const ids: string[] = [];
    const gate = deferred();
    const timedOut = deferred();
    const reports: SinkErrorEvent[] = [];
    const settings = { ...SETTINGS, writeTimeoutMs: 1, maxBatch: 1, retries: 2, retryDelayMs: 0 };
    const sink: Sink = {
      name: 'unit',
      write: (e) => {
        ids.push(e.id);
        return e.id === 'evt-1' ? gate.promise : undefined;
      },
    };
    const hub = new SinkHub([sink], settings, (e) => {
      reports.push(e);
      timedOut.resolve();
    });
    hub.push(usageEvent({ id: 'evt-1' }));
    hub.push(usageEvent({ id: 'evt-2' }));
    await alive(timedOut.promise);
    for (let i = 0; i < 5; i++) await turn();
    assert.deepEqual(ids, ['evt-1'], 'neither a retry nor the next batch while the slow write may still land');
    assert.ok(SinkError.isInstance(reports[0]!.error) && reports[0]!.error.reason === 'timeout');
    assert.deepEqual(hub.stats()[0], { name: 'unit', queued: 1, written: 0, dropped: 0, failures: 1 });
    gate.resolve();
    await hub.flush(NO_DEADLINE);
    assert.deepEqual(ids, ['evt-1', 'evt-2']);
    assert.equal(reports.length, 1);
    assert.deepEqual(hub.stats()[0], { name: 'unit', queued: 0, written: 2, dropped: 0, failures: 1 });
  });

  it('retries a timed-out write only once it has failed', async () => {
    let writes = 0;
    const gate = deferred();
    const timedOut = deferred();
    const reports: SinkErrorEvent[] = [];
    const sink: Sink = { name: 'unit', write: () => (++writes === 1 ? gate.promise : undefined) };
    const hub = new SinkHub([sink], { ...SETTINGS, writeTimeoutMs: 1, retries: 1, retryDelayMs: 0 }, (e) => {
      reports.push(e);
      timedOut.resolve();
    });
    hub.push(usageEvent({ id: 'evt-1' }));
    await alive(timedOut.promise);
    for (let i = 0; i < 5; i++) await turn();
    assert.equal(writes, 1);
    gate.reject(new Error('disk full'));
    await hub.flush(NO_DEADLINE);
    assert.equal(writes, 2, 'retried after the slow write failed');
    assert.deepEqual(reports.map((r) => (SinkError.isInstance(r.error) ? r.error.reason : '?')), ['timeout', 'threw']);
    assert.deepEqual(hub.stats()[0], { name: 'unit', queued: 0, written: 1, dropped: 0, failures: 2 });
  });

  it('flush() waits for everything pushed before it, then calls the sink flush; close() then calls close', async () => {
    const log: string[] = [];
    const { ch } = channel({
      write: async (e: UsageEvent) => {
        await turn();
        log.push(e.id);
      },
      flush: () => void log.push('flush'),
      close: () => void log.push('close'),
    });
    for (let i = 1; i <= 3; i++) ch.push(usageEvent({ id: `evt-${i}` }));
    await ch.close();
    assert.deepEqual(log, ['evt-1', 'evt-2', 'evt-3', 'flush', 'close']);
  });

  it('reports a throwing sink flush or close as sink-error instead of throwing', async () => {
    const { ch, reports } = channel({
      write: () => undefined,
      flush: () => {
        throw new Error('flush bug');
      },
      close: () => Promise.reject(new Error('close bug')),
    });
    await ch.close();
    assert.equal(reports.length, 2);
  });

  it('never strands an event pushed while a drain is finishing (whatever the microtask timing)', async () => {
    for (let depth = 0; depth < 40; depth++) {
      const gate = deferred();
      let writes = 0;
      const { ch } = channel({ write: () => (++writes === 1 ? gate.promise : undefined) });
      ch.push(usageEvent({ id: 'evt-1' }));
      await turn();
      gate.resolve();
      for (let i = 0; i < depth; i++) await Promise.resolve();
      ch.push(usageEvent({ id: 'evt-2' }));
      for (let i = 0; i < 5; i++) await turn();
      assert.equal(ch.stats().queued, 0, `event pushed ${depth} microtasks after the write resolved is still queued`);
      assert.equal(ch.stats().written, 2);
    }
  });
});

describe('SinkHub.hasPendingWork (what beforeExit flushes on)', () => {
  it('is true while events are queued or written but not yet flushed by a sink that has flush(), false after flush()', async () => {
    const hub = new SinkHub([{ write: () => undefined, flush: () => undefined }], SETTINGS, () => undefined);
    assert.equal(hub.hasPendingWork(), false);
    hub.push(usageEvent({ id: 'evt-1' }));
    assert.equal(hub.hasPendingWork(), true);
    await turn();
    assert.equal(hub.stats()[0]!.written, 1);
    assert.equal(hub.hasPendingWork(), true, 'written but the sink has not flushed yet');
    await hub.flush(NO_DEADLINE);
    assert.equal(hub.hasPendingWork(), false);
  });

  it('is false once a sink without flush() has written everything', async () => {
    const hub = new SinkHub([{ write: () => undefined }], SETTINGS, () => undefined);
    hub.push(usageEvent({ id: 'evt-1' }));
    await turn();
    await turn();
    assert.equal(hub.hasPendingWork(), false);
  });
});
