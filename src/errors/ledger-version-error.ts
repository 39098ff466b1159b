import { AIMeterError, hasErrorCode } from './aimeter-error.js';

const CODE = 'ledger_version';

/**
 * A ledger's schema is newer than this version of aimeter understands: a newer aimeter upgraded it. The ledger
 * is left untouched; upgrade aimeter to write to it or read it.
 *
 * @example
 * ```ts
 * try {
 *   await sqliteLedger('usage.db').open();
 * } catch (error) {
 *   if (LedgerVersionError.isInstance(error)) console.error(`${error.location} is at v${error.found}`);
 * }
 * ```
 */
export class LedgerVersionError extends AIMeterError {
  /** The ledger: a file path or a table name. */
  readonly location: string;
  /** Schema version found in the ledger. */
  readonly found: number;
  /** Newest schema version this aimeter knows. */
  readonly supported: number;

  /**
   * @param location - the ledger file or table
   * @param found - its schema version
   * @param supported - the newest version this aimeter knows
   */
  constructor(location: string, found: number, supported: number) {
    super(CODE, `${location}: ledger schema version ${found} is newer than ${supported}, the newest this aimeter knows; upgrade aimeter`);
    this.name = 'LedgerVersionError';
    this.location = location;
    this.found = found;
    this.supported = supported;
  }

  /**
   * Whether `error` is a {@link LedgerVersionError} from any copy of the package.
   *
   * @example
   * ```ts
   * if (LedgerVersionError.isInstance(error)) console.error(error.found, error.supported);
   * ```
   */
  static override isInstance(error: unknown): error is LedgerVersionError {
    return hasErrorCode(error, CODE);
  }
}
