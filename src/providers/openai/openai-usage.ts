import type { ChatOutput, ChatRequest } from '../../operations/chat.js';
import { estimated, missing, reported, type ModalitySplit, type ModalityTokens, type TokenModality, type Usage } from '../../usage.js';
import { chatPromptParts } from '../shared/chat-prompt-tokens.js';
import type { TokenEncoding } from '../shared/token-encoding.js';
import { countCutTokens } from '../shared/tokenizer.js';
import type { TokenCounting } from '../../token-counting.js';

/** Token counts by modality, as OpenAI's usage details name them (`text_tokens`, `audio_tokens`, `image_tokens`). */
export interface OpenAIModalityDetails {
  readonly text_tokens?: number;
  readonly audio_tokens?: number;
  readonly image_tokens?: number;
}

/** `usage` of a chat completion as the API sends it (`CompletionUsage`). */
export interface OpenAICompletionUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly prompt_tokens_details?:
    | (OpenAIModalityDetails & {
        readonly cached_tokens?: number;
        readonly cache_write_tokens?: number;
        /** The cached tokens by modality (the Realtime API's shape; sent by some models). */
        readonly cached_tokens_details?: OpenAIModalityDetails | null;
      })
    | null;
  readonly completion_tokens_details?: (OpenAIModalityDetails & { readonly reasoning_tokens?: number }) | null;
}

/**
 * Normalized usage of a chat completion, exactly as reported: input = `prompt_tokens` (cached and cache-write
 * tokens are inside it), output = `completion_tokens` (reasoning is inside it), cached input =
 * `prompt_tokens_details.cached_tokens`, reasoning = `completion_tokens_details.reasoning_tokens` (an absent
 * detail means 0), the modality splits of both details ({@link openaiModalities}) and the reply's `service_tier`
 * (`serviceTier`). Without a usage object the token figures are `missing`.
 */
export function chatUsage(usage: OpenAICompletionUsage | null | undefined, serviceTier?: string | null): Usage {
  const tier = serviceTier ? { serviceTier } : {};
  if (!usage) return { requests: 1, inputTokens: missing(), outputTokens: missing(), ...tier };
  const cacheWrite = usage.prompt_tokens_details?.cache_write_tokens;
  const input = openaiModalities(usage.prompt_tokens_details);
  const cachedInput = openaiModalities(usage.prompt_tokens_details?.cached_tokens_details);
  const output = openaiModalities(usage.completion_tokens_details);
  const modalities: ModalitySplit = { ...(input ? { input } : {}), ...(cachedInput ? { cachedInput } : {}), ...(output ? { output } : {}) };
  return {
    requests: 1,
    inputTokens: reported(usage.prompt_tokens),
    outputTokens: reported(usage.completion_tokens),
    cachedInputTokens: reported(usage.prompt_tokens_details?.cached_tokens ?? 0),
    ...(cacheWrite === undefined ? {} : { cacheWriteInputTokens: reported(cacheWrite) }),
    reasoningTokens: reported(usage.completion_tokens_details?.reasoning_tokens ?? 0),
    ...(input || cachedInput || output ? { modalities } : {}),
    ...tier,
  };
}

/**
 * The modality counts of one OpenAI usage detail object, as reported (zeros kept), or `undefined` when it reports
 * no modality with a token in it: the details every plain text reply carries (`audio_tokens: 0`) add nothing.
 *
 * @example
 * ```ts
 * openaiModalities({ text_tokens: 20, audio_tokens: 44, image_tokens: 0, cached_tokens: 0 }); // { text: 20, audio: 44, image: 0 }
 * openaiModalities({ audio_tokens: 0, cached_tokens: 0 }); // undefined
 * ```
 */
export function openaiModalities(details: OpenAIModalityDetails | null | undefined): ModalityTokens | undefined {
  if (!details) return undefined;
  const counts: Partial<Record<TokenModality, number>> = {};
  let any = false;
  for (const [field, modality] of DETAIL_FIELDS) {
    const count = details[field];
    if (typeof count !== 'number') continue;
    counts[modality] = count;
    if (count > 0) any = true;
  }
  return any ? counts : undefined;
}

const DETAIL_FIELDS = [
  ['text_tokens', 'text'],
  ['audio_tokens', 'audio'],
  ['image_tokens', 'image'],
] as const satisfies readonly (readonly [keyof OpenAIModalityDetails, TokenModality])[];

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

/** `usage` of a transcription: by duration (`whisper-1`, `gpt-4o-transcribe-diarize`) or by tokens (`gpt-4o-transcribe`…). */
export type OpenAITranscriptionUsage =
  | { readonly type: 'duration'; readonly seconds: number }
  | {
      readonly type?: 'tokens';
      readonly input_tokens: number;
      readonly output_tokens: number;
      /** The input split: the prompt's text tokens and the audio's tokens, billed at different rates. */
      readonly input_token_details?: OpenAIModalityDetails | null;
    };

/**
 * Normalized usage of a transcription, as reported: `audioSeconds` when the reply bills by duration (`usage.type:
 * 'duration'`), else input and output tokens, with the input split into the prompt's text and the audio
 * (`input_token_details`) and the output counted as text (a transcript). Without a usage object, the figure the
 * model is billed by is `missing`.
 */
export function transcriptionUsage(usage: OpenAITranscriptionUsage | undefined, durationBilled: boolean): Usage {
  if (usage?.type === 'duration') return { requests: 1, audioSeconds: reported(usage.seconds) };
  if (usage) {
    const input = openaiModalities(usage.input_token_details);
    return {
      requests: 1,
      inputTokens: reported(usage.input_tokens),
      outputTokens: reported(usage.output_tokens),
      ...(input ? { modalities: { input } } : {}),
    };
  }
  return durationBilled ? { requests: 1, audioSeconds: missing() } : { requests: 1, inputTokens: missing(), outputTokens: missing() };
}
