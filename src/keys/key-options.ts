import { assertKnownKeys, closestName } from '../config/known-keys.js';
import { ConfigError } from '../errors/config-error.js';
import type { DotenvOptions, KeyChainOptions } from './key-chain.js';
import type { TenantKeyResolver } from './key-input.js';
import type { SecretResolver } from './secret-manager.js';

/**
 * The client's `keys` option: where its API keys come from and which it may use. Without any, each
 * provider's environment variables (and `.env` files) are read.
 *
 * @example
 * ```ts
 * const keys: KeyOptions = {
 *   byProvider: { openai: process.env.MY_OPENAI_KEY },
 *   secondary: { openai: process.env.MY_OPENAI_KEY_NEXT },
 *   resolver: ({ provider, tags }) => tenantKeys.get(`${tags.customer}/${provider}`),
 *   secrets: [awsSecretsManager({ secretId: 'aimeter/prod' })],
 * };
 * const ai = createAIClient({ providers: { openai: openai() }, keys });
 * ```
 */
export interface KeyOptions {
  /** API keys by provider name; a provider without one reads its environment variables. @default {} */
  readonly byProvider?: Readonly<Record<string, string | undefined>>;
  /**
   * Per-call / per-tenant key resolver (bring-your-own-key), asked before every other source with the call's
   * provider, environment and tags; `undefined` falls through to the client's own keys. @default none
   */
  readonly resolver?: TenantKeyResolver;
  /** Where `.env` files are read (after the real environment, never overriding it); `false` to skip them. @default { dir: process.cwd() } */
  readonly dotenv?: DotenvOptions | false;
  /** Secret-manager resolvers, asked in order when no option, variable or `.env` file has the key. @default [] */
  readonly secrets?: readonly SecretResolver[];
  /** A second key per provider, tried once when the provider refuses the first (a `key_fallback` warning event). @default {} */
  readonly secondary?: Readonly<Record<string, string | undefined>>;
  /** Environments whose declared keys this client may use besides its own. @default [] */
  readonly allowedEnvironments?: readonly string[];
  /** Allow secret keys in a browser-like runtime, where every visitor can read them. @default false */
  readonly dangerouslyAllowBrowser?: boolean;
}

const KEY_OPTIONS = ['byProvider', 'resolver', 'dotenv', 'secrets', 'secondary', 'allowedEnvironments', 'dangerouslyAllowBrowser'];

/** The client options that moved under `keys`, and where to. */
const MOVED: Readonly<Record<string, string>> = {
  keyResolver: 'keys.resolver',
  dotenv: 'keys.dotenv',
  secrets: 'keys.secrets',
  secondaryKeys: 'keys.secondary',
  allowedKeyEnvironments: 'keys.allowedEnvironments',
  dangerouslyAllowBrowser: 'keys.dangerouslyAllowBrowser',
};

/** Throws {@link ConfigError} naming the new place of a key option still given at the top level. */
export function assertNoFlatKeyOptions(options: Record<string, unknown>): void {
  for (const name of Object.keys(MOVED)) {
    if (name in options) throw new ConfigError(name, `moved to ${MOVED[name]}: write keys: { ${MOVED[name]!.slice(5)}: … }`);
  }
}

/** Checks the `keys` option, naming the bad field (`keys.secondary.openai`). */
export function validateKeyOptions(keys: unknown): void {
  if (keys === undefined) return;
  if (!isObject(keys)) throw new ConfigError('keys', 'expected key options { byProvider?, resolver?, dotenv?, secrets?, secondary?, allowedEnvironments?, dangerouslyAllowBrowser? }');
  for (const [name, value] of Object.entries(keys)) {
    // A key given by provider name at the top of `keys`, as earlier versions took it.
    if (!KEY_OPTIONS.includes(name) && (typeof value === 'string' || value === undefined) && closestName(name, KEY_OPTIONS) === undefined) {
      throw new ConfigError(`keys.${name}`, `keys by provider name moved to keys.byProvider: write keys: { byProvider: { ${name}: … } }`);
    }
  }
  assertKnownKeys(keys, KEY_OPTIONS, 'keys');
  stringRecord(keys.byProvider, 'keys.byProvider');
  stringRecord(keys.secondary, 'keys.secondary');
  if (keys.resolver !== undefined && typeof keys.resolver !== 'function') {
    throw new ConfigError('keys.resolver', 'expected a function ({ provider, environment, tags }) => key | undefined');
  }
  const dotenv = keys.dotenv;
  if (dotenv !== undefined && dotenv !== false && !(isObject(dotenv) && (dotenv.dir === undefined || typeof dotenv.dir === 'string'))) {
    throw new ConfigError('keys.dotenv', 'expected { dir?: string } or false');
  }
  if (isObject(dotenv)) assertKnownKeys(dotenv, ['dir'], 'keys.dotenv');
  eachOf(keys.secrets, 'keys.secrets', (resolver, field) => {
    if (!isObject(resolver) || typeof resolver.resolve !== 'function' || typeof resolver.name !== 'string') {
      throw new ConfigError(field, 'expected a secret resolver { name, resolve(request) }, e.g. awsSecretsManager({...})');
    }
  });
  eachOf(keys.allowedEnvironments, 'keys.allowedEnvironments', (name, field) => {
    if (typeof name !== 'string' || !name) throw new ConfigError(field, 'expected an environment name');
  });
  if (keys.dangerouslyAllowBrowser !== undefined && typeof keys.dangerouslyAllowBrowser !== 'boolean') {
    throw new ConfigError('keys.dangerouslyAllowBrowser', 'expected a boolean');
  }
}

/** The key chain's options for a client's `keys` option (the chain adds the providers' variables, the environment and the scrubber). */
export function keyChainSources(keys: KeyOptions = {}): Omit<KeyChainOptions, 'variables' | 'env' | 'scrubber'> {
  return {
    keys: keys.byProvider ?? {},
    keyResolver: keys.resolver,
    dotenv: keys.dotenv,
    secrets: keys.secrets,
    secondaryKeys: keys.secondary,
    allowedKeyEnvironments: keys.allowedEnvironments,
    dangerouslyAllowBrowser: keys.dangerouslyAllowBrowser,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringRecord(value: unknown, field: string): void {
  if (value === undefined) return;
  if (!isObject(value)) throw new ConfigError(field, 'expected an object of strings');
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined && typeof item !== 'string') throw new ConfigError(`${field}.${key}`, 'expected a string');
  }
}

function eachOf(value: unknown, field: string, check: (item: unknown, field: string) => void): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) throw new ConfigError(field, 'expected an array');
  value.forEach((item, i) => check(item, `${field}[${i}]`));
}
