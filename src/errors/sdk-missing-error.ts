import { AIMeterError, hasErrorCode } from './aimeter-error.js';

const CODE = 'sdk_missing';

/**
 * Thrown on the first call to a provider whose official SDK is not installed. SDKs are optional peer
 * dependencies, loaded only when used.
 *
 * @example
 * ```ts
 * try {
 *   await ai.chat({ model: 'gemini:gemini-2.5-flash', messages });
 * } catch (error) {
 *   if (SdkMissingError.isInstance(error)) console.error(`npm install ${error.packageName}`);
 * }
 * ```
 */
export class SdkMissingError extends AIMeterError {
  /** The npm package to install. */
  readonly packageName: string;

  /**
   * @param packageName - the npm package to install
   * @param options - the module loader's error as `cause`
   */
  constructor(packageName: string, options?: ErrorOptions) {
    super(CODE, `the optional peer dependency "${packageName}" is not installed: run npm install ${packageName}`, options);
    this.name = 'SdkMissingError';
    this.packageName = packageName;
  }

  /**
   * Whether `error` is an {@link SdkMissingError} from any copy of the package.
   *
   * @example
   * ```ts
   * if (SdkMissingError.isInstance(error)) console.error(error.packageName);
   * ```
   */
  static override isInstance(error: unknown): error is SdkMissingError {
    return hasErrorCode(error, CODE);
  }
}
