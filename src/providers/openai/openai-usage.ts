import type { ChatOutput, ChatRequest } from '../../operations/chat.js';
import { estimated, missing, reported, type Usage } from '../../usage.js';
import { chatPromptParts } from '../shared/chat-prompt-tokens.js';
import type { TokenEncoding } from '../shared/token-encoding.js';
import { countCutTokens } from '../shared/tokenizer.js';
import type { TokenCounting } from '../../token-counting.js';

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

/**
 * Estimated usage of a chat stream that ended before its usage chunk (consumer `break`, `AbortSignal`, a cut
 * connection), counted with the model's tokenizer off the caller's thread ({@link countCutTokens}, as `mode` says;
 * `'off'`: the token figures are `missing`): the prompt by OpenAI's chat format
 * ({@link chatPromptParts}), the output as exactly what was streamed, the text plus each tool call's name and
 * arguments. A reasoning model's hidden reasoning is never streamed, so for those the output is a lower bound.
 *
 * @example
 * ```ts
 * const usage = await partialChatUsage(encoding, request, { text: received, toolCalls: [] }, 'exact');
 * usage.outputTokens; // { value: 57, provenance: 'estimated' }
 * ```
 */
export async function partialChatUsage(
  encoding: TokenEncoding,
  request: Pick<ChatRequest, 'messages' | 'tools'>,
  output: Pick<ChatOutput, 'text' | 'toolCalls'>,
  mode?: TokenCounting,
): Promise<Usage> {
  const prompt = chatPromptParts(request.messages, request.tools, encoding);
  const streamed = [output.text, ...output.toolCalls.flatMap((c) => [c.name, c.arguments])];
  const counts = await countCutTokens([...prompt.texts, ...streamed], encoding, mode);
  if (!counts) return { requests: 1, inputTokens: missing(), outputTokens: missing() };
  const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
  return {
    requests: 1,
    inputTokens: estimated(prompt.fixed + sum(counts.slice(0, prompt.texts.length))),
    outputTokens: estimated(sum(counts.slice(prompt.texts.length))),
  };
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
