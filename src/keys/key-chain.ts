import type { ResolvedKey } from '../context.js';
import { MissingKeyError } from '../errors/missing-key-error.js';
import type { Scrubber } from '../redact/scrubber.js';
import { assertServerRuntime } from './browser-guard.js';
import { loadDotenvFiles, type DotenvFiles, type DotenvWarning } from './dotenv-files.js';
import { KeyDeclarations } from './key-declarations.js';
import { keyInputParts, type KeyInput, type KeyRequest, type TenantKeyResolver } from './key-input.js';
import { normalizeKey } from './normalize-key.js';
import { findStaticKey, withFingerprint } from './resolve-key.js';
import { KeyResolverError } from './key-resolver-error.js';
import type { SecretRequest, SecretResolver } from './secret-manager.js';

/**
 * Where the key chain reads `.env` files.
 *
 * @example
 * ```ts
 * const dotenv: DotenvOptions = { dir: new URL('..', import.meta.url).pathname };
 * ```
 */
export interface DotenvOptions {
  /** Directory of the `.env` files. @default process.cwd() */
  readonly dir?: string;
}

/**
 * Options of {@link createKeyChain} (and of the `keys` middleware, which adds nothing else).
 *
 * @example
 * ```ts
 * const options: KeyChainOptions = {
 *   variables: { openai: ['OPENAI_API_KEY'] },
 *   keyResolver: ({ tags }) => tenantKeys.get(tags.customer ?? ''),
 *   secrets: [awsSecretsManager({ secretId: 'aimeter/prod' })],
 *   secondaryKeys: { openai: process.env.OPENAI_API_KEY_NEXT },
 * };
 * ```
 */
export interface KeyChainOptions {
  /** Each provider's key variables (from its adapter). */
  readonly variables: Readonly<Record<string, readonly string[]>>;
  /** Keys given explicitly, by provider name. @default {} */
  readonly keys?: Readonly<Record<string, string | undefined>>;
  /** The environment variables to read. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Per-call / per-tenant resolver, asked first; `undefined` falls through. @default none */
  readonly keyResolver?: TenantKeyResolver | undefined;
  /** `.env` files, read after the real environment; `false` to skip them. @default { dir: process.cwd() } */
  readonly dotenv?: DotenvOptions | false | undefined;
  /** Secret-manager resolvers, asked in order when nothing else has the key. @default [] */
  readonly secrets?: readonly SecretResolver[] | undefined;
  /** A second key per provider, tried once when the first is refused (401/403, Gemini's invalid-key 400). @default {} */
  readonly secondaryKeys?: Readonly<Record<string, string | undefined>> | undefined;
  /** Environments whose keys this client may use besides its own. @default [] */
  readonly allowedKeyEnvironments?: readonly string[] | undefined;
  /** Registers every resolved key before it is used, so no message can carry it. @default none */
  readonly scrubber?: Scrubber | undefined;
  /** Allow secret keys in a browser-like runtime. @default false */
  readonly dangerouslyAllowBrowser?: boolean | undefined;
}

/**
 * A key resolved for a call, and whether it came from the per-call / per-tenant resolver (a tenant's own key
 * never falls back to the secondary key: that would bill the tenant's call to you).
 *
 * @example
 * ```ts
 * const resolved: ChainKey | undefined = await chain.resolve(request);
 * if (resolved) console.log(resolved.key.fingerprint, resolved.tenant);
 * ```
 */
export interface ChainKey {
  /** The key. */
  readonly key: ResolvedKey;
  /** Whether the per-call / per-tenant resolver supplied it. */
  readonly tenant: boolean;
}

/**
 * The key chain of a client, in precedence order: the per-call / per-tenant resolver, the
 * explicit option, `VAR_{ENV}`, `VAR`, the `.env` files (`.env.{env}.local`, `.env.local`, `.env.{env}`, `.env`),
 * then the secret-manager resolvers. Every key, whatever its source, is normalized once here (the whitespace
 * around it dropped: the key as it is sent) and that value is what is checked, registered and used. The static sources are read once per provider and environment; tenant
 * and secret-manager results are not cached here (secret managers cache with their own TTL).
 *
 * @example
 * ```ts
 * const chain = createKeyChain({ variables: { openai: ['OPENAI_API_KEY'] }, scrubber });
 * const resolved = await chain.resolve({ provider: 'openai', environment: 'production', tags: {}, model: 'gpt-4o-mini', operation: 'chat', callId: 'c1' });
 * ```
 */
export interface KeyChain {
  /** The key for a call; `undefined` for a provider that needs none. Throws `MissingKeyError`, `KeyEnvironmentError`, `KeyResolverError`. */
  resolve(request: KeyRequest): Promise<ChainKey | undefined>;
  /**
   * What `resolve` would answer without running anything: the provider's static key for the environment once
   * `resolve` found and checked it, `null` for a provider that needs no key, `undefined` when only `resolve`
   * can tell (a per-call `keyResolver` is configured, or the key was not resolved yet).
   */
  known(provider: string, environment: string): ChainKey | null | undefined;
  /** The secondary key of a provider, checked and registered like any key. */
  secondary(provider: string, environment: string): ResolvedKey | undefined;
  /** `.env` problems of an environment; each returned once. */
  takeWarnings(environment: string): DotenvWarning[];
  /**
   * Reads now what the first `resolve` in `environment` would read from disk (the `.env` files and the key
   * declarations of every provider's variables), so that no call reads files. Resolves, checks and registers
   * nothing; asks no resolver. Called by the client's preload.
   */
  preload(environment: string): void;
  /** Closes the secret-manager resolvers. */
  close(): Promise<void>;
}

/** A provider's static key in one environment, and the sources tried to find it. */
interface StaticKey {
  readonly key: ResolvedKey | undefined;
  readonly tried: readonly string[];
  /** Set once the key passed the checks. */
  accepted?: ChainKey;
}

/**
 * Builds a {@link KeyChain}. Throws `ConfigError` for a secret key in a browser-like runtime unless
 * `dangerouslyAllowBrowser` is set.
 *
 * @example
 * ```ts
 * const chain = createKeyChain({ variables: { openai: ['OPENAI_API_KEY'] }, dotenv: { dir: '/app' } });
 * ```
 */
export function createKeyChain(options: KeyChainOptions): KeyChain {
  const env = options.env ?? process.env;
  const dir = options.dotenv === false ? undefined : (options.dotenv?.dir ?? process.cwd());
  const allowed = options.allowedKeyEnvironments ?? [];
  const declarations = new KeyDeclarations(env, dir);
  // The static key by provider, then environment (no key string built per call); `accepted` once it passed the
  // checks (which depend only on that key, the environment and declarations read once), so later calls skip them.
  const statics = new Map<string, Map<string, StaticKey>>();
  const needsNoKey = (provider: string): boolean => (options.variables[provider] ?? []).length === 0 && !options.keys?.[provider];
  const dotenvByEnvironment = new Map<string, DotenvFiles>();
  const warned = new Set<string>();
  assertServerRuntime({ hasSecretKey: hasSecretKey(options, env), dangerouslyAllowBrowser: options.dangerouslyAllowBrowser });

  const dotenvOf = (environment: string): DotenvFiles | undefined => {
    if (dir === undefined) return undefined;
    let files = dotenvByEnvironment.get(environment);
    if (!files) {
      files = loadDotenvFiles(dir, environment);
      dotenvByEnvironment.set(environment, files);
    }
    return files;
  };

  const accept = (provider: string, environment: string, key: ResolvedKey, declared: string | undefined): ResolvedKey => {
    declarations.check(provider, options.variables[provider] ?? [], environment, key, declared, allowed);
    options.scrubber?.register(key.value);
    return key;
  };

  return {
    async resolve(request) {
      const { provider, environment } = request;
      if (needsNoKey(provider)) return undefined;
      const variables = options.variables[provider] ?? [];
      if (options.keyResolver) {
        const own = fromInput(await options.keyResolver(request), 'keys.resolver');
        if (own) return { key: accept(provider, environment, own.key, own.declared), tenant: true };
      }
      let byEnvironment = statics.get(provider);
      if (!byEnvironment) statics.set(provider, (byEnvironment = new Map<string, StaticKey>()));
      let fixed = byEnvironment.get(environment);
      if (!fixed) {
        const staticTried: string[] = [];
        const key = findStaticKey(provider, environment, { explicit: options.keys?.[provider], variables, env, dotenv: dotenvOf(environment) }, staticTried);
        fixed = { key, tried: staticTried };
        byEnvironment.set(environment, fixed);
      }
      if (fixed.accepted) return fixed.accepted;
      const found = fixed.key;
      if (found) return (fixed.accepted = { key: accept(provider, environment, found, undefined), tenant: false });
      const tried = [...(options.keyResolver ? ['keys.resolver'] : []), ...fixed.tried];
      for (const resolver of options.secrets ?? []) {
        tried.push(`secret ${resolver.name}`);
        const stored = fromInput(await readSecret(resolver, { provider, environment, variables }), `secret ${resolver.name}`);
        if (stored) return { key: accept(provider, environment, stored.key, stored.declared), tenant: false };
      }
      throw new MissingKeyError(provider, environment, tried);
    },
    known(provider, environment) {
      if (needsNoKey(provider)) return null;
      return options.keyResolver ? undefined : statics.get(provider)?.get(environment)?.accepted;
    },
    secondary(provider, environment) {
      const value = normalizeKey(options.secondaryKeys?.[provider]);
      return value ? accept(provider, environment, withFingerprint(value, `option keys.secondary.${provider}`), undefined) : undefined;
    },
    preload(environment) {
      dotenvOf(environment);
      for (const [provider, variables] of Object.entries(options.variables)) if (variables.length > 0) declarations.preload(provider, variables);
    },
    takeWarnings(environment) {
      if (warned.has(environment)) return [];
      warned.add(environment);
      return [...(dotenvOf(environment)?.warnings ?? [])];
    },
    async close() {
      await Promise.allSettled((options.secrets ?? []).map((resolver) => resolver.close?.() ?? Promise.resolve()));
    },
  };
}

/** A key handed in by the tenant resolver or a secret store, with the environment it declares for itself. */
function fromInput(input: KeyInput | undefined, source: string): { key: ResolvedKey; declared: string | undefined } | undefined {
  if (input === undefined) return undefined;
  const { value, environment } = keyInputParts(input);
  const key = normalizeKey(value);
  return key ? { key: withFingerprint(key, source), declared: environment } : undefined;
}

async function readSecret(resolver: SecretResolver, request: SecretRequest): Promise<KeyInput | undefined> {
  try {
    return await resolver.resolve(request);
  } catch (error) {
    if (KeyResolverError.isInstance(error)) throw error;
    throw new KeyResolverError(resolver.name, request.provider, { cause: error });
  }
}

function hasSecretKey(options: KeyChainOptions, env: NodeJS.ProcessEnv): boolean {
  const given = [...Object.values(options.keys ?? {}), ...Object.values(options.secondaryKeys ?? {})];
  if (given.some((value) => normalizeKey(value) !== undefined)) return true;
  return Object.values(options.variables).some((names) => names.some((name) => normalizeKey(env[name]) !== undefined));
}
