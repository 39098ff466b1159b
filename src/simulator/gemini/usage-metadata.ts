/** Token counts of one generate response (or of a stream so far). */
export interface TokenCounts {
  readonly prompt: number;
  /** Prompt tokens read from the cache, a subset of `prompt`. */
  readonly cached: number;
  readonly candidates: number;
  readonly thoughts: number;
}

/**
 * `usageMetadata` as proto3 JSON: zero counts are left out, thoughts are outside the candidates but inside the
 * total, cached tokens inside the prompt.
 */
export function usageMetadata(counts: TokenCounts): Record<string, unknown> {
  const usage: Record<string, unknown> = {};
  const put = (name: string, value: unknown, when: boolean): void => {
    if (when) usage[name] = value;
  };
  put('promptTokenCount', counts.prompt, counts.prompt > 0);
  put('candidatesTokenCount', counts.candidates, counts.candidates > 0);
  put('totalTokenCount', counts.prompt + counts.candidates + counts.thoughts, true);
  put('cachedContentTokenCount', counts.cached, counts.cached > 0);
  put('promptTokensDetails', [{ modality: 'TEXT', tokenCount: counts.prompt }], counts.prompt > 0);
  put('cacheTokensDetails', [{ modality: 'TEXT', tokenCount: counts.cached }], counts.cached > 0);
  put('thoughtsTokenCount', counts.thoughts, counts.thoughts > 0);
  return usage;
}
