import type { ChatOutput } from '../../operations/chat.js';
import { estimated, missing, reported, type ModalitySplit, type ModalityTokens, type TokenModality, type Usage } from '../../usage.js';
import type { TokenCounting } from '../../token-counting.js';
import { countCutTokens } from '../shared/tokenizer.js';

/** One entry of a `*TokensDetails` list: the tokens of one modality. */
export interface GeminiModalityCount {
  readonly modality?: string;
  readonly tokenCount?: number;
}

/**
 * `usageMetadata` as the API sends it (both SDKs pass it through unchanged). Proto3 JSON leaves zero counts out,
 * so an absent count means 0.
 */
export interface GeminiUsageMetadata {
  readonly promptTokenCount?: number;
  readonly cachedContentTokenCount?: number;
  readonly candidatesTokenCount?: number;
  readonly toolUsePromptTokenCount?: number;
  readonly thoughtsTokenCount?: number;
  readonly totalTokenCount?: number;
  readonly promptTokensDetails?: readonly GeminiModalityCount[];
  readonly cacheTokensDetails?: readonly GeminiModalityCount[];
  readonly candidatesTokensDetails?: readonly GeminiModalityCount[];
  readonly toolUsePromptTokensDetails?: readonly GeminiModalityCount[];
  readonly trafficType?: string;
  /** The processing tier that served the request (`standard`, …), as the Gemini API names it. */
  readonly serviceTier?: string;
}

const MODALITIES: ReadonlySet<string> = new Set<TokenModality>(['text', 'image', 'audio', 'video', 'document']);

/**
 * Normalized usage from `usageMetadata`, as reported: input = prompt + tool-use prompt tokens (both billed as
 * input; cached tokens are inside the prompt), output = candidates + thoughts (thoughts are outside the
 * candidates and billed as output), reasoning = thoughts, cached input = `cachedContentTokenCount`, tool-use
 * prompt = `toolUsePromptTokenCount` (when sent), the per-modality splits (see {@link geminiModalities}),
 * `trafficType` and `serviceTier`. Without any metadata the token figures are `missing`.
 */
export function geminiUsage(metadata: GeminiUsageMetadata | undefined): Usage {
  if (!metadata) return { requests: 1, inputTokens: missing(), outputTokens: missing() };
  const thoughts = metadata.thoughtsTokenCount ?? 0;
  const modalities = geminiModalities(metadata, true);
  return {
    requests: 1,
    inputTokens: reported((metadata.promptTokenCount ?? 0) + (metadata.toolUsePromptTokenCount ?? 0)),
    outputTokens: reported((metadata.candidatesTokenCount ?? 0) + thoughts),
    cachedInputTokens: reported(metadata.cachedContentTokenCount ?? 0),
    reasoningTokens: reported(thoughts),
    ...(metadata.toolUsePromptTokenCount === undefined ? {} : { toolUsePromptTokens: reported(metadata.toolUsePromptTokenCount) }),
    ...(modalities ? { modalities } : {}),
    ...(metadata.trafficType ? { trafficType: metadata.trafficType } : {}),
    ...(metadata.serviceTier ? { serviceTier: metadata.serviceTier } : {}),
  };
}

/**
 * The per-modality splits of `usageMetadata`: input = `promptTokensDetails` + `toolUsePromptTokensDetails`,
 * cached input = `cacheTokensDetails`, output (when `withOutput`) = `candidatesTokensDetails` plus the thoughts
 * as `text`. A split is left out when its details are absent; `undefined` when none is there.
 */
export function geminiModalities(metadata: GeminiUsageMetadata, withOutput: boolean): ModalitySplit | undefined {
  const input = modalityTokens([...(metadata.promptTokensDetails ?? []), ...(metadata.toolUsePromptTokensDetails ?? [])]);
  const cachedInput = modalityTokens(metadata.cacheTokensDetails ?? []);
  const thoughts = metadata.thoughtsTokenCount ?? 0;
  const candidates = metadata.candidatesTokensDetails;
  const output = withOutput && candidates ? modalityTokens([...candidates, ...(thoughts > 0 ? [{ modality: 'TEXT', tokenCount: thoughts }] : [])]) : undefined;
  if (!input && !cachedInput && !output) return undefined;
  return { ...(input ? { input } : {}), ...(cachedInput ? { cachedInput } : {}), ...(output ? { output } : {}) };
}

function modalityTokens(details: readonly GeminiModalityCount[]): ModalityTokens | undefined {
  if (details.length === 0) return undefined;
  const counts: Partial<Record<TokenModality, number>> = {};
  for (const { modality, tokenCount } of details) {
    const name = modality?.toLowerCase() ?? '';
    if (MODALITIES.has(name)) counts[name as TokenModality] = (counts[name as TokenModality] ?? 0) + (tokenCount ?? 0);
  }
  return counts;
}

/**
 * Estimated usage of a stream that ended before its final chunk. Output: exactly what was streamed (the text,
 * and each function call's name and arguments) counted with `o200k_base` off the caller's thread ({@link countCutTokens}, as `mode` says), the stand-in for Gemini's own
 * tokenizer, which has no public JavaScript port, so these figures approximate Gemini's count; plus the thoughts
 * of the last `usageMetadata` received, which no text shows. A mid-stream `candidatesTokenCount` is not used:
 * the API may leave it out, and proto3 JSON makes an absent count read as 0. Input, cached input: from that
 * `usageMetadata` (the prompt is counted in full before the first chunk), else the prompt text tokenized.
 * Always `estimated`: the provider's final figures never arrived. With `mode` `'off'`, what needed counting is `missing`.
 *
 * @example
 * ```ts
 * const usage = await partialGeminiUsage(lastMetadata, requestText(body), { text: received, toolCalls: [] }, 'exact');
 * usage.outputTokens; // { value: 41, provenance: 'estimated' }
 * ```
 */
export async function partialGeminiUsage(
  last: GeminiUsageMetadata | undefined,
  promptText: string,
  output: Pick<ChatOutput, 'text' | 'toolCalls'>,
  mode?: TokenCounting,
): Promise<Usage> {
  const streamed = [output.text, ...output.toolCalls.flatMap((c) => [c.name, c.arguments])];
  const prompt = last?.promptTokenCount;
  const counts = await countCutTokens(prompt === undefined ? [promptText, ...streamed] : streamed, 'o200k_base', mode);
  const input = prompt === undefined ? counts?.shift() : prompt + (last?.toolUsePromptTokenCount ?? 0);
  const thoughts = last?.thoughtsTokenCount ?? 0;
  return {
    requests: 1,
    inputTokens: input === undefined ? missing() : estimated(input),
    outputTokens: counts ? estimated(counts.reduce((a, b) => a + b, 0) + thoughts) : missing(),
    ...(last ? { cachedInputTokens: estimated(last.cachedContentTokenCount ?? 0), reasoningTokens: estimated(thoughts) } : {}),
    ...partialDetails(last),
  };
}

/** What a partial usage keeps of the last metadata besides the totals: tool-use prompt, input splits, traffic type. */
function partialDetails(last: GeminiUsageMetadata | undefined): Partial<Usage> {
  if (!last) return {};
  const modalities = geminiModalities(last, false);
  return {
    ...(last.toolUsePromptTokenCount === undefined ? {} : { toolUsePromptTokens: estimated(last.toolUsePromptTokenCount) }),
    ...(modalities ? { modalities } : {}),
    ...(last.trafficType ? { trafficType: last.trafficType } : {}),
  };
}
