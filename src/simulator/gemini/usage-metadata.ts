/** A `MediaModality` of the API's `*TokensDetails` lists. */
export type WireModality = 'TEXT' | 'IMAGE' | 'AUDIO' | 'VIDEO' | 'DOCUMENT';

/** Tokens per modality; a modality with no tokens is absent. */
export type ModalityCounts = Partial<Record<WireModality, number>>;

/** Token counts of one generate response (or of a stream so far). */
export interface TokenCounts {
  readonly prompt: number;
  /** The prompt's tokens per modality (they add up to `prompt`). */
  readonly promptModalities: ModalityCounts;
  /** Prompt tokens read from the cache, a subset of `prompt`. */
  readonly cached: number;
  readonly candidates: number;
  readonly thoughts: number;
  /** Tokens of what the API's own tools (Google Search, URL context) fed the model: 0 without them. */
  readonly toolUsePrompt: number;
}

/**
 * `usageMetadata` as proto3 JSON: zero counts are left out, thoughts are outside the candidates but inside the
 * total, cached tokens inside the prompt, tool-use prompt tokens outside the prompt but inside the total. The
 * detail lists: the prompt per modality, the cache and the candidates (text only: the simulated model writes
 * text) and the tool-use prompt (text), each only when its count is above 0. The Gemini API sends no
 * `trafficType` (Vertex AI does), so neither does the simulator.
 */
export function usageMetadata(counts: TokenCounts): Record<string, unknown> {
  const usage: Record<string, unknown> = {};
  const put = (name: string, value: unknown, when: boolean): void => {
    if (when) usage[name] = value;
  };
  put('promptTokenCount', counts.prompt, counts.prompt > 0);
  put('candidatesTokenCount', counts.candidates, counts.candidates > 0);
  put('totalTokenCount', counts.prompt + counts.toolUsePrompt + counts.candidates + counts.thoughts, true);
  put('cachedContentTokenCount', counts.cached, counts.cached > 0);
  put('toolUsePromptTokenCount', counts.toolUsePrompt, counts.toolUsePrompt > 0);
  put('promptTokensDetails', details(counts.promptModalities), counts.prompt > 0);
  put('cacheTokensDetails', [{ modality: 'TEXT', tokenCount: counts.cached }], counts.cached > 0);
  put('candidatesTokensDetails', [{ modality: 'TEXT', tokenCount: counts.candidates }], counts.candidates > 0);
  put('toolUsePromptTokensDetails', [{ modality: 'TEXT', tokenCount: counts.toolUsePrompt }], counts.toolUsePrompt > 0);
  put('thoughtsTokenCount', counts.thoughts, counts.thoughts > 0);
  return usage;
}

const ORDER: readonly WireModality[] = ['TEXT', 'IMAGE', 'AUDIO', 'VIDEO', 'DOCUMENT'];

function details(counts: ModalityCounts): { modality: WireModality; tokenCount: number }[] {
  return ORDER.filter((m) => (counts[m] ?? 0) > 0).map((modality) => ({ modality, tokenCount: counts[modality]! }));
}
