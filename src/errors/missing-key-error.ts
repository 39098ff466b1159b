import { AIMeterError, hasErrorCode } from './aimeter-error.js';

const CODE = 'missing_key';

/**
 * Thrown before any request when no API key resolves for a provider. The message names every source tried
 * (option, variables) and the environment, never a value.
 *
 * @example
 * ```ts
 * try {
 *   await ai.chat({ model: 'openai:gpt-4o-mini', messages });
 * } catch (error) {
 *   if (MissingKeyError.isInstance(error)) console.error(error.tried); // ['keys.openai', 'OPENAI_API_KEY_PRODUCTION', …]
 * }
 * ```
 */
export class MissingKeyError extends AIMeterError {
  /** Provider whose key is missing. */
  readonly provider: string;
  /** The environment the key was resolved for. */
  readonly environment: string;
  /** Sources tried, in order. */
  readonly tried: readonly string[];

  /**
   * @param provider - provider name
   * @param environment - environment name
   * @param tried - sources tried, in order
   */
  constructor(provider: string, environment: string, tried: readonly string[]) {
    super(CODE, `no API key for "${provider}" in environment "${environment}"; tried: ${tried.join(', ')}`);
    this.name = 'MissingKeyError';
    this.provider = provider;
    this.environment = environment;
    this.tried = tried;
  }

  /**
   * Whether `error` is a {@link MissingKeyError} from any copy of the package.
   *
   * @example
   * ```ts
   * if (MissingKeyError.isInstance(error)) console.error(error.tried.join(', '));
   * ```
   */
  static override isInstance(error: unknown): error is MissingKeyError {
    return hasErrorCode(error, CODE);
  }
}
