import { AIMeterError, hasErrorCode } from './aimeter-error.js';

const CODE = 'limit_store_unavailable';

/**
 * A shared limit store (Redis) did not answer: the connection is down, or a command timed out, or the server
 * cannot serve right now (loading, read-only replica). `fallbackStore` catches it and counts locally; a bare
 * `redisStore` lets it fail the call.
 *
 * @example
 * ```ts
 * try {
 *   await ai.chat({ model: 'openai:gpt-4o-mini', messages });
 * } catch (error) {
 *   if (LimitStoreUnavailableError.isInstance(error)) console.error(`limits store ${error.store} is down`);
 * }
 * ```
 */
export class LimitStoreUnavailableError extends AIMeterError {
  /** The store's name, e.g. `redis`. */
  readonly store: string;

  /**
   * @param store - the store's name
   * @param reason - what failed, without any connection secret
   * @param options - the client's error as `cause`
   */
  constructor(store: string, reason: string, options?: ErrorOptions) {
    super(CODE, `limit store "${store}" is unavailable: ${reason}`, options);
    this.name = 'LimitStoreUnavailableError';
    this.store = store;
  }

  /**
   * Whether `error` is a {@link LimitStoreUnavailableError} from any copy of the package.
   *
   * @example
   * ```ts
   * if (LimitStoreUnavailableError.isInstance(error)) countLocally();
   * ```
   */
  static override isInstance(error: unknown): error is LimitStoreUnavailableError {
    return hasErrorCode(error, CODE);
  }
}
