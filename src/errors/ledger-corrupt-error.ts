import { AIMeterError, hasErrorCode } from './aimeter-error.js';

const CODE = 'ledger_corrupt';

/**
 * A ledger holds something that is not a usage event: a torn or edited line, a foreign file. Reading stops
 * there rather than report figures that silently skip records.
 *
 * @example
 * ```ts
 * try {
 *   await readJsonlLedger('usage.jsonl');
 * } catch (error) {
 *   if (LedgerCorruptError.isInstance(error)) console.error(`${error.path}:${error.line}: ${error.message}`);
 * }
 * ```
 */
export class LedgerCorruptError extends AIMeterError {
  /** The ledger file. */
  readonly path: string;
  /** 1-based line of the bad record. */
  readonly line: number;

  /**
   * @param path - the ledger file
   * @param line - 1-based line of the bad record
   * @param reason - what is wrong with it
   */
  constructor(path: string, line: number, reason: string) {
    super(CODE, `${path} line ${line}: ${reason}`);
    this.name = 'LedgerCorruptError';
    this.path = path;
    this.line = line;
  }

  /**
   * Whether `error` is a {@link LedgerCorruptError} from any copy of the package.
   *
   * @example
   * ```ts
   * if (LedgerCorruptError.isInstance(error)) console.error(error.line);
   * ```
   */
  static override isInstance(error: unknown): error is LedgerCorruptError {
    return hasErrorCode(error, CODE);
  }
}
