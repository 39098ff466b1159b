import type { ResolvedKey } from '../context.js';
import { MissingKeyError } from '../errors/missing-key-error.js';
import { keyFingerprint } from './fingerprint.js';

/** Where a provider's key may come from, in precedence order. */
export interface KeySources {
  /** A key given in the client options. */
  readonly explicit?: string | undefined;
  /** The adapter's variable names, e.g. `['OPENAI_API_KEY']`. */
  readonly variables: readonly string[];
  /** The process environment. */
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Resolves a provider's key: the explicit option, then each variable's environment-specific form
 * (`OPENAI_API_KEY_PRODUCTION`), then its plain form. Throws {@link MissingKeyError} naming every source tried.
 *
 * @example
 * ```ts
 * resolveKey('openai', 'production', { variables: ['OPENAI_API_KEY'], env: process.env });
 * ```
 */
export function resolveKey(provider: string, environment: string, sources: KeySources): ResolvedKey {
  const tried = [`option keys.${provider}`];
  if (sources.explicit) return withFingerprint(sources.explicit, tried[0]!);
  const suffix = environment.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  for (const base of sources.variables) {
    for (const name of [`${base}_${suffix}`, base]) {
      tried.push(`env ${name}`);
      const value = sources.env[name];
      if (value) return withFingerprint(value, `env ${name}`);
    }
  }
  throw new MissingKeyError(provider, environment, tried);
}

function withFingerprint(value: string, source: string): ResolvedKey {
  return { value, fingerprint: keyFingerprint(value), source };
}
