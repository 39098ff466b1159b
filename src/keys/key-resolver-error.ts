import { AIMeterError, hasErrorCode } from '../errors/aimeter-error.js';

const CODE = 'key_resolver_failed';

/**
 * Thrown before any request when a secret-manager resolver could not read a key and had no unexpired value
 * to fall back on. The resolver's own error is the `cause` (scrubbed by the client like every error).
 *
 * @example
 * ```ts
 * try {
 *   await ai.chat({ model: 'openai:gpt-4o-mini', messages });
 * } catch (error) {
 *   if (KeyResolverError.isInstance(error)) console.error(error.resolver, error.provider);
 * }
 * ```
 */
export class KeyResolverError extends AIMeterError {
  /** Name of the resolver, e.g. `aws-secrets-manager`. */
  readonly resolver: string;
  /** Provider whose key was being read. */
  readonly provider: string;

  /**
   * @param resolver - resolver name
   * @param provider - provider name
   * @param options - the resolver's error as `cause`
   */
  constructor(resolver: string, provider: string, options?: ErrorOptions) {
    super(CODE, `secret resolver "${resolver}" could not read the "${provider}" key`, options);
    this.name = 'KeyResolverError';
    this.resolver = resolver;
    this.provider = provider;
  }

  /**
   * Whether `error` is a {@link KeyResolverError} from any copy of the package.
   *
   * @example
   * ```ts
   * if (KeyResolverError.isInstance(error)) alertOps(error.resolver);
   * ```
   */
  static override isInstance(error: unknown): error is KeyResolverError {
    return hasErrorCode(error, CODE);
  }
}
