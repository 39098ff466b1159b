import { setMaxListeners } from 'node:events';
import type { StreamCallResult } from '../call-result.js';
import { ClientClosedError } from '../errors/client-closed-error.js';
import { CuttableStream } from './cuttable-stream.js';

/**
 * How long streams cut at the shutdown deadline get to record their usage. A cut settles a stream at once, so
 * this only bounds a middleware whose stream wrapper does not pass the cut on.
 */
export const CUT_GRACE_MS = 1_000;

/**
 * The calls a client has admitted and not yet finished, and its shutdown. A call is in flight from admission
 * until its usage was emitted: a non-stream call until its result or error, a stream until its `final`
 * settled. Once {@link stop} ran, nothing more is admitted and `signal` is aborted, which tells retries and the
 * gate in front of the provider to send nothing more. {@link drain} then waits for the calls in flight, and at
 * its deadline cuts the streams still open so that their usage is recorded too.
 *
 * @example
 * ```ts
 * const calls = new InFlightCalls();
 * calls.admit(); // throws ClientClosedError once stopping
 * const reply = await handler(ctx).then((result) => calls.leave(result), (error) => Promise.reject(calls.leave(error)));
 * await calls.drain(10_000);
 * ```
 */
export class InFlightCalls {
  readonly #closing = new AbortController();
  /** The streams handed out and not yet metered, with their `final`. */
  readonly #streams = new Map<CuttableStream<unknown>, Promise<unknown>>();
  #count = 0;
  #cutting = false;
  #drained: Promise<void> | undefined;
  /** Set while a drain waits: re-checks its condition after each call that leaves. */
  #check: (() => void) | undefined;

  constructor() {
    // Every call waiting out a retry backoff listens to it: any number of them is expected, not a leak.
    setMaxListeners(0, this.#closing.signal);
  }

  /** Whether the shutdown began. */
  get closing(): boolean {
    return this.#closing.signal.aborted;
  }

  /** Aborted when the shutdown begins. */
  get signal(): AbortSignal {
    return this.#closing.signal;
  }

  /** Calls in flight. */
  get size(): number {
    return this.#count;
  }

  /** Counts a call in; throws {@link ClientClosedError} once the shutdown began. */
  admit(): void {
    if (this.closing) throw new ClientClosedError();
    this.#count++;
  }

  /** Counts a call out; returns `outcome` (its result or error) unchanged, to chain. */
  leave<T>(outcome: T): T {
    this.#count--;
    this.#check?.();
    return outcome;
  }

  /** Counts a stream out, once its end was metered: `result` is what {@link cuttable} returned. */
  leaveStream(result: StreamCallResult): void {
    this.#streams.delete(result.stream as CuttableStream<unknown>);
    this.leave(result);
  }

  /** Why the gate in front of the provider refuses a request once closing. */
  refusal(): ClientClosedError {
    return new ClientClosedError('the client is closing: no new provider request is sent');
  }

  /** The stream result with chunks a drain can cut; cut at once when the deadline already passed. */
  cuttable<D, O>(result: StreamCallResult<D, O>): StreamCallResult<D, O> {
    const stream = new CuttableStream(result.stream);
    if (this.#cutting) void stream.cut();
    else this.#streams.set(stream, result.final);
    return { ...result, stream };
  }

  /**
   * Resolves once the streams the caller is done with have their end (a cut stream's usage counted off the
   * loop), or after `timeoutMs`: what `flush()` waits for before it flushes the sinks. Streams still being read
   * are not waited for.
   */
  ended(timeoutMs: number): Promise<void> {
    const owed = [...this.#streams].filter(([stream]) => stream.ended).map(([, final]) => final);
    if (owed.length === 0) return Promise.resolve();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    return Promise.race([Promise.all(owed).then(() => undefined), late]).finally(() => clearTimeout(timer));
  }

  /** Begins the shutdown: admits nothing more, and aborts `signal`. */
  stop(): void {
    if (!this.closing) this.#closing.abort(new ClientClosedError());
  }

  /**
   * Stops admitting, then waits up to `timeoutMs` for the calls in flight. At the deadline, streams still open
   * are cut and get {@link CUT_GRACE_MS} to record their usage; a non-stream call still waiting for its reply is
   * left to finish on its own. Every caller shares the first drain.
   */
  drain(timeoutMs: number): Promise<void> {
    this.stop();
    return (this.#drained ??= this.#drain(timeoutMs));
  }

  async #drain(timeoutMs: number): Promise<void> {
    if (await this.#until(() => this.#count === 0, timeoutMs)) return;
    this.#cutting = true;
    const open = [...this.#streams.keys()];
    for (const stream of open) void stream.cut();
    await this.#until(() => open.every((s) => !this.#streams.has(s)), CUT_GRACE_MS);
  }

  /** Resolves true once `done()` holds, false after `ms`. The timer keeps the process alive meanwhile. */
  #until(done: () => boolean, ms: number): Promise<boolean> {
    if (done()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#check = undefined;
        resolve(false);
      }, ms);
      this.#check = () => {
        if (!done()) return;
        clearTimeout(timer);
        this.#check = undefined;
        resolve(true);
      };
    });
  }
}
