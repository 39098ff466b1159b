import type { UsageEvent } from '../usage-event.js';

/** Slots of a new queue; it doubles from there up to its bound. */
const INITIAL_SLOTS = 64;

/**
 * A bounded first-in first-out queue of usage events on a ring buffer that grows to what the traffic needs;
 * taking a batch copies each event once. The ring never shrinks, so a sink's queue holds at most its bound's
 * worth of slots.
 */
export class EventQueue {
  readonly #limit: number;
  #ring: (UsageEvent | undefined)[] = new Array<UsageEvent | undefined>(INITIAL_SLOTS).fill(undefined);
  /** Slots - 1; slots are a power of two, so `& mask` wraps an index. */
  #mask = INITIAL_SLOTS - 1;
  #head = 0;
  #size = 0;

  /** @param limit - the most events held at once */
  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Events held. */
  get size(): number {
    return this.#size;
  }

  /** Appends `event`; false (and nothing stored) when the queue holds `limit` events already. */
  push(event: UsageEvent): boolean {
    const size = this.#size;
    if (size >= this.#limit) return false;
    if (size > this.#mask) this.#grow();
    this.#ring[(this.#head + size) & this.#mask] = event;
    this.#size = size + 1;
    return true;
  }

  /** Removes and returns up to `max` of the oldest events, oldest first. */
  take(max: number): UsageEvent[] {
    const count = Math.min(max, this.#size);
    const batch = new Array<UsageEvent>(count);
    const ring = this.#ring;
    const mask = this.#mask;
    let head = this.#head;
    for (let i = 0; i < count; i++) {
      batch[i] = ring[head]!;
      ring[head] = undefined; // the queue must not keep written events alive
      head = (head + 1) & mask;
    }
    this.#head = head;
    this.#size -= count;
    return batch;
  }

  #grow(): void {
    const slots = this.#ring.length * 2;
    const ring = new Array<UsageEvent | undefined>(slots).fill(undefined);
    for (let i = 0; i < this.#size; i++) ring[i] = this.#ring[(this.#head + i) & this.#mask];
    this.#ring = ring;
    this.#mask = slots - 1;
    this.#head = 0;
  }
}
