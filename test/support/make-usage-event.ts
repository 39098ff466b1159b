import { randomUUID } from 'node:crypto';
import type { UsageEvent } from '../../src/usage-event.js';

/** A complete, valid usage event for sink, ledger and report tests; override any field. */
export function usageEvent(overrides: Partial<UsageEvent> = {}): UsageEvent {
  return {
    id: randomUUID(),
    callId: randomUUID(),
    attempt: 1,
    time: '2026-11-23T10:00:00.000Z',
    provider: 'openai',
    operation: 'chat',
    model: 'gpt-4o-mini',
    environment: 'test',
    tags: {},
    status: 'ok',
    latencyMs: 12.5,
    usage: { requests: 1, inputTokens: { value: 10, provenance: 'reported' }, outputTokens: { value: 5, provenance: 'reported' } },
    ...overrides,
  };
}
