import { randomBytes } from 'node:crypto';
import type { AdapterCall } from '../../../src/adapter.js';
import { resolved } from '../keys.js';
import type { Operation, OperationTypes } from '../../../src/operations/operation.js';
import type { Usage } from '../../../src/usage.js';
import type { GeminiSdkName } from '../sdk-generations.js';

export { assertNoKey, resolved } from '../keys.js';

/**
 * A client of `sdk` for `key`, built as a user would (the seed SDK loaded only when asked for, so this module
 * runs where only the successor is installed); `retries` turns on the successor's own retries (the seed SDK
 * has none).
 */
export async function sdkClient(sdk: GeminiSdkName, key: string, options: { retries?: number } = {}): Promise<object> {
  if (sdk === '@google/genai') {
    const { GoogleGenAI } = await import('@google/genai');
    const retryOptions = options.retries === undefined ? undefined : { attempts: options.retries + 1, initialDelay: 0.01, maxDelay: 0.01 };
    return new GoogleGenAI({ apiKey: key, vertexai: false, ...(retryOptions ? { httpOptions: { retryOptions } } : {}) });
  }
  const { GoogleGenerativeAI } = await import('@google/generative-ai');
  return new GoogleGenerativeAI(key);
}

/** A made-up key, new for every test run. */
export function fakeKey(): string {
  return `AIza${randomBytes(16).toString('hex')}`;
}

/** One adapter call. */
export function adapterCall<Op extends Operation>(model: string, request: OperationTypes[Op]['request'], key: string, signal?: AbortSignal): AdapterCall<Op> {
  return { model, request, key: resolved(key), signal };
}

type Details = readonly { modality: string; tokenCount?: number }[] | undefined;

/** `usageMetadata` on the wire. */
interface WireUsage {
  readonly promptTokenCount?: number;
  readonly candidatesTokenCount?: number;
  readonly cachedContentTokenCount?: number;
  readonly toolUsePromptTokenCount?: number;
  readonly thoughtsTokenCount?: number;
  readonly promptTokensDetails?: Details;
  readonly cacheTokensDetails?: Details;
  readonly candidatesTokensDetails?: Details;
  readonly toolUsePromptTokensDetails?: Details;
  readonly trafficType?: string;
  readonly serviceTier?: string;
}

/** A `*TokensDetails` list as a modality split (lower-case names), or undefined when absent. */
function split(...lists: Details[]): Record<string, number> | undefined {
  if (lists.every((l) => l === undefined)) return undefined;
  const out: Record<string, number> = {};
  for (const { modality, tokenCount } of lists.flatMap((l) => l ?? [])) out[modality.toLowerCase()] = (out[modality.toLowerCase()] ?? 0) + (tokenCount ?? 0);
  return out;
}

/**
 * The usage `usageMetadata` (as the simulator logged it) must normalize to, field by field: input = prompt +
 * tool-use prompt, output = candidates + thoughts, the modality splits (thoughts as text output), trafficType,
 * serviceTier.
 */
export function expectedUsage(metadata: unknown): Usage {
  const m = metadata as WireUsage;
  const thoughts = m.thoughtsTokenCount ?? 0;
  const toolUse = m.toolUsePromptTokenCount;
  const input = split(m.promptTokensDetails, m.toolUsePromptTokensDetails);
  const cachedInput = split(m.cacheTokensDetails);
  const candidates = m.candidatesTokensDetails;
  const output = candidates === undefined ? undefined : split(candidates, thoughts > 0 ? [{ modality: 'TEXT', tokenCount: thoughts }] : undefined);
  const modalities = { ...(input ? { input } : {}), ...(cachedInput ? { cachedInput } : {}), ...(output ? { output } : {}) };
  return {
    requests: 1,
    inputTokens: { value: (m.promptTokenCount ?? 0) + (toolUse ?? 0), provenance: 'reported' },
    outputTokens: { value: (m.candidatesTokenCount ?? 0) + thoughts, provenance: 'reported' },
    cachedInputTokens: { value: m.cachedContentTokenCount ?? 0, provenance: 'reported' },
    reasoningTokens: { value: thoughts, provenance: 'reported' },
    ...(toolUse === undefined ? {} : { toolUsePromptTokens: { value: toolUse, provenance: 'reported' as const } }),
    ...(Object.keys(modalities).length > 0 ? { modalities } : {}),
    ...(m.trafficType ? { trafficType: m.trafficType } : {}),
    ...(m.serviceTier ? { serviceTier: m.serviceTier } : {}),
  };
}
