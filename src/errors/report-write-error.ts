import { AIMeterError, hasErrorCode } from './aimeter-error.js';

const CODE = 'report_write_failed';

/**
 * `aimeter report --out PATH` could not write its file (no such directory, no permission, disk full). Nothing is
 * left half-written: the report goes to a temporary file beside `PATH` that replaces it only once complete.
 *
 * @example
 * ```ts
 * try {
 *   await runReport(['--format', 'html', '--out', '/read-only/report.html']);
 * } catch (error) {
 *   if (ReportWriteError.isInstance(error)) console.error(error.path, error.message);
 * }
 * ```
 */
export class ReportWriteError extends AIMeterError {
  /** The file the report was to be written to. */
  readonly path: string;

  /**
   * @param path - the `--out` file
   * @param reason - why it cannot be written
   * @param options - the underlying error as `cause`
   */
  constructor(path: string, reason: string, options?: ErrorOptions) {
    super(CODE, `${path}: ${reason}`, options);
    this.name = 'ReportWriteError';
    this.path = path;
  }

  /**
   * Whether `error` is a {@link ReportWriteError} from any copy of the package.
   *
   * @example
   * ```ts
   * if (ReportWriteError.isInstance(error)) console.error(error.path);
   * ```
   */
  static override isInstance(error: unknown): error is ReportWriteError {
    return hasErrorCode(error, CODE);
  }
}
