import { AIMeterError, hasErrorCode } from './aimeter-error.js';

const CODE = 'aborted';

/**
 * Thrown when a call is cancelled through its `AbortSignal` (for example on barge-in in a voice agent).
 * The usage of whatever the provider already produced is still metered.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * setTimeout(() => controller.abort(), 100);
 * try {
 *   await ai.chat({ model: 'openai:gpt-4o-mini', messages, signal: controller.signal });
 * } catch (error) {
 *   if (AbortedError.isInstance(error)) console.log('cancelled');
 * }
 * ```
 */
export class AbortedError extends AIMeterError {
  /**
   * @param message - what was aborted
   * @param options - the abort reason as `cause`
   */
  constructor(message = 'The call was aborted', options?: ErrorOptions) {
    super(CODE, message, options);
    this.name = 'AbortedError';
  }

  /**
   * Whether `error` is an {@link AbortedError} from any copy of the package.
   *
   * @example
   * ```ts
   * if (AbortedError.isInstance(error)) return;
   * ```
   */
  static override isInstance(error: unknown): error is AbortedError {
    return hasErrorCode(error, CODE);
  }
}
