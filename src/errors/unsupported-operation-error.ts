import { AIMeterError, hasErrorCode } from './aimeter-error.js';

const CODE = 'unsupported_operation';

/**
 * Thrown before any request when a provider has no such operation, e.g. `embed` on ElevenLabs.
 *
 * @example
 * ```ts
 * try {
 *   await ai.embed({ model: 'elevenlabs:eleven_flash_v2_5', input: 'hi' });
 * } catch (error) {
 *   if (UnsupportedOperationError.isInstance(error)) console.error(error.provider, error.operation);
 * }
 * ```
 */
export class UnsupportedOperationError extends AIMeterError {
  /** The provider asked. */
  readonly provider: string;
  /** The operation it lacks. */
  readonly operation: string;

  /**
   * @param provider - provider name
   * @param operation - operation name
   */
  constructor(provider: string, operation: string) {
    super(CODE, `provider "${provider}" does not support ${operation}`);
    this.name = 'UnsupportedOperationError';
    this.provider = provider;
    this.operation = operation;
  }

  /**
   * Whether `error` is an {@link UnsupportedOperationError} from any copy of the package.
   *
   * @example
   * ```ts
   * if (UnsupportedOperationError.isInstance(error)) console.error(error.operation);
   * ```
   */
  static override isInstance(error: unknown): error is UnsupportedOperationError {
    return hasErrorCode(error, CODE);
  }
}
