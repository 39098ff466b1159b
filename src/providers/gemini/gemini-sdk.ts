import type { ProviderError } from '../../errors/provider-error.js';
import type { GeminiResponse } from './from-gemini-response.js';
import type { GeminiUsageMetadata } from './gemini-usage.js';
import type { GeminiContent, GeminiGenerateRequest } from './to-gemini-request.js';

/**
 * The Gemini SDK packages the adapter drives: the successor `@google/genai` and the seed `@google/generative-ai`.
 *
 * @example
 * ```ts
 * const sdk: GeminiSdkName = '@google/genai';
 * const adapter = gemini({ sdk });
 * ```
 */
export type GeminiSdkName = '@google/genai' | '@google/generative-ai';

/** A generate response (or stream chunk) with what the adapter reads besides the answer. */
export type GeminiChunk = GeminiResponse & {
  readonly usageMetadata?: GeminiUsageMetadata;
  /** A `{"error": …}` event of a stream, as the seed SDK yields it (the successor throws it instead). */
  readonly error?: unknown;
};

/** One reply of a non-streamed request: the body and the reply headers, when the SDK exposes them. */
export interface GeminiReply<T> {
  readonly body: T;
  /** Lower-case names; absent when the SDK hides them (the seed SDK). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** An opened stream: its chunks and the headers of the reply head, when the SDK exposes them. */
export interface GeminiOpenedStream {
  readonly chunks: AsyncIterator<GeminiChunk>;
  /** Read once the first chunk is in (the successor attaches them to every chunk). */
  readonly headers: () => Readonly<Record<string, string>> | undefined;
}

/** One text to embed, as the REST API's `EmbedContentRequest`. */
export interface GeminiEmbedInput {
  readonly text: string;
  readonly outputDimensionality?: number;
}

/** Embeddings in input order, with the usage when the reply carries one. */
export interface GeminiEmbeddings {
  readonly embeddings: number[][];
  readonly usageMetadata?: GeminiUsageMetadata;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A prompt to count: what a generate request would send. */
export interface GeminiPrompt {
  readonly contents: GeminiContent[];
  readonly systemInstruction?: GeminiContent;
}

/**
 * What the adapter needs from a Gemini SDK, one implementation per package (`genai-sdk.ts`,
 * `generative-ai-sdk.ts`). Each request takes the adapter's signal (the caller's cancel and the timeout) and
 * rejects with whatever the SDK throws; {@link GeminiSdk.mapError} turns that into a `ProviderError`.
 */
export interface GeminiSdk {
  readonly name: GeminiSdkName;
  generate(model: string, body: GeminiGenerateRequest, signal: AbortSignal): Promise<GeminiReply<GeminiChunk>>;
  stream(model: string, body: GeminiGenerateRequest, signal: AbortSignal): Promise<GeminiOpenedStream>;
  embed(model: string, inputs: readonly GeminiEmbedInput[], signal: AbortSignal): Promise<GeminiEmbeddings>;
  countTokens(model: string, prompt: GeminiPrompt, signal: AbortSignal): Promise<{ totalTokens?: number; cachedContentTokenCount?: number }>;
  /** This SDK's error (HTTP error, error event in a stream, failed fetch) as a scrubbed `ProviderError`. */
  mapError(error: unknown, key: string | undefined): ProviderError;
}

/** Which SDK a client is, by its shape; `undefined` for anything else. */
export function geminiClientKind(client: unknown): GeminiSdkName | undefined {
  if (typeof client !== 'object' || client === null) return undefined;
  const c = client as { getGenerativeModel?: unknown; models?: { generateContent?: unknown } };
  if (typeof c.getGenerativeModel === 'function') return '@google/generative-ai';
  if (typeof c.models === 'object' && c.models !== null && typeof c.models.generateContent === 'function') return '@google/genai';
  return undefined;
}

/**
 * The reply headers a consumer reads, lower-cased: `retry-after`, `x-gemini-service-tier` (the tier that served
 * the request), `server-timing`, any request id and any `x-ratelimit-*`. The rest is left out, as the OpenAI
 * adapter does.
 */
export function keptHeaders(headers: Readonly<Record<string, string>> | undefined): Record<string, string> | undefined {
  if (!headers) return undefined;
  const kept: Record<string, string> = {};
  for (const [raw, value] of Object.entries(headers)) {
    const name = raw.toLowerCase();
    if (KEPT.has(name) || name.startsWith('x-ratelimit-')) kept[name] = value;
  }
  return kept;
}

const KEPT = new Set(['retry-after', 'x-gemini-service-tier', 'server-timing', 'x-request-id', 'x-goog-request-id']);
