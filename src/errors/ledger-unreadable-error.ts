import { AIMeterError, hasErrorCode } from './aimeter-error.js';

const CODE = 'ledger_unreadable';

/**
 * A ledger cannot be read at all: no such file, no permission, not a ledger, a database that does not answer.
 * (A ledger that reads but holds a bad record is a {@link LedgerCorruptError}.)
 *
 * @example
 * ```ts
 * try {
 *   await runReport(['--ledger', 'usage.db']);
 * } catch (error) {
 *   if (LedgerUnreadableError.isInstance(error)) console.error(error.location, error.message);
 * }
 * ```
 */
export class LedgerUnreadableError extends AIMeterError {
  /** The ledger: a file path, or a connection string without its password. */
  readonly location: string;

  /**
   * @param location - the ledger, with any password removed
   * @param reason - why it cannot be read
   * @param options - the underlying error as `cause`
   */
  constructor(location: string, reason: string, options?: ErrorOptions) {
    super(CODE, `${location}: ${reason}`, options);
    this.name = 'LedgerUnreadableError';
    this.location = location;
  }

  /**
   * Whether `error` is a {@link LedgerUnreadableError} from any copy of the package.
   *
   * @example
   * ```ts
   * if (LedgerUnreadableError.isInstance(error)) console.error(error.location);
   * ```
   */
  static override isInstance(error: unknown): error is LedgerUnreadableError {
    return hasErrorCode(error, CODE);
  }
}
