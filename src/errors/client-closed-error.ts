import { AIMeterError, hasErrorCode } from './aimeter-error.js';

const CODE = 'client_closed';

/**
 * The client is shutting down (`ai.close()` was called, or SIGTERM / SIGINT arrived with `flushOnExit`): it
 * admits no new call and sends no further provider request, retries included. Calls already in flight when
 * the shutdown began are waited for; a retry that would have followed a failed attempt is not sent, and the
 * call fails with this error, the attempt's own error as its `cause`.
 *
 * @example
 * ```ts
 * try {
 *   await ai.chat({ model: 'openai:gpt-4o-mini', messages });
 * } catch (error) {
 *   if (ClientClosedError.isInstance(error)) return; // shutting down: drop the job, another worker takes it
 *   throw error;
 * }
 * ```
 */
export class ClientClosedError extends AIMeterError {
  /**
   * @param message - what was refused
   * @param options - the failed attempt's error as `cause`, when a retry was refused
   */
  constructor(message = 'the client is closed: it admits no new calls', options?: ErrorOptions) {
    super(CODE, message, options);
    this.name = 'ClientClosedError';
  }

  /**
   * Whether `error` is a {@link ClientClosedError} from any copy of the package.
   *
   * @example
   * ```ts
   * if (ClientClosedError.isInstance(error)) console.warn('shutting down; call not made');
   * ```
   */
  static override isInstance(error: unknown): error is ClientClosedError {
    return hasErrorCode(error, CODE);
  }
}
