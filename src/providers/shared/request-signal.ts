import { AbortedError } from '../../errors/aborted-error.js';

/**
 * The signal handed to the SDK for one request: aborted by the caller's signal, by the consumer leaving a stream
 * early (`cancel`), or by the adapter's timeout. The SDK's own `timeout` option is not used: its timer is never
 * cleared, so every request would keep the process alive for the whole timeout. This one is cleared by `done()`,
 * and `touch()` restarts it, so for a stream it bounds the wait for each chunk rather than the whole stream.
 */
export class RequestSignal {
  readonly #controller = new AbortController();
  readonly #caller: AbortSignal | undefined;
  readonly #onCallerAbort = (): void => this.#controller.abort(this.#caller?.reason);
  #timer: NodeJS.Timeout | undefined;
  #timedOut = false;

  /**
   * @param caller - the call's own signal
   * @param timeoutMs - longest wait for a reply (or the next stream chunk)
   * @throws AbortedError when `caller` is already aborted
   */
  constructor(caller: AbortSignal | undefined, readonly timeoutMs: number) {
    // The SDK only listens for a future 'abort': an already aborted signal would let the request run unbounded.
    if (caller?.aborted) throw new AbortedError('the request was aborted before it was sent', { cause: caller.reason });
    this.#caller = caller;
    caller?.addEventListener('abort', this.#onCallerAbort, { once: true });
    this.touch();
  }

  /** The signal to pass to the SDK. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Whether the timeout fired. */
  get timedOut(): boolean {
    return this.#timedOut;
  }

  /** Restarts the timeout. */
  touch(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timedOut = true;
      this.#controller.abort(new Error('timeout'));
    }, this.timeoutMs);
    this.#timer.unref();
  }

  /** Aborts the request (the consumer stopped reading). */
  cancel(): void {
    this.#controller.abort();
    this.done();
  }

  /** Stops the timer and lets go of the caller's signal. */
  done(): void {
    clearTimeout(this.#timer);
    this.#caller?.removeEventListener('abort', this.#onCallerAbort);
  }
}
