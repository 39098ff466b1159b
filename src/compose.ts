import type { AnyCallResult } from './call-result.js';
import type { CallContext } from './context.js';
import { MiddlewareError } from './errors/middleware-error.js';

/**
 * Runs the rest of the chain (the next middleware, and finally the provider adapter).
 *
 * @example
 * ```ts
 * const retryOnce: Middleware = (ctx, next: Next) =>
 *   next().catch(() => {
 *     ctx.attempt += 1;
 *     return next();
 *   });
 * ```
 */
export type Next = () => Promise<AnyCallResult>;

/**
 * A layer of the onion: work before `next()`, work after it, or no `next()` at all to short-circuit.
 * `next()` may be called again after its previous call settled (that is how retry works), but never while it
 * is still running.
 *
 * @example
 * ```ts
 * const timing: Middleware = async (ctx, next) => {
 *   const started = performance.now();
 *   try {
 *     return await next();
 *   } finally {
 *     console.log(ctx.operation, performance.now() - started);
 *   }
 * };
 * ```
 */
export type Middleware = (ctx: CallContext, next: Next) => Promise<AnyCallResult>;

/**
 * The innermost handler, which calls the provider.
 *
 * @example
 * ```ts
 * const stub: Terminal = async () => ({ output: { text: 'stub', toolCalls: [], finishReason: 'stop' }, usage: { requests: 1 } });
 * const handler = compose([timing], stub);
 * ```
 */
export type Terminal = (ctx: CallContext) => Promise<AnyCallResult>;

/**
 * Composes middleware into one handler, outermost first (koa-compose semantics, with re-entry for retries).
 *
 * @example
 * ```ts
 * const handler = compose([logging, timing], (ctx) => adapter.chat(ctx));
 * const result = await handler(ctx);
 * ```
 */
export function compose(middleware: readonly Middleware[], terminal: Terminal): Terminal {
  const stack = [...middleware];
  const dispatch = (index: number, ctx: CallContext): Promise<AnyCallResult> => {
    const layer = stack[index];
    if (layer === undefined) return terminal(ctx);
    let running = false;
    const settled = (result: AnyCallResult): AnyCallResult => {
      running = false;
      return result;
    };
    const failed = (error: unknown): never => {
      running = false;
      throw error;
    };
    // Written with `then`, not as an async function, on purpose: BENCHMARKS.md, "Notes from the code".
    const next: Next = () => {
      if (running) return Promise.reject(new MiddlewareError(`middleware #${index + 1} called next() while its previous call was still running`));
      running = true;
      let pending: Promise<AnyCallResult>;
      try {
        pending = Promise.resolve(dispatch(index + 1, ctx));
      } catch (error) {
        running = false;
        return Promise.reject(error);
      }
      return pending.then(settled, failed);
    };
    try {
      return layer(ctx, next);
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return (ctx) => dispatch(0, ctx);
}
