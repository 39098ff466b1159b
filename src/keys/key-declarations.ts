import type { ResolvedKey } from '../context.js';
import { environmentDotenvFiles } from './dotenv-files.js';
import { environmentSuffix } from './environment-suffix.js';
import { KeyEnvironmentError } from './key-environment-error.js';
import { normalizeKey } from './normalize-key.js';

/**
 * Which environments each key value is declared for, per provider: a value of `OPENAI_API_KEY_PRODUCTION` (in
 * the real environment or a `.env` file) or of `OPENAI_API_KEY` in `.env.production[.local]` is declared for
 * `production`. Read once per provider, on first use.
 *
 * @example
 * ```ts
 * const declarations = new KeyDeclarations(process.env, process.cwd());
 * declarations.check('openai', ['OPENAI_API_KEY'], 'staging', key, undefined, []); // throws KeyEnvironmentError for a production key
 * ```
 */
export class KeyDeclarations {
  readonly #env: NodeJS.ProcessEnv;
  readonly #dir: string | undefined;
  readonly #byProvider = new Map<string, Map<string, Set<string>>>();

  /**
   * @param env - the environment variables
   * @param dir - the directory of the `.env` files, if they are read
   */
  constructor(env: NodeJS.ProcessEnv, dir: string | undefined) {
    this.#env = env;
    this.#dir = dir;
  }

  /**
   * Throws {@link KeyEnvironmentError} when `key` is declared for other environments only and none is allowed.
   * `declared` is an environment the key's own source declared it for.
   *
   * @example
   * ```ts
   * declarations.check('openai', ['OPENAI_API_KEY'], ctx.environment, key, undefined, ['production']);
   * ```
   */
  check(provider: string, variables: readonly string[], environment: string, key: ResolvedKey, declared: string | undefined, allowed: readonly string[]): void {
    const suffixes = new Set(this.#declarations(provider, variables).get(key.value));
    if (declared !== undefined) suffixes.add(environmentSuffix(declared));
    if (suffixes.size === 0 || suffixes.has(environmentSuffix(environment))) return;
    if (allowed.some((name) => suffixes.has(environmentSuffix(name)))) return;
    throw new KeyEnvironmentError(provider, environment, [...suffixes].map((s) => s.toLowerCase()), key.source);
  }

  /**
   * Reads the declarations of a provider's variables now (the environment and the `.env` files of every
   * environment), as the first {@link check} would.
   *
   * @example
   * ```ts
   * declarations.preload('openai', ['OPENAI_API_KEY']);
   * ```
   */
  preload(provider: string, variables: readonly string[]): void {
    this.#declarations(provider, variables);
  }

  #declarations(provider: string, variables: readonly string[]): Map<string, Set<string>> {
    let map = this.#byProvider.get(provider);
    if (map) return map;
    map = new Map();
    // By the normalized value, as keys are resolved: `KEY\n` in one variable and `KEY` in another are one key.
    const add = (raw: string | undefined, suffix: string): void => {
      const value = normalizeKey(raw);
      if (!value) return;
      const set = map.get(value) ?? new Set<string>();
      set.add(suffix);
      map.set(value, set);
    };
    const scan = (values: Readonly<Record<string, string | undefined>>, fileSuffix: string | undefined): void => {
      for (const [name, value] of Object.entries(values)) {
        for (const base of variables) {
          if (name.startsWith(`${base}_`)) add(value, name.slice(base.length + 1));
          else if (name === base && fileSuffix) add(value, fileSuffix);
        }
      }
    };
    scan(this.#env, undefined);
    if (this.#dir) for (const { environment, file } of environmentDotenvFiles(this.#dir)) scan(file.values, environmentSuffix(environment));
    this.#byProvider.set(provider, map);
    return map;
  }
}
