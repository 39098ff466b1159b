import { AIMeterError, hasErrorCode } from './aimeter-error.js';

const CODE = 'price_data_invalid';

/**
 * A price data file (written by `aimeter prices update`) or a price data download cannot be used: the file is
 * missing or unreadable, is not JSON, or does not hold genai-prices provider data; the download failed or
 * answered with something else. Nothing is written when a download is refused, so the previous file stays.
 *
 * @example
 * ```ts
 * try {
 *   defaultPriceSource({ genaiPrices: { dataFile: 'prices.json' } }).price(query);
 * } catch (error) {
 *   if (PriceDataError.isInstance(error)) console.error(error.location, error.message);
 * }
 * ```
 */
export class PriceDataError extends AIMeterError {
  /** The file path or URL the data came from. */
  readonly location: string;

  /**
   * @param location - the file path or URL
   * @param reason - why the data cannot be used
   * @param options - the underlying error as `cause`
   */
  constructor(location: string, reason: string, options?: ErrorOptions) {
    super(CODE, `${location}: ${reason}`, options);
    this.name = 'PriceDataError';
    this.location = location;
  }

  /**
   * Whether `error` is a {@link PriceDataError} from any copy of the package.
   *
   * @example
   * ```ts
   * if (PriceDataError.isInstance(error)) console.error(error.location);
   * ```
   */
  static override isInstance(error: unknown): error is PriceDataError {
    return hasErrorCode(error, CODE);
  }
}
