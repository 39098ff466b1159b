import type { Operation } from '../operations/operation.js';
import type { Tags } from '../tags.js';

/**
 * A key as a resolver hands it over: the value, or the value with the environment it is declared for (a key
 * declared for `production` is refused in `staging` unless allowed).
 *
 * @example
 * ```ts
 * const plain: KeyInput = process.env.ACME_OPENAI_KEY!;
 * const declared: KeyInput = { value: await vault.read('openai/prod'), environment: 'production' };
 * ```
 */
export type KeyInput = string | { readonly value: string; readonly environment?: string };

/**
 * What a per-call / per-tenant resolver is asked: which provider's key, for which call.
 *
 * @example
 * ```ts
 * const byTenant = async ({ provider, tags }: KeyRequest) => tenants.get(tags.customer ?? '')?.keys[provider];
 * ```
 */
export interface KeyRequest {
  /** Provider name, e.g. `openai`. */
  readonly provider: string;
  /** The client's environment. */
  readonly environment: string;
  /** The call's tags (client defaults merged with the request's): where a tenant id lives. */
  readonly tags: Readonly<Tags>;
  /** The provider's model id. */
  readonly model: string;
  /** The operation. */
  readonly operation: Operation;
  /** The call id. */
  readonly callId: string;
}

/**
 * A per-call / per-tenant key resolver (bring-your-own-key): asked first for every call; `undefined` falls
 * through to the client's own keys. Async resolvers run concurrently, one per call, and their results are
 * not cached by aimeter (cache in the resolver if reading the key is slow).
 *
 * @example
 * ```ts
 * const resolver: TenantKeyResolver = async ({ provider, tags }) => db.tenantKey(tags.customer, provider);
 * const ai = createAIClient({ providers, keys: { resolver } });
 * ```
 */
export type TenantKeyResolver = (request: KeyRequest) => KeyInput | undefined | Promise<KeyInput | undefined>;

/** The value and declared environment of a {@link KeyInput}. */
export function keyInputParts(input: KeyInput): { value: string; environment: string | undefined } {
  return typeof input === 'string' ? { value: input, environment: undefined } : { value: input.value, environment: input.environment };
}
