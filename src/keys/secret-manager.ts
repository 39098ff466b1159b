import { ConfigError } from '../errors/config-error.js';
import type { KeyInput } from './key-input.js';
import { KeyResolverError } from './key-resolver-error.js';

/**
 * What a secret-manager resolver is asked for.
 *
 * @example
 * ```ts
 * const secretId = ({ provider, environment }: SecretRequest) => `aimeter/${environment}/${provider}`;
 * ```
 */
export interface SecretRequest {
  /** Provider name, e.g. `openai`. */
  readonly provider: string;
  /** The client's environment. */
  readonly environment: string;
  /** The adapter's key variables, e.g. `['OPENAI_API_KEY']`: useful as field names in a JSON secret. */
  readonly variables: readonly string[];
}

/**
 * A secret-manager resolver: the last link of the key chain, asked when no option, variable or `.env` file
 * has the key. Build one with {@link secretManager} (any store) or {@link awsSecretsManager}.
 *
 * @example
 * ```ts
 * const vault: SecretResolver = secretManager({ name: 'vault', fetch: ({ provider }) => vaultClient.read(`ai/${provider}`) });
 * const ai = createAIClient({ providers, keys: { secrets: [vault] } });
 * ```
 */
export interface SecretResolver {
  /** Name shown in errors and in `MissingKeyError.tried`. */
  readonly name: string;
  /** The key, or `undefined` when this store has none for the provider. */
  resolve(request: SecretRequest): Promise<KeyInput | undefined>;
  /** Releases connections; called by the client's `close()`. */
  close?(): Promise<void>;
}

/**
 * Options of {@link secretManager}.
 *
 * @example
 * ```ts
 * const options: SecretManagerOptions = { name: 'vault', fetch: readFromVault, ttlMs: 60_000, refreshAheadMs: 10_000 };
 * ```
 */
export interface SecretManagerOptions {
  /** Name shown in errors. */
  readonly name: string;
  /** Reads the key from the store; `undefined` when the store has none. */
  readonly fetch: (request: SecretRequest) => Promise<KeyInput | undefined>;
  /** How long a read value is used before it must be read again (a rotated key is picked up after this). @default 300000 */
  readonly ttlMs?: number;
  /** How long before expiry a call triggers a background re-read while still using the cached value. @default ttlMs / 10 */
  readonly refreshAheadMs?: number;
  /** Clock, in epoch milliseconds. @default Date.now */
  readonly now?: () => number;
  /** Releases the store's connections. @default none */
  readonly close?: () => Promise<void>;
}

interface Entry {
  readonly value: KeyInput | undefined;
  readonly expiresAt: number;
}

/**
 * A {@link SecretResolver} over any async store, with a cache per provider and environment: a value is used
 * for `ttlMs`; within `refreshAheadMs` of expiry a call starts one background re-read (and still gets the
 * cached value), so a rotated secret is picked up without a restart and without a call waiting on the store.
 * After expiry the next call waits for a fresh read; if that read fails it throws {@link KeyResolverError}.
 * Concurrent reads of the same secret are shared.
 *
 * @example
 * ```ts
 * const vault = secretManager({
 *   name: 'vault',
 *   fetch: async ({ provider, environment }) => (await vaultClient.read(`ai/${environment}/${provider}`))?.data.key,
 *   ttlMs: 5 * 60_000,
 * });
 * const ai = createAIClient({ providers: { openai: openai() }, keys: { secrets: [vault] } });
 * ```
 */
export function secretManager(options: SecretManagerOptions): SecretResolver {
  if (typeof options.name !== 'string' || !options.name) throw new ConfigError('name', 'expected a non-empty string');
  if (typeof options.fetch !== 'function') throw new ConfigError('fetch', 'expected a function (request) => Promise<key | undefined>');
  const ttlMs = options.ttlMs ?? 300_000;
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) throw new ConfigError('ttlMs', 'expected a positive number of milliseconds');
  const refreshAheadMs = options.refreshAheadMs ?? ttlMs / 10;
  if (!Number.isFinite(refreshAheadMs) || refreshAheadMs < 0 || refreshAheadMs >= ttlMs) {
    throw new ConfigError('refreshAheadMs', 'expected a number of milliseconds from 0 to less than ttlMs');
  }
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const reads = new Map<string, Promise<Entry>>();

  const read = (id: string, request: SecretRequest): Promise<Entry> => {
    let pending = reads.get(id);
    if (!pending) {
      pending = options
        .fetch(request)
        .then((value) => {
          const entry = { value, expiresAt: now() + ttlMs };
          entries.set(id, entry);
          return entry;
        })
        .finally(() => reads.delete(id));
      reads.set(id, pending);
    }
    return pending;
  };

  return {
    name: options.name,
    async resolve(request) {
      const id = `${request.provider}\u0000${request.environment}`;
      const entry = entries.get(id);
      const at = now();
      if (entry && at < entry.expiresAt) {
        // A failed background read keeps the cached value until it expires.
        if (at >= entry.expiresAt - refreshAheadMs) read(id, request).catch(() => undefined);
        return entry.value;
      }
      try {
        return (await read(id, request)).value;
      } catch (error) {
        throw new KeyResolverError(options.name, request.provider, { cause: error });
      }
    },
    ...(options.close ? { close: options.close } : {}),
  };
}
