/**
 * The timed waits of one simulator (latency, chunk pacing, delay faults), all ended at once when it closes.
 * One listener on the close signal serves every wait: a listener per wait on that shared signal would pile
 * up with the exchanges in flight (Node warns past 10 listeners on one signal).
 */
export class Pauses {
  readonly #waiting = new Set<() => void>();
  #closed = false;

  /** @param closing - aborted when the simulator closes */
  constructor(closing: AbortSignal) {
    if (closing.aborted) this.#closed = true;
    else closing.addEventListener('abort', () => this.#closeAll(), { once: true });
  }

  /** Waits `ms`: true once the time has passed, false at once if the simulator closed first. */
  wait(ms: number): Promise<boolean> {
    if (this.#closed) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const finish = (passed: boolean): void => {
        clearTimeout(timer);
        this.#waiting.delete(interrupt);
        resolve(passed);
      };
      const interrupt = (): void => finish(false);
      const timer = setTimeout(() => finish(true), ms);
      this.#waiting.add(interrupt);
    });
  }

  #closeAll(): void {
    this.#closed = true;
    for (const interrupt of [...this.#waiting]) interrupt();
  }
}
