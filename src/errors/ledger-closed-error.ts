import { AIMeterError, hasErrorCode } from './aimeter-error.js';

const CODE = 'ledger_closed';

/**
 * A ledger was used after `close()`.
 *
 * @example
 * ```ts
 * await ledger.close();
 * await ledger.writeBatch(events).catch((error) => LedgerClosedError.isInstance(error)); // true
 * ```
 */
export class LedgerClosedError extends AIMeterError {
  /** The ledger's name. */
  readonly ledger: string;

  /** @param ledger - the ledger's name */
  constructor(ledger: string) {
    super(CODE, `ledger "${ledger}" is closed`);
    this.name = 'LedgerClosedError';
    this.ledger = ledger;
  }

  /**
   * Whether `error` is a {@link LedgerClosedError} from any copy of the package.
   *
   * @example
   * ```ts
   * if (LedgerClosedError.isInstance(error)) console.warn(`${error.ledger} was closed`);
   * ```
   */
  static override isInstance(error: unknown): error is LedgerClosedError {
    return hasErrorCode(error, CODE);
  }
}
