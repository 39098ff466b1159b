import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { EventQueue } from '../../src/sinks/event-queue.js';
import { usageEvent } from '../support/make-usage-event.js';

const ids = (events: readonly { id: string }[]): string[] => events.map((e) => e.id);

describe('EventQueue: the bounded ring in front of each sink', () => {
  it('keeps first-in first-out order while growing past its first slots and wrapping around', () => {
    const queue = new EventQueue(1000);
    let pushed = 0;
    let taken: string[] = [];
    // Interleaved pushes and takes move the head around the ring before and after each growth.
    for (const [push, take] of [[50, 30], [100, 70], [300, 250], [10, 200]] as const) {
      for (let i = 0; i < push; i++) assert.equal(queue.push(usageEvent({ id: `e${pushed++}` })), true);
      taken = [...taken, ...ids(queue.take(take))];
    }
    taken = [...taken, ...ids(queue.take(Infinity))];
    assert.deepEqual(taken, Array.from({ length: pushed }, (_, i) => `e${i}`));
    assert.equal(queue.size, 0);
  });

  it('refuses events beyond its bound, and takes them again once there is room', () => {
    const queue = new EventQueue(3);
    for (const id of ['a', 'b', 'c']) assert.equal(queue.push(usageEvent({ id })), true);
    assert.equal(queue.push(usageEvent({ id: 'd' })), false);
    assert.equal(queue.size, 3);
    assert.deepEqual(ids(queue.take(2)), ['a', 'b']);
    assert.equal(queue.push(usageEvent({ id: 'e' })), true);
    assert.deepEqual(ids(queue.take(10)), ['c', 'e']);
    assert.deepEqual(queue.take(10), []);
  });

  it('lets go of the events it handed out', async () => {
    const queue = new EventQueue(10);
    const ref = ((): WeakRef<object> => {
      const event = usageEvent({ id: 'gone' });
      queue.push(event);
      return new WeakRef(event);
    })();
    queue.take(1);
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // A WeakRef keeps its target alive until the job that made it ends.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    assert.equal(ref.deref(), undefined);
  });
});
