import { estimated, missing, reported, type Quantity, type Usage } from '../../usage.js';
import { estimateTokens } from '../shared/estimate-tokens.js';

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
 * Normalized usage from `usageMetadata`: input = prompt + tool-use prompt tokens (both billed as input; cached
 * tokens are inside the prompt), output = candidates + thoughts (thoughts are outside the candidates and billed
 * as output), reasoning = thoughts, cached input = `cachedContentTokenCount`. Without any metadata the token
 * figures are `missing`. `provenance` is `estimated` for the cumulative figures of a stream that never finished.
 */
export function geminiUsage(metadata: GeminiUsageMetadata | undefined, provenance: 'reported' | 'estimated' = 'reported'): Usage {
  if (!metadata) return { requests: 1, inputTokens: missing(), outputTokens: missing() };
  const figure = (value: number): Quantity => (provenance === 'reported' ? reported(value) : estimated(value));
  const thoughts = metadata.thoughtsTokenCount ?? 0;
  return {
    requests: 1,
    inputTokens: figure((metadata.promptTokenCount ?? 0) + (metadata.toolUsePromptTokenCount ?? 0)),
    outputTokens: figure((metadata.candidatesTokenCount ?? 0) + thoughts),
    cachedInputTokens: figure(metadata.cachedContentTokenCount ?? 0),
    reasoningTokens: figure(thoughts),
  };
}

/**
 * Estimated usage of a stream that ended before its final chunk: the last cumulative `usageMetadata` received (the
 * provider's own count of the part received), else the prompt and the streamed text run through
 * {@link estimateTokens}. Always `estimated`: the provider's final figure never arrived.
 */
export function partialGeminiUsage(last: GeminiUsageMetadata | undefined, promptText: string, streamedText: string): Usage {
  if (last) return geminiUsage(last, 'estimated');
  return { requests: 1, inputTokens: estimated(estimateTokens(promptText)), outputTokens: estimated(estimateTokens(streamedText)) };
}
