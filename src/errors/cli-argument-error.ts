import { AIMeterError, hasErrorCode } from './aimeter-error.js';

const CODE = 'cli_argument_invalid';

/**
 * A command-line argument of `aimeter` is unknown or has a bad value. The CLI prints the message (no stack)
 * and exits with status 2.
 *
 * @example
 * ```ts
 * try {
 *   await runReport(['--since', 'yesterday']);
 * } catch (error) {
 *   if (CliArgumentError.isInstance(error)) console.error(error.option, error.message);
 * }
 * ```
 */
export class CliArgumentError extends AIMeterError {
  /** The option at fault, e.g. `--since`. */
  readonly option: string;

  /**
   * @param option - the option at fault, e.g. `--since`
   * @param message - what is wrong and what is expected
   */
  constructor(option: string, message: string) {
    super(CODE, `${option}: ${message}`);
    this.name = 'CliArgumentError';
    this.option = option;
  }

  /**
   * Whether `error` is a {@link CliArgumentError} from any copy of the package.
   *
   * @example
   * ```ts
   * if (CliArgumentError.isInstance(error)) process.exitCode = 2;
   * ```
   */
  static override isInstance(error: unknown): error is CliArgumentError {
    return hasErrorCode(error, CODE);
  }
}
