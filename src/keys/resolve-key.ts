import type { ResolvedKey } from '../context.js';
import { MissingKeyError } from '../errors/missing-key-error.js';
import type { DotenvFiles } from './dotenv-files.js';
import { environmentSuffix } from './environment-suffix.js';
import { keyFingerprint } from './fingerprint.js';
import { normalizeKey } from './normalize-key.js';

/**
 * Where a provider's key may come from, in precedence order.
 *
 * @example
 * ```ts
 * const sources: KeySources = { explicit: undefined, variables: ['OPENAI_API_KEY'], env: process.env, dotenv: loadDotenvFiles('.', 'production') };
 * ```
 */
export interface KeySources {
  /** A key given in the client options. */
  readonly explicit?: string | undefined;
  /** The adapter's variable names, e.g. `['OPENAI_API_KEY']`. */
  readonly variables: readonly string[];
  /** The process environment. */
  readonly env: NodeJS.ProcessEnv;
  /** The environment's `.env` files, read after the real environment (they never override it). @default none */
  readonly dotenv?: DotenvFiles | undefined;
}

/**
 * The synchronous part of the key chain: the explicit option, then the environment-specific form of every
 * variable (`OPENAI_API_KEY_PRODUCTION`), then their plain forms, in the real environment, then the same names
 * in each `.env` file, highest precedence first. Values are normalized ({@link normalizeKey}): a value that
 * is only whitespace counts as unset. Returns the key, or `undefined` with every source tried appended to `tried`.
 *
 * @example
 * ```ts
 * const tried: string[] = [];
 * const key = findStaticKey('openai', 'production', { variables: ['OPENAI_API_KEY'], env: process.env }, tried);
 * ```
 */
export function findStaticKey(provider: string, environment: string, sources: KeySources, tried: string[]): ResolvedKey | undefined {
  tried.push(`option keys.byProvider.${provider}`);
  const explicit = normalizeKey(sources.explicit);
  if (explicit) return withFingerprint(explicit, `option keys.byProvider.${provider}`);
  const names = variableNames(sources.variables, environment);
  for (const name of names) {
    tried.push(`env ${name}`);
    const value = normalizeKey(sources.env[name]);
    if (value) return withFingerprint(value, `env ${name}`);
  }
  if (!sources.dotenv) return undefined;
  for (const candidate of sources.dotenv.candidates) {
    tried.push(`file ${candidate}`);
    const file = sources.dotenv.files.find((f) => f.name === candidate);
    for (const name of file ? names : []) {
      const value = normalizeKey(file!.values[name]);
      if (value) return withFingerprint(value, `file ${candidate} ${name}`);
    }
  }
  return undefined;
}

/**
 * Resolves a provider's key through {@link findStaticKey}; throws {@link MissingKeyError} naming every source
 * tried and the environment, never a value.
 *
 * @example
 * ```ts
 * resolveKey('openai', 'production', { variables: ['OPENAI_API_KEY'], env: process.env });
 * ```
 */
export function resolveKey(provider: string, environment: string, sources: KeySources): ResolvedKey {
  const tried: string[] = [];
  const key = findStaticKey(provider, environment, sources, tried);
  if (!key) throw new MissingKeyError(provider, environment, tried);
  return key;
}

/**
 * Every variable's environment-specific name, then every plain name, each in the adapter's order: a key
 * declared for the environment always wins over a generic one (`GEMINI_API_KEY_PRODUCTION` over
 * `GOOGLE_API_KEY`).
 *
 * @example
 * ```ts
 * variableNames(['GOOGLE_API_KEY', 'GEMINI_API_KEY'], 'staging');
 * // ['GOOGLE_API_KEY_STAGING', 'GEMINI_API_KEY_STAGING', 'GOOGLE_API_KEY', 'GEMINI_API_KEY']
 * ```
 */
export function variableNames(variables: readonly string[], environment: string): string[] {
  const suffix = environmentSuffix(environment);
  return [...variables.map((base) => `${base}_${suffix}`), ...variables];
}

/**
 * A {@link ResolvedKey}: the value (normalized by {@link normalizeKey}: the key as it is sent), its
 * fingerprint and where it came from. The caller has checked that the value is not blank.
 *
 * @example
 * ```ts
 * const key = withFingerprint(value, 'secret aws:prod/openai');
 * ```
 */
export function withFingerprint(value: string, source: string): ResolvedKey {
  const key = normalizeKey(value) ?? value;
  return { value: key, fingerprint: keyFingerprint(key), source };
}
