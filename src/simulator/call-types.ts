// What the simulator answers for: providers, operations, and an error reply.

/**
 * The three providers the simulator speaks for.
 *
 * @example
 * ```ts
 * const count = (provider: SimulatedProvider) => sim.requests.filter((r) => r.provider === provider).length;
 * console.log(count('openai'), count('gemini'), count('elevenlabs'));
 * ```
 */
export type SimulatedProvider = 'openai' | 'gemini' | 'elevenlabs';

/**
 * What a request asked for, named like aimeter's own operations where one exists.
 * `unknown` is a path no route matched.
 *
 * @example
 * ```ts
 * const operation: SimulatedOperation = 'streamChat';
 * sim.fault({ match: { provider: 'gemini', operation }, action: { cutAfterChunks: 3 } });
 * ```
 */
export type SimulatedOperation =
  | 'chat'
  | 'streamChat'
  | 'embed'
  | 'batchEmbed'
  | 'speak'
  | 'streamSpeak'
  | 'transcribe'
  | 'streamTranscribe'
  | 'countTokens'
  | 'subscription'
  | 'user'
  | 'unknown';

/**
 * A provider error as it goes on the wire: what a status fault sends and what the error helpers build.
 *
 * @example
 * ```ts
 * const overloaded: ErrorReply = { status: 503, body: { error: { message: 'Overloaded' } }, headers: { 'retry-after': '2' } };
 * sim.fault({ match: { provider: 'openai' }, times: 1, action: overloaded });
 * ```
 */
export interface ErrorReply {
  /** HTTP status. */
  readonly status: number;
  /** JSON body (a string is sent verbatim). */
  readonly body?: unknown;
  /** Extra response headers. */
  readonly headers?: Readonly<Record<string, string>>;
}
