const MARKER = Symbol.for('aimeter.error');

/**
 * Base class of every error aimeter throws. Each subclass has a stable `code`, so callers can branch on it
 * without `instanceof`, which breaks when two copies of the package are installed side by side.
 *
 * @example
 * ```ts
 * try {
 *   await ai.chat({ model: 'openai:gpt-4o-mini', messages });
 * } catch (error) {
 *   if (AIMeterError.isInstance(error)) console.error(error.code, error.message);
 * }
 * ```
 */
export class AIMeterError extends Error {
  /** Stable, machine-readable error code, e.g. `config_invalid` or `provider_error`. */
  readonly code: string;
  /** Brand checked by `isInstance`; a registered symbol, so it matches across copies of the package. */
  readonly [MARKER] = true;

  /**
   * @param code - stable machine-readable code
   * @param message - human-readable explanation; never contains a secret
   * @param options - standard `ErrorOptions` (the `cause`)
   */
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.name = 'AIMeterError';
  }

  /**
   * Whether `error` is an aimeter error, from this or any other copy of the package.
   *
   * @example
   * ```ts
   * if (AIMeterError.isInstance(error)) console.log(error.code);
   * ```
   */
  static isInstance(error: unknown): error is AIMeterError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[MARKER] === true;
  }
}

/** Shared by the subclasses' `isInstance`: an aimeter error carrying `code`. */
export function hasErrorCode(error: unknown, code: string): boolean {
  return AIMeterError.isInstance(error) && error.code === code;
}
