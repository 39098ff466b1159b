import { SdkMissingError } from './errors/sdk-missing-error.js';

const MISSING_CODES = new Set(['ERR_MODULE_NOT_FOUND', 'MODULE_NOT_FOUND']);

/**
 * Loads an optional SDK on first use and remembers the promise, so importing aimeter never loads a provider
 * SDK. A missing package becomes an {@link SdkMissingError} naming it; any other load failure passes through.
 *
 * @example
 * ```ts
 * const loadOpenAI = lazySdk('openai', () => import('openai'));
 * const { default: OpenAI } = await loadOpenAI();
 * ```
 */
export function lazySdk<T>(packageName: string, importer: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= importer().catch((error: unknown) => {
      loading = undefined;
      const code = (error as { code?: unknown } | null)?.code;
      if (typeof code === 'string' && MISSING_CODES.has(code)) throw new SdkMissingError(packageName, { cause: error });
      throw error;
    });
    return loading;
  };
}
