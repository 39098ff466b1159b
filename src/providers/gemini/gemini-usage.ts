import type { ChatOutput } from '../../operations/chat.js';
import { estimated, missing, reported, type Usage } from '../../usage.js';
import { countTokensNow } from '../shared/tokenizer.js';

/**
 * `usageMetadata` as the API sends it. The 0.24 SDK types declare only some of these fields; proto3 JSON leaves
 * zero counts out, so an absent count means 0.
 */
export interface GeminiUsageMetadata {
  readonly promptTokenCount?: number;
  readonly cachedContentTokenCount?: number;
  readonly candidatesTokenCount?: number;
  readonly toolUsePromptTokenCount?: number;
  readonly thoughtsTokenCount?: number;
  readonly totalTokenCount?: number;
}

/**
 * Normalized usage from `usageMetadata`, as reported: input = prompt + tool-use prompt tokens (both billed as
 * input; cached tokens are inside the prompt), output = candidates + thoughts (thoughts are outside the
 * candidates and billed as output), reasoning = thoughts, cached input = `cachedContentTokenCount`. Without any
 * metadata the token figures are `missing`.
 */
export function geminiUsage(metadata: GeminiUsageMetadata | undefined): Usage {
  if (!metadata) return { requests: 1, inputTokens: missing(), outputTokens: missing() };
  const thoughts = metadata.thoughtsTokenCount ?? 0;
  return {
    requests: 1,
    inputTokens: reported((metadata.promptTokenCount ?? 0) + (metadata.toolUsePromptTokenCount ?? 0)),
    outputTokens: reported((metadata.candidatesTokenCount ?? 0) + thoughts),
    cachedInputTokens: reported(metadata.cachedContentTokenCount ?? 0),
    reasoningTokens: reported(thoughts),
  };
}

/**
 * Estimated usage of a stream that ended before its final chunk. Output: exactly what was streamed (the text,
 * and each function call's name and arguments) counted with `o200k_base` ({@link countTokensNow}), the stand-in for Gemini's own
 * tokenizer, which has no public JavaScript port, so these figures approximate Gemini's count; plus the thoughts
 * of the last `usageMetadata` received, which no text shows. A mid-stream `candidatesTokenCount` is not used:
 * the API may leave it out, and proto3 JSON makes an absent count read as 0. Input, cached input: from that
 * `usageMetadata` (the prompt is counted in full before the first chunk), else the prompt text tokenized.
 * Always `estimated`: the provider's final figures never arrived.
 *
 * @example
 * ```ts
 * const usage = partialGeminiUsage(lastMetadata, requestText(body), { text: received, toolCalls: [] });
 * usage.outputTokens; // { value: 41, provenance: 'estimated' }
 * ```
 */
export function partialGeminiUsage(last: GeminiUsageMetadata | undefined, promptText: string, output: Pick<ChatOutput, 'text' | 'toolCalls'>): Usage {
  const streamed = [output.text, ...output.toolCalls.flatMap((c) => [c.name, c.arguments])];
  const prompt = last?.promptTokenCount;
  const counts = countTokensNow(prompt === undefined ? [promptText, ...streamed] : streamed, 'o200k_base');
  const input = prompt === undefined ? counts.shift()! : prompt + (last?.toolUsePromptTokenCount ?? 0);
  const thoughts = last?.thoughtsTokenCount ?? 0;
  return {
    requests: 1,
    inputTokens: estimated(input),
    outputTokens: estimated(counts.reduce((a, b) => a + b, 0) + thoughts),
    ...(last ? { cachedInputTokens: estimated(last.cachedContentTokenCount ?? 0), reasoningTokens: estimated(thoughts) } : {}),
  };
}
