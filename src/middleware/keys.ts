import type { Middleware } from '../compose.js';
import type { ResolvedKey } from '../context.js';
import { resolveKey } from '../keys/resolve-key.js';

/**
 * Options of {@link keys}.
 *
 * @example
 * ```ts
 * const options: KeysOptions = {
 *   keys: { openai: process.env.MY_OPENAI_KEY },
 *   variables: { openai: ['OPENAI_API_KEY'], gemini: ['GOOGLE_API_KEY', 'GEMINI_API_KEY'] },
 * };
 * const middleware = keys(options);
 * ```
 */
export interface KeysOptions {
  /** Keys given explicitly, by provider name. @default {} */
  readonly keys?: Readonly<Record<string, string | undefined>>;
  /** Each provider's key variables (from its adapter). */
  readonly variables: Readonly<Record<string, readonly string[]>>;
  /** The process environment to read. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Resolves the provider's key before the request and puts it on `ctx.key`; a missing key fails the call
 * before anything is sent. Resolved keys are cached per provider and environment.
 *
 * @example
 * ```ts
 * const middleware = keys({ keys: { openai: myKey }, variables: { openai: ['OPENAI_API_KEY'] } });
 * ```
 */
export function keys(options: KeysOptions): Middleware {
  const env = options.env ?? process.env;
  const cache = new Map<string, ResolvedKey>();
  return (ctx, next) => {
    const variables = options.variables[ctx.provider] ?? [];
    if (variables.length === 0 && !options.keys?.[ctx.provider]) return next();
    const cacheKey = `${ctx.provider}\u0000${ctx.environment}`;
    let key = cache.get(cacheKey);
    if (!key) {
      key = resolveKey(ctx.provider, ctx.environment, { explicit: options.keys?.[ctx.provider], variables, env });
      cache.set(cacheKey, key);
    }
    ctx.key = key;
    return next();
  };
}
