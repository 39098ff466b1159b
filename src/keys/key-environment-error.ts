import { AIMeterError, hasErrorCode } from '../errors/aimeter-error.js';

const CODE = 'key_wrong_environment';

/**
 * Thrown before any request when the resolved key is declared for other environments only (e.g. the value of
 * `OPENAI_API_KEY_PRODUCTION` or of `.env.production` used in `staging`) and none of them is in
 * `keys.allowedEnvironments`. Names the source and the environments, never the value.
 *
 * @example
 * ```ts
 * try {
 *   await ai.chat({ model: 'openai:gpt-4o-mini', messages });
 * } catch (error) {
 *   if (KeyEnvironmentError.isInstance(error)) console.error(error.declaredFor, error.environment);
 * }
 * ```
 */
export class KeyEnvironmentError extends AIMeterError {
  /** Provider whose key was refused. */
  readonly provider: string;
  /** The environment the client runs in. */
  readonly environment: string;
  /** The environments the key is declared for. */
  readonly declaredFor: readonly string[];
  /** Where the refused key came from. */
  readonly source: string;

  /**
   * @param provider - provider name
   * @param environment - the client's environment
   * @param declaredFor - environments the key is declared for
   * @param source - where the key came from
   */
  constructor(provider: string, environment: string, declaredFor: readonly string[], source: string) {
    super(
      CODE,
      `the "${provider}" key from ${source} is declared for ${declaredFor.join(', ')}, not for "${environment}"; ` +
        `use a key of "${environment}" or allow it with keys.allowedEnvironments`,
    );
    this.name = 'KeyEnvironmentError';
    this.provider = provider;
    this.environment = environment;
    this.declaredFor = declaredFor;
    this.source = source;
  }

  /**
   * Whether `error` is a {@link KeyEnvironmentError} from any copy of the package.
   *
   * @example
   * ```ts
   * if (KeyEnvironmentError.isInstance(error)) console.error(error.declaredFor);
   * ```
   */
  static override isInstance(error: unknown): error is KeyEnvironmentError {
    return hasErrorCode(error, CODE);
  }
}
