// Fault rules: which requests the simulator answers badly, and how.
import type { ErrorReply, SimulatedOperation, SimulatedProvider } from './call-types.js';

/**
 * What a fault rule applies to; every given field must match.
 *
 * @example
 * ```ts
 * const match: FaultMatch = { provider: 'gemini', operation: 'chat', model: 'gemini-2.5-flash' };
 * sim.fault({ match, action: { status: 503 } });
 * ```
 */
export interface FaultMatch {
  readonly provider?: SimulatedProvider;
  readonly operation?: SimulatedOperation;
  /** Exact path (without query) or a pattern tested against it. */
  readonly path?: string | RegExp;
  /** The full key value the request carries. */
  readonly key?: string;
  readonly model?: string;
}

/**
 * What a fault does instead of (or on top of) the normal answer.
 *
 * @example
 * ```ts
 * const flaky: FaultAction[] = [{ status: 500 }, { delayMs: 2_000 }, { reset: true }, { errorAfterChunks: 2, error: { status: 503 } }, { malformed: true }];
 * for (const action of flaky) sim.fault({ match: { provider: 'openai' }, times: 1, action }); // one per request, in order
 * ```
 */
export type FaultAction =
  | ErrorReply
  | { readonly delayMs: number }
  | { readonly hang: true }
  | { readonly reset: true }
  | { readonly cutAfterChunks: number }
  | { readonly errorAfterChunks: number; readonly error?: ErrorReply }
  | { readonly malformed: true };

/**
 * A scripted fault. Rules are checked in the order they were added; the first match applies.
 *
 * @example
 * ```ts
 * const rule: FaultRule = { match: { provider: 'openai', operation: 'chat' }, times: 2, action: { status: 429 } };
 * const remove = sim.fault(rule); // the next two OpenAI chat requests get 429
 * remove(); // or retire it early
 * ```
 */
export interface FaultRule {
  /** @default every request */
  readonly match?: FaultMatch;
  /** Apply to the next N matching requests, then retire. @default unlimited */
  readonly times?: number;
  /**
   * `status`: send this error (provider-shaped default body if none). `delayMs`: wait, then answer normally.
   * `hang`: never answer. `reset`: destroy the socket. `cutAfterChunks`: send N body chunks, then destroy the socket.
   * `errorAfterChunks`: send N events of an event stream (fewer if it has fewer), then, still under the 200, one
   * `data:` event holding `error`'s body (provider-shaped default for its status, 500 if none; its headers are
   * ignored), and end the stream: how Gemini reports a failure mid-stream (`{"error":{"code":503,…,"status":
   * "UNAVAILABLE"}}`). A reply that is not an event stream gets `error` as a plain status reply instead.
   * `malformed`: 200 with a corrupt body.
   */
  readonly action: FaultAction;
}

/**
 * The kind of fault that was applied to a request.
 *
 * @example
 * ```ts
 * sim.fault({ times: 1, action: { reset: true } });
 * await ai.chat({ model: 'openai:gpt-4o-mini', messages }).catch(() => undefined);
 * const applied: AppliedFault | undefined = sim.requests.at(-1)?.fault; // 'reset'
 * ```
 */
export type AppliedFault = 'status' | 'delay' | 'hang' | 'reset' | 'cut' | 'stream-error' | 'malformed';
