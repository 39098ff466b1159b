import { randomUUID } from 'node:crypto';
import { reported, type UsageEvent } from './aimeter.js';

/** `count` usage events shaped like the meter's for an OpenAI chat call, each with its own id. */
export function usageEvents(count: number): UsageEvent[] {
  const callId = randomUUID();
  const time = new Date().toISOString();
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    callId,
    attempt: 1,
    time,
    provider: 'openai',
    operation: 'chat',
    model: 'gpt-4o-mini',
    environment: 'bench',
    keyFingerprint: 'openai:3f9a1c2b',
    tags: { customer: `c${i % 50}`, feature: 'voice' },
    status: 'ok',
    httpStatus: 200,
    requestId: `req_${i}`,
    latencyMs: 412.5,
    usage: { requests: 1, inputTokens: reported(120), outputTokens: reported(48), cachedInputTokens: reported(64) },
  }));
}
