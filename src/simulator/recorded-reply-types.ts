// What a recorded reply is and which requests it answers (the types of `sim.replay`).
import type { FaultMatch } from './fault-types.js';

/**
 * A reply to send as is: a JSON body, or an event stream of `data:` events.
 *
 * @example
 * ```ts
 * const recorded: RecordedReply = { body: { id: 'chatcmpl-1', object: 'chat.completion', choices: [], usage: { prompt_tokens: 9, completion_tokens: 1, total_tokens: 10 } } };
 * const stream: RecordedReply = { events: [{ type: 'speech.audio.delta', audio: 'AAAA' }, { type: 'speech.audio.done', usage: { input_tokens: 4, output_tokens: 20, total_tokens: 24 } }] };
 * ```
 */
export interface RecordedReply {
  /** HTTP status. @default 200 */
  readonly status?: number;
  /** Extra response headers (the provider's own headers, such as request ids, are still sent). @default {} */
  readonly headers?: Readonly<Record<string, string>>;
  /** The JSON body (a string is sent verbatim). Ignored when `events` is given. @default {} */
  readonly body?: unknown;
  /** An event stream instead of a JSON body: each item one `data:` event (a string verbatim, anything else as JSON). */
  readonly events?: readonly unknown[];
}

/**
 * A recorded reply and the requests it answers. Rules are checked in the order they were added, after fault
 * rules (a fault still applies); the first match answers. The reply is sent without the simulator's key and quota
 * checks, and its `usage` (or Gemini `usageMetadata`) is what the request log records.
 *
 * @example
 * ```ts
 * const remove = sim.replay({ match: { provider: 'openai', operation: 'chat' }, times: 1, reply: { body: recordedCompletion } });
 * await ai.chat({ model: 'openai:gpt-4o-audio-preview', messages }); // answered with recordedCompletion
 * remove();
 * ```
 */
export interface ReplayRule {
  /** Which requests it answers. @default every request */
  readonly match?: FaultMatch;
  /** Answer the next N matching requests, then retire. @default unlimited */
  readonly times?: number;
  /** What to send. */
  readonly reply: RecordedReply;
}
