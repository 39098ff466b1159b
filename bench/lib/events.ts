import { reported, uuidV7, type UsageEvent } from './aimeter.js';

/** The price snapshot the default prices put on an OpenAI chat event. */
const SNAPSHOT = { source: 'genai-prices', version: '0.1.8', rates: { inputToken: 1.5e-7, cachedInputToken: 7.5e-8, outputToken: 6e-7 } };

/**
 * `count` usage events shaped like the meter's for an OpenAI chat call, cost included, each with its own id:
 * UUID v7, as the meter makes them (time-ordered ids, which a ledger's id index appends instead of splitting
 * pages at random).
 */
export function usageEvents(count: number): UsageEvent[] {
  const callId = uuidV7();
  const time = new Date().toISOString();
  return Array.from({ length: count }, (_, i) => ({
    id: uuidV7(),
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
    cost: { usd: 0.00004, snapshot: SNAPSHOT },
  }));
}
