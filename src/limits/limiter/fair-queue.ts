/**
 * Waiters in arrival order, by counter: a call that arrives while others wait for the same counter queues
 * behind them instead of overtaking them.
 *
 * @example
 * ```ts
 * const queues = new FairQueues<Waiter>();
 * queues.insert('rpm', waiter); // kept sorted by waiter.seq
 * ```
 */
export class FairQueues<W extends { readonly seq: number }> {
  readonly #queues = new Map<string, W[]>();

  /** Whether anyone waits for `key`. */
  busy(key: string): boolean {
    return (this.#queues.get(key)?.length ?? 0) > 0;
  }

  /** The first waiter for `key`. */
  head(key: string): W | undefined {
    return this.#queues.get(key)?.[0];
  }

  /** Adds a waiter in arrival (`seq`) order. */
  insert(key: string, waiter: W): void {
    const queue = this.#queues.get(key) ?? [];
    let at = queue.length;
    while (at > 0 && queue[at - 1]!.seq > waiter.seq) at -= 1;
    queue.splice(at, 0, waiter);
    this.#queues.set(key, queue);
  }

  /** Removes a waiter wherever it is; true if it was queued. */
  remove(waiter: W): boolean {
    for (const [key, queue] of this.#queues) {
      const at = queue.indexOf(waiter);
      if (at < 0) continue;
      queue.splice(at, 1);
      if (queue.length === 0) this.#queues.delete(key);
      return true;
    }
    return false;
  }
}
