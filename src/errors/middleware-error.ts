import { AIMeterError, hasErrorCode } from './aimeter-error.js';

const CODE = 'middleware_misuse';

/**
 * Thrown when a middleware breaks the chain's rules, e.g. calls `next()` again while its first call is still
 * running (which would send two provider requests for one call).
 *
 * @example
 * ```ts
 * ai.use(async (ctx, next) => {
 *   void next();
 *   return next(); // rejects with MiddlewareError
 * });
 * ```
 */
export class MiddlewareError extends AIMeterError {
  /** @param message - what rule was broken */
  constructor(message: string) {
    super(CODE, message);
    this.name = 'MiddlewareError';
  }

  /**
   * Whether `error` is a {@link MiddlewareError} from any copy of the package.
   *
   * @example
   * ```ts
   * if (MiddlewareError.isInstance(error)) console.error(error.message);
   * ```
   */
  static override isInstance(error: unknown): error is MiddlewareError {
    return hasErrorCode(error, CODE);
  }
}
