import type { AnyCallResult } from '../call-result.js';
import type { Middleware, Next } from '../compose.js';
import type { CallContext } from '../context.js';
import { ProviderError } from '../errors/provider-error.js';
import { createKeyChain, type ChainKey, type KeyChain, type KeyChainOptions } from '../keys/key-chain.js';

/**
 * Options of {@link keys}: the key chain's sources, guards and scrubber (see {@link KeyChainOptions}).
 *
 * @example
 * ```ts
 * const options: KeysOptions = {
 *   keys: { openai: process.env.MY_OPENAI_KEY },
 *   variables: { openai: ['OPENAI_API_KEY'], gemini: ['GOOGLE_API_KEY', 'GEMINI_API_KEY'] },
 *   secondaryKeys: { openai: process.env.MY_OPENAI_KEY_NEXT },
 * };
 * const middleware = keys(options);
 * ```
 */
export type KeysOptions = KeyChainOptions;

/**
 * The keys middleware, with the chain it resolves through and a `close()` for its secret-manager resolvers.
 *
 * @example
 * ```ts
 * const middleware: KeysMiddleware = keys({ variables: { openai: ['OPENAI_API_KEY'] } });
 * await middleware.close();
 * ```
 */
export type KeysMiddleware = Middleware & {
  /** The key chain. */
  readonly chain: KeyChain;
  /** Closes the secret-manager resolvers. */
  close(): Promise<void>;
};

/**
 * Resolves the provider's key before the request and puts it on `ctx.key` (registered with the scrubber
 * first); a missing key, or a key of another environment, fails the call before anything is sent. When the
 * provider refuses the key (`ProviderError` of kind `auth`: 401/403, Gemini's invalid-key 400) and a secondary
 * key is configured, the call is tried once more with it, after a `warning` event with code `key_fallback`
 * (a tenant's own key never falls back); that second try is not a retry in the sense of {@link retry} (it is made
 * at once, once, whatever the retry options). `.env` problems are reported once as `warning` events with code
 * `dotenv_malformed`.
 *
 * @example
 * ```ts
 * const middleware = keys({ keys: { openai: myKey }, variables: { openai: ['OPENAI_API_KEY'] } });
 * ```
 */
export function keys(options: KeysOptions): KeysMiddleware {
  const chain = createKeyChain(options);
  // Runs the call with a key; on a refused key, once more with the secondary one. This is the one second try
  // outside the retry layer, and not a retry in its sense: the request is not sent again after a passing
  // failure, it is sent with another credential because the provider refused this one. So it happens at once
  // (waiting does not make a refused key valid), at most once, and never by the retry options; the layers inside
  // run again for it, so that attempt is itself retried, limited and metered like any other.
  const withKey = (ctx: CallContext, resolved: ChainKey, next: Next): Promise<AnyCallResult> => {
    ctx.key = resolved.key;
    return next().catch((error: unknown) => {
      const fallback = !resolved.tenant && isRefusedKey(error) ? chain.secondary(ctx.provider, ctx.environment) : undefined;
      if (!fallback || fallback.value === resolved.key.value) throw error;
      announceFallback(ctx, error as ProviderError, fallback.fingerprint);
      ctx.key = fallback;
      ctx.attempt += 1;
      return next();
    });
  };
  // A key the chain already knows (from a static source, read once) is used at once; only a key still to be
  // resolved waits for the chain (BENCHMARKS.md, "Notes from the code").
  const middleware: Middleware = (ctx, next) => {
    for (const w of chain.takeWarnings(ctx.environment)) {
      ctx.emit('warning', { code: 'dotenv_malformed', message: `${w.file}${w.line ? `:${w.line}` : ''}: ${w.message}` });
    }
    const known = chain.known(ctx.provider, ctx.environment);
    if (known === null) return next();
    if (known) return withKey(ctx, known, next);
    return chain
      .resolve({ provider: ctx.provider, environment: ctx.environment, tags: ctx.tags, model: ctx.model, operation: ctx.operation, callId: ctx.id })
      .then((resolved) => (resolved ? withKey(ctx, resolved, next) : next()));
  };
  return Object.assign(middleware, { chain, close: () => chain.close() });
}

function isRefusedKey(error: unknown): boolean {
  return ProviderError.isInstance(error) && error.kind === 'auth';
}

function announceFallback(ctx: CallContext, error: ProviderError, to: string): void {
  const from = ctx.key ? `${ctx.key.fingerprint} (${ctx.key.source})` : 'the key';
  const status = error.status === undefined ? '' : ` ${error.status}`;
  ctx.emit('warning', {
    code: 'key_fallback',
    message: `${ctx.provider} refused key ${from} with${status} ${error.providerCode ?? 'auth'}; trying the secondary key ${to} once`,
  });
}
