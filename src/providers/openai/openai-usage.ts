import type { ChatMessage } from '../../operations/chat.js';
import { estimated, missing, reported, type Usage } from '../../usage.js';
import { estimateTokens } from '../shared/estimate-tokens.js';

/** `usage` of a chat completion as the API sends it (`CompletionUsage`). */
export interface OpenAICompletionUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly prompt_tokens_details?: { readonly cached_tokens?: number; readonly cache_write_tokens?: number } | null;
  readonly completion_tokens_details?: { readonly reasoning_tokens?: number } | null;
}

/**
 * Normalized usage of a chat completion, exactly as reported: input = `prompt_tokens` (cached and cache-write
 * tokens are inside it), output = `completion_tokens` (reasoning is inside it), cached input =
 * `prompt_tokens_details.cached_tokens`, reasoning = `completion_tokens_details.reasoning_tokens` (an absent
 * detail means 0). Without a usage object the token figures are `missing`.
 */
export function chatUsage(usage: OpenAICompletionUsage | null | undefined): Usage {
  if (!usage) return { requests: 1, inputTokens: missing(), outputTokens: missing() };
  const cacheWrite = usage.prompt_tokens_details?.cache_write_tokens;
  return {
    requests: 1,
    inputTokens: reported(usage.prompt_tokens),
    outputTokens: reported(usage.completion_tokens),
    cachedInputTokens: reported(usage.prompt_tokens_details?.cached_tokens ?? 0),
    ...(cacheWrite === undefined ? {} : { cacheWriteInputTokens: reported(cacheWrite) }),
    reasoningTokens: reported(usage.completion_tokens_details?.reasoning_tokens ?? 0),
  };
}

// OpenAI's token-counting guide: 3 tokens per message, 3 more priming the reply.
const PER_MESSAGE = 3;
const REPLY_PRIMING = 3;

/**
 * Estimated usage of a chat stream that ended before its usage chunk (consumer `break`, `AbortSignal`, a cut
 * connection): the prompt's text and tool-call arguments through {@link estimateTokens} plus OpenAI's documented
 * per-message overhead, and the text and tool-call arguments received so far.
 */
export function partialChatUsage(messages: readonly ChatMessage[], received: string): Usage {
  const prompt = messages.reduce((sum, m) => sum + PER_MESSAGE + estimateTokens(messageText(m)), REPLY_PRIMING);
  return { requests: 1, inputTokens: estimated(prompt), outputTokens: estimated(estimateTokens(received)) };
}

function messageText(message: ChatMessage): string {
  const content = typeof message.content === 'string' ? message.content : message.content.map((p) => (p.type === 'text' ? p.text : '')).join('');
  return [content, ...(message.toolCalls ?? []).map((c) => `${c.name} ${c.arguments}`)].join(' ');
}

/** `usage` of a transcription: by duration (`whisper-1`) or by tokens (`gpt-4o-transcribe`…). */
export type OpenAITranscriptionUsage =
  | { readonly type: 'duration'; readonly seconds: number }
  | { readonly type?: 'tokens'; readonly input_tokens: number; readonly output_tokens: number };

/**
 * Normalized usage of a transcription: `audioSeconds` for duration-billed models, input and output tokens for
 * token-billed ones, as reported. Without a usage object, the figure the model is billed by is `missing`.
 */
export function transcriptionUsage(usage: OpenAITranscriptionUsage | undefined, durationBilled: boolean): Usage {
  if (usage?.type === 'duration') return { requests: 1, audioSeconds: reported(usage.seconds) };
  if (usage) return { requests: 1, inputTokens: reported(usage.input_tokens), outputTokens: reported(usage.output_tokens) };
  return durationBilled ? { requests: 1, audioSeconds: missing() } : { requests: 1, inputTokens: missing(), outputTokens: missing() };
}
