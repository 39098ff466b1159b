import type { ErrorReply } from '../types.js';
import type { OpenAIPromptCache } from './prompt-cache.js';

/** What every OpenAI endpoint handler gets from the route besides the exchange. */
export interface OpenAIContext {
  /** Key fingerprint: rate limits and the prompt cache are per key. */
  readonly keyId: string;
  /** Counts the request (and its tokens) against the key's per-minute limits, or returns the 429 to send. */
  readonly admit: (model: string, tokens: number) => ErrorReply | undefined;
  readonly cache: OpenAIPromptCache;
  readonly replyWords: number;
  /** Simulator clock, epoch ms. */
  readonly now: () => number;
}
