import type { ProviderAdapter } from '../adapter.js';
import type { Terminal } from '../compose.js';
import type { TokenCounting } from '../token-counting.js';
import { callInfo } from '../context.js';
import { ProviderError } from '../errors/provider-error.js';
import type { EventBus } from './event-bus.js';
import type { InFlightCalls } from './in-flight-calls.js';

/**
 * The innermost step of a client's chain: sends the attempt to the provider's adapter, with `request` and
 * `response` events around it. Once the client is closing it sends nothing, not even for a call admitted
 * before: it rejects with `ClientClosedError`.
 *
 * @param providers - adapters by provider name (the context was built for one of them)
 * @param calls - the client's calls in flight, whose shutdown closes this gate
 * @param bus - where the `request` and `response` events go
 * @param tokenCounting - how a cut stream's tokens are counted, passed to the adapter @default 'exact'
 *
 * @example
 * ```ts
 * const handler = compose(middleware, adapterTerminal(providers, calls, bus));
 * ```
 */
export function adapterTerminal(
  providers: Readonly<Record<string, ProviderAdapter>>,
  calls: InFlightCalls,
  bus: EventBus,
  tokenCounting: TokenCounting = 'exact',
): Terminal {
  return (ctx) => {
    if (calls.closing) return Promise.reject(calls.refusal());
    const adapter = providers[ctx.provider]!;
    const operation = adapter[ctx.operation] as (call: unknown) => ReturnType<Terminal>;
    const sentAt = performance.now();
    if (bus.listens('request')) bus.emit('request', { ...callInfo(ctx), time: Date.now() });
    const call = { model: ctx.model, request: ctx.request, key: ctx.key, signal: ctx.signal, tokenCounting };
    return operation.call(adapter, call).then(
      (result) => {
        if (bus.listens('response')) {
          const head = { ...callInfo(ctx), ok: true, latencyMs: performance.now() - sentAt };
          bus.emit('response', {
            ...head,
            ...(result.status === undefined ? {} : { httpStatus: result.status }),
            ...(result.requestId === undefined ? {} : { requestId: result.requestId }),
          });
        }
        return result;
      },
      (error: unknown) => {
        if (bus.listens('response') && ProviderError.isInstance(error) && error.status !== undefined) {
          const head = { ...callInfo(ctx), ok: false, latencyMs: performance.now() - sentAt, httpStatus: error.status };
          bus.emit('response', error.requestId === undefined ? head : { ...head, requestId: error.requestId });
        }
        throw error;
      },
    );
  };
}
