import { AIMeterError, hasErrorCode } from './aimeter-error.js';

const CODE = 'config_invalid';

/**
 * Thrown when options or a request are invalid: at `createAIClient` for options, before any request for calls.
 * `field` names the offending option path, e.g. `providers.openai` or `request.messages[2].role`.
 *
 * @example
 * ```ts
 * try {
 *   createAIClient({ providers: {} });
 * } catch (error) {
 *   if (ConfigError.isInstance(error)) console.error(error.field); // 'providers'
 * }
 * ```
 */
export class ConfigError extends AIMeterError {
  /** Path of the invalid option or request field. */
  readonly field: string;

  /**
   * @param field - path of the invalid field
   * @param message - what is wrong and what is expected
   */
  constructor(field: string, message: string) {
    super(CODE, `${field}: ${message}`);
    this.name = 'ConfigError';
    this.field = field;
  }

  /**
   * Whether `error` is a {@link ConfigError} from any copy of the package.
   *
   * @example
   * ```ts
   * if (ConfigError.isInstance(error)) console.error(error.field);
   * ```
   */
  static override isInstance(error: unknown): error is ConfigError {
    return hasErrorCode(error, CODE);
  }
}
