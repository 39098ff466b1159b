import { flushOnExit } from '../sinks/exit-flush.js';
import type { Chain } from './build-chain.js';
import type { EventBus } from './event-bus.js';
import type { InFlightCalls } from './in-flight-calls.js';

/**
 * A client's shutdown, by `close()` or by a signal: admit nothing more, wait for the calls in flight, flush
 * and close the sinks, close what the chain opened (secret-manager resolvers, an owned limiter).
 *
 * @example
 * ```ts
 * const lifecycle = new ClientLifecycle({ calls, bus, chain, closeTimeoutMs: 10_000, exitHooks: true });
 * await lifecycle.close();
 * ```
 */
export class ClientLifecycle {
  readonly #calls: InFlightCalls;
  readonly #bus: EventBus;
  readonly #chain: Chain;
  readonly #timeoutMs: number;
  readonly #detachExit: (() => void) | undefined;
  #closing: Promise<void> | undefined;

  /** @param parts - the client's calls, bus and chain; the longest wait; whether to hook process exit and signals */
  constructor(parts: { calls: InFlightCalls; bus: EventBus; chain: Chain; closeTimeoutMs: number; exitHooks: boolean }) {
    this.#calls = parts.calls;
    this.#bus = parts.bus;
    this.#chain = parts.chain;
    this.#timeoutMs = parts.closeTimeoutMs;
    const sinks = parts.bus.sinks;
    if (sinks.size > 0 && parts.exitHooks) {
      this.#detachExit = flushOnExit({
        flushOnExit: () => sinks.flush(this.#timeoutMs),
        hasPendingWork: () => sinks.hasPendingWork(),
        shutdown: () => this.#calls.drain(this.#timeoutMs).then(() => sinks.flush(this.#timeoutMs)),
      });
    }
  }

  /** Waits for the usage owed by streams already ended (a cut stream's count), then writes every queued usage event to the sinks and flushes them. */
  async flush(): Promise<void> {
    await this.#calls.ended(this.#timeoutMs);
    return this.#bus.sinks.flush(this.#timeoutMs);
  }

  /** Shuts down once; every caller gets the same promise. */
  close(): Promise<void> {
    return (this.#closing ??= this.#close());
  }

  async #close(): Promise<void> {
    this.#calls.stop();
    this.#detachExit?.();
    try {
      await this.#calls.drain(this.#timeoutMs);
      await this.#bus.closeSinks(this.#timeoutMs);
    } finally {
      await this.#chain.keys.close();
      const limits = this.#chain.limiter;
      if (limits?.owned) await limits.limiter.close();
    }
  }
}
