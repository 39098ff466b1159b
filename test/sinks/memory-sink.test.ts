import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memorySink } from '../../src/sinks/memory-sink.js';
import { usageEvent } from '../support/make-usage-event.js';

describe('memorySink', () => {
  it('keeps events in write order', () => {
    const sink = memorySink();
    sink.write(usageEvent({ id: 'evt-2' }));
    sink.write(usageEvent({ id: 'evt-1' }));
    assert.deepEqual(sink.events.map((e) => e.id), ['evt-2', 'evt-1']);
  });

  it('stores each event id once, so a retried batch does not duplicate', () => {
    const sink = memorySink();
    sink.write(usageEvent({ id: 'evt-1' }));
    sink.write(usageEvent({ id: 'evt-1', latencyMs: 99 }));
    sink.write(usageEvent({ id: 'evt-2' }));
    assert.deepEqual(sink.events.map((e) => e.id), ['evt-1', 'evt-2']);
    assert.equal(sink.events[0]!.latencyMs, 12.5, 'the first copy wins');
  });

  it('writeBatch appends a batch in order, and a batch written again (a retry) is not duplicated', () => {
    const sink = memorySink();
    const batch = [usageEvent({ id: 'a' }), usageEvent({ id: 'b' })];
    sink.writeBatch(batch);
    assert.deepEqual(sink.events.map((e) => e.id), ['a', 'b']);
    sink.writeBatch(batch);
    sink.writeBatch([usageEvent({ id: 'c' }), usageEvent({ id: 'a' })]);
    assert.deepEqual(sink.events.map((e) => e.id), ['a', 'b', 'c']);
    assert.equal(sink.events[0], batch[0]);
  });

  it('clear() forgets events and the ids seen', () => {
    const sink = memorySink();
    sink.write(usageEvent({ id: 'evt-1' }));
    sink.clear();
    assert.equal(sink.events.length, 0);
    sink.write(usageEvent({ id: 'evt-1' }));
    assert.equal(sink.events.length, 1);
  });

  it('is named memory unless told otherwise', () => {
    assert.equal(memorySink().name, 'memory');
    assert.equal(memorySink({ name: 'tenant-a' }).name, 'tenant-a');
  });
});
