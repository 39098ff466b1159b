// Recorded replies: a request that matches a rule is answered with a given body (a provider's recorded reply) instead of the simulated one.
import type { Exchange, WireChunk } from './exchange.js';
import type { FaultMatch } from './fault-types.js';
import { matchesRule, type FaultSubject } from './faults.js';

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

interface ActiveReplay {
  readonly rule: ReplayRule;
  remaining: number;
}

/** The replay rules, first match wins; a rule with `times` retires after that many uses. */
export class ReplayBook {
  private rules: ActiveReplay[] = [];

  add(rule: ReplayRule): () => void {
    const active: ActiveReplay = { rule, remaining: rule.times ?? Number.POSITIVE_INFINITY };
    this.rules.push(active);
    return () => {
      this.rules = this.rules.filter((r) => r !== active);
    };
  }

  clear(): void {
    this.rules = [];
  }

  /** Finds the first matching rule and uses it up by one. */
  take(subject: FaultSubject): RecordedReply | undefined {
    const hit = this.rules.find((r) => r.remaining > 0 && matchesRule(r.rule.match, subject));
    if (!hit) return undefined;
    hit.remaining -= 1;
    if (hit.remaining <= 0) this.rules = this.rules.filter((r) => r !== hit);
    return hit.rule.reply;
  }
}

/** Sends a recorded reply through the exchange (latency, pacing and faults apply as to any reply). */
export function sendRecorded(exchange: Exchange, reply: RecordedReply): Promise<void> {
  const status = reply.status ?? 200;
  const headers = { ...reply.headers };
  if (!reply.events) return exchange.json(status, reply.body ?? {}, { headers, usage: usageOf(reply.body) });
  const chunks: WireChunk[] = reply.events.map((event) => ({
    data: `data: ${typeof event === 'string' ? event : JSON.stringify(event)}\n\n`,
    usage: usageOf(event),
  }));
  return exchange.reply(status, { 'content-type': 'text/event-stream', ...headers }, chunks, 'sse');
}

function usageOf(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  return record['usage'] ?? record['usageMetadata'] ?? undefined;
}
