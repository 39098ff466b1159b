import type { ParsedBody } from './body.js';
import type { Exchange } from './exchange.js';
import type { ErrorReply, SimulatedOperation, SimulatedProvider, SimulatorOptions } from './types.js';

/** What a provider route recognised in a request path. */
export interface RouteMatch {
  readonly operation: SimulatedOperation;
  /** Model named by the path (Gemini, ElevenLabs `model_id` comes from the body and is set by the handler). */
  readonly model?: string;
  /** Named path parts, e.g. `{ voiceId }`. */
  readonly params?: Readonly<Record<string, string>>;
}

/** Everything a provider route shares with the server. */
export interface RouteEnvironment {
  readonly options: SimulatorOptions;
  /** The simulator clock (epoch ms). */
  readonly now: () => number;
}

/**
 * One provider of the simulator. The server finds the route whose `match` claims the path, reads the body,
 * lets `refine` settle the operation, applies any fault rule, then calls `handle`; the route checks the key and quotas itself because every
 * provider words those errors differently.
 */
export interface ProviderRoute {
  readonly provider: SimulatedProvider;
  /** Claims a request, or undefined. `pathname` has no query. */
  match(method: string, pathname: string): RouteMatch | undefined;
  /**
   * The match once the body is read, for an operation only the body tells (an OpenAI chat with `stream: true`
   * is `streamChat`). Runs before fault rules are matched, so a rule can name the refined operation.
   */
  refine?(match: RouteMatch, body: ParsedBody): RouteMatch;
  /** Headers every response of this provider carries (request ids, rate-limit headers…). */
  baseHeaders(exchange: Exchange, match: RouteMatch): Record<string, string>;
  /** The provider-shaped error body for a status fault that gave none. */
  defaultError(status: number): ErrorReply;
  /** Answers the request; every byte goes through `exchange`. */
  handle(exchange: Exchange, match: RouteMatch): Promise<void>;
  /** Clears quota counters and any other per-account state. */
  reset(): void;
}

/** Builds a provider route for one simulator. */
export type RouteFactory = (env: RouteEnvironment) => ProviderRoute;
