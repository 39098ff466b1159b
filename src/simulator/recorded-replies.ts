// Recorded replies: a request that matches a rule is answered with a given body (a provider's recorded reply) instead of the simulated one.
import type { Exchange, WireChunk } from './exchange.js';
import { matchesRule, type FaultSubject } from './faults.js';
import type { RecordedReply, ReplayRule } from './recorded-reply-types.js';

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
