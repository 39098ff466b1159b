import { ConfigError } from './errors/config-error.js';

/**
 * A model address: `'provider:model'` (split at the first colon) or an object.
 *
 * @example
 * ```ts
 * const a: ModelRef = 'openai:gpt-4o-mini';
 * const b: ModelRef = { provider: 'gemini', model: 'gemini-2.5-flash' };
 * ```
 */
export type ModelRef = `${string}:${string}` | { readonly provider: string; readonly model: string };

/**
 * A {@link ModelRef} split into its parts.
 *
 * @example
 * ```ts
 * const { provider, model }: ResolvedModel = parseModelRef('gemini:gemini-2.5-flash');
 * // provider: 'gemini', model: 'gemini-2.5-flash'
 * ```
 */
export interface ResolvedModel {
  /** Provider name as registered in `createAIClient({ providers })`. */
  readonly provider: string;
  /** The provider's own model id. */
  readonly model: string;
}

/**
 * Splits a {@link ModelRef}; throws {@link ConfigError} naming `field` when it is malformed.
 *
 * @example
 * ```ts
 * parseModelRef('openai:gpt-4o-mini'); // { provider: 'openai', model: 'gpt-4o-mini' }
 * ```
 */
export function parseModelRef(ref: unknown, field = 'request.model'): ResolvedModel {
  if (typeof ref === 'string') {
    const colon = ref.indexOf(':');
    if (colon > 0 && colon < ref.length - 1) return { provider: ref.slice(0, colon), model: ref.slice(colon + 1) };
  } else if (typeof ref === 'object' && ref !== null) {
    const { provider, model } = ref as Record<string, unknown>;
    if (typeof provider === 'string' && provider && typeof model === 'string' && model) return { provider, model };
  }
  throw new ConfigError(field, 'expected "provider:model" or { provider, model } with non-empty strings');
}
