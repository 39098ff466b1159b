import type { Operation } from '../operations/operation.js';

/**
 * Which version of the OpenTelemetry GenAI semantic conventions spans and metrics follow. `'v1.36'`: the
 * conventions as of semantic-conventions v1.36.0 (`gen_ai.system`), what GenAI instrumentations emit by default
 * under the conventions' transition plan; `'latest'`: the latest experimental names aimeter knows
 * (`gen_ai.provider.name`, `gen_ai.usage.cache_read.input_tokens`, `gen_ai.usage.reasoning.output_tokens`,
 * `gen_ai.response.time_to_first_chunk`), what `OTEL_SEMCONV_STABILITY_OPT_IN=gen_ai_latest_experimental` asks for.
 * Source: https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans ("Existing GenAI instrumentations
 * that are using v1.36.0 … SHOULD introduce an environment variable OTEL_SEMCONV_STABILITY_OPT_IN").
 *
 * @example
 * ```ts
 * const ai = createAIClient({ providers: { openai: openai() }, telemetry: { semconv: 'latest' } });
 * ```
 */
export type SemconvVersion = 'v1.36' | 'latest';

/** The value of `OTEL_SEMCONV_STABILITY_OPT_IN` that selects the latest experimental GenAI conventions. */
export const GEN_AI_OPT_IN = 'gen_ai_latest_experimental';

/**
 * The conventions' version a process asks for: `'latest'` when `OTEL_SEMCONV_STABILITY_OPT_IN` (a comma-separated
 * list) holds `gen_ai_latest_experimental`, else `'v1.36'`.
 *
 * @example
 * ```ts
 * semconvFromEnv({ OTEL_SEMCONV_STABILITY_OPT_IN: 'http,gen_ai_latest_experimental' }); // 'latest'
 * ```
 */
export function semconvFromEnv(env: NodeJS.ProcessEnv): SemconvVersion {
  const list = env.OTEL_SEMCONV_STABILITY_OPT_IN ?? '';
  return list.split(',').some((item) => item.trim() === GEN_AI_OPT_IN) ? 'latest' : 'v1.36';
}

/** `gen_ai.operation.name` of each operation: `chat` and `embeddings` are the conventions' values, the speech ones are custom. */
const OPERATION_NAMES: Readonly<Record<Operation, string>> = {
  chat: 'chat',
  streamChat: 'chat',
  embed: 'embeddings',
  speak: 'text_to_speech',
  streamSpeak: 'text_to_speech',
  transcribe: 'speech_to_text',
};

/**
 * The `gen_ai.operation.name` of an aimeter operation.
 *
 * @example
 * ```ts
 * genAiOperationName('streamSpeak'); // 'text_to_speech'
 * ```
 */
export function genAiOperationName(operation: Operation): string {
  return OPERATION_NAMES[operation];
}

/** The conventions' provider values (`gen_ai.provider.name`, and `gen_ai.system` in v1.36) by adapter name. */
const PROVIDER_VALUES: Readonly<Record<string, string>> = { openai: 'openai', gemini: 'gcp.gemini', elevenlabs: 'elevenlabs' };

/**
 * The conventions' provider value of an adapter (`openai`, `gcp.gemini`; `elevenlabs`, which the conventions do
 * not list, as a custom value); any other adapter's own name.
 *
 * @example
 * ```ts
 * genAiProviderName('gemini'); // 'gcp.gemini'
 * ```
 */
export function genAiProviderName(adapterProvider: string): string {
  return PROVIDER_VALUES[adapterProvider] ?? adapterProvider;
}

/** Attribute names of the conventions that aimeter sets. */
export const GEN_AI = {
  operation: 'gen_ai.operation.name',
  system: 'gen_ai.system',
  provider: 'gen_ai.provider.name',
  requestModel: 'gen_ai.request.model',
  responseModel: 'gen_ai.response.model',
  inputTokens: 'gen_ai.usage.input_tokens',
  outputTokens: 'gen_ai.usage.output_tokens',
  cacheReadTokens: 'gen_ai.usage.cache_read.input_tokens',
  cacheCreationTokens: 'gen_ai.usage.cache_creation.input_tokens',
  reasoningTokens: 'gen_ai.usage.reasoning.output_tokens',
  timeToFirstChunk: 'gen_ai.response.time_to_first_chunk',
  conversationId: 'gen_ai.conversation.id',
  tokenType: 'gen_ai.token.type',
  inputMessages: 'gen_ai.input.messages',
  outputMessages: 'gen_ai.output.messages',
  errorType: 'error.type',
  httpStatus: 'http.response.status_code',
} as const;

/** The provider attribute of a version: `gen_ai.system` up to v1.36, `gen_ai.provider.name` after. */
export function providerAttribute(version: SemconvVersion): string {
  return version === 'latest' ? GEN_AI.provider : GEN_AI.system;
}

/** The metric names of the conventions. */
export const GEN_AI_METRICS = {
  tokenUsage: 'gen_ai.client.token.usage',
  operationDuration: 'gen_ai.client.operation.duration',
} as const;

/**
 * Bucket boundaries the conventions advise for `gen_ai.client.token.usage` (powers of 4 from 1 to 4^13).
 * Source: https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-metrics
 */
export const TOKEN_USAGE_BUCKETS: readonly number[] = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

/**
 * Bucket boundaries, in seconds, the conventions advise for `gen_ai.client.operation.duration` (0.01 doubling to
 * 81.92). Source: https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-metrics
 */
export const OPERATION_DURATION_BUCKETS: readonly number[] = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
