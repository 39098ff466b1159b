import type { ChatRequest } from '../../src/operations/chat.js';

/** A minimal valid chat request for the test adapter. */
export function chatRequest(extra: Partial<ChatRequest> = {}): ChatRequest {
  return { model: 'test:m1', messages: [{ role: 'user', content: 'hi' }], ...extra };
}
