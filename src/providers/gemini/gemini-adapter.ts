import type { AdapterCall, ProviderAdapterV1 } from '../../adapter.js';
import type { CallResult, StreamCallResult } from '../../call-result.js';
import type { ResolvedKey } from '../../context.js';
import { AbortedError } from '../../errors/aborted-error.js';
import { ConfigError } from '../../errors/config-error.js';
import { withFingerprint } from '../../keys/resolve-key.js';
import { normalizeKey } from '../../keys/normalize-key.js';
import type { ChatDelta, ChatMessage, ChatOutput } from '../../operations/chat.js';
import type { EmbedOutput } from '../../operations/embed.js';
import { estimated, reported } from '../../usage.js';
import { keyScrubber } from '../shared/key-scrubber.js';
import { countTokens } from '../shared/tokenizer.js';
import { chatOutput } from './from-gemini-response.js';
import { resolveGeminiOptions, type GeminiOptions } from './gemini-options.js';
import { keptHeaders, type GeminiChunk, type GeminiReply, type GeminiSdk } from './gemini-sdk.js';
import { geminiUsage } from './gemini-usage.js';
import { geminiSdkSource, preloadGeminiSdk } from './load-gemini-sdk.js';
import { geminiTimeout } from './map-gemini-error.js';
import { RequestSignal } from '../shared/request-signal.js';
import { streamGemini } from './stream-chat.js';
import { toGeminiRequest } from './to-gemini-request.js';

/**
 * What {@link GeminiAdapter.countTokens} counts: the prompt a chat request with these messages would send.
 *
 * @example
 * ```ts
 * const request: GeminiCountTokensRequest = { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'Hi' }], key };
 * ```
 */
export interface GeminiCountTokensRequest {
  /** The model id, with or without the `gemini:` prefix. */
  readonly model: string;
  /** The conversation, as for `chat` (system messages count too). */
  readonly messages: readonly ChatMessage[];
  /** The API key; not needed when the adapter was given a `client`. */
  readonly key?: string;
  /** Cancels the request. */
  readonly signal?: AbortSignal;
}

/**
 * The reply of {@link GeminiAdapter.countTokens}.
 *
 * @example
 * ```ts
 * const count: GeminiTokenCount = await gemini().countTokens({ model: 'gemini-2.5-flash', messages, key });
 * if (count.totalTokens > 100_000) messages = summarize(messages);
 * ```
 */
export interface GeminiTokenCount {
  /** Prompt tokens (absent in the reply means 0). */
  readonly totalTokens: number;
  /** Of those, tokens in cached content. */
  readonly cachedContentTokens: number;
}

/**
 * The Gemini adapter: chat, streamChat and embed for the client, plus a direct `countTokens`.
 *
 * @example
 * ```ts
 * const adapter: GeminiAdapter = gemini({ baseURL: sim.geminiBaseUrl });
 * const { totalTokens } = await adapter.countTokens({ model: 'gemini-2.5-flash', messages, key });
 * ```
 */
export interface GeminiAdapter extends ProviderAdapterV1 {
  readonly chat: (call: AdapterCall<'chat'>) => Promise<CallResult<ChatOutput>>;
  readonly streamChat: (call: AdapterCall<'streamChat'>) => Promise<StreamCallResult<ChatDelta, ChatOutput>>;
  readonly embed: (call: AdapterCall<'embed'>) => Promise<CallResult<EmbedOutput>>;
  /**
   * Counts the prompt tokens of a conversation with the API's `:countTokens` (free, so not metered and not an
   * operation of the client). The key is normalized as the client's key chain does (whitespace around it
   * dropped), and every error is mapped and scrubbed like the operations' (the key masked in every form).
   */
  readonly countTokens: (request: GeminiCountTokensRequest) => Promise<GeminiTokenCount>;
}

/**
 * The Google Gemini adapter over `@google/genai` (2.x, or 3.x on Node 22 and later) or the seed
 * `@google/generative-ai` 0.24, whichever `sdk` names or the `client` is (by default the successor when it is
 * installed); the SDK is loaded on first use. Builds one SDK client per resolved key with the SDK's own retries
 * off (the successor's automatic stream continuation too), bounds every request and every wait for a stream
 * chunk with `timeoutMs`, and reports usage from `usageMetadata`: thoughts counted as output and reasoning,
 * cached content as cached input, tool-use prompt tokens as input and on their own, the per-modality details
 * as `usage.modalities`, `trafficType`; stream usage from the last cumulative chunk (never a sum of chunks).
 * With the successor the reply headers (`x-gemini-service-tier`, `retry-after`, …) reach `headers`; the seed
 * SDK hides them. Embedding input tokens are estimated with the `o200k_base` tokenizer standing in for
 * Gemini's, unless the reply carries usage. Errors of either SDK are mapped to `ProviderError` and scrubbed
 * of the key. Keys are read from `GOOGLE_API_KEY`, then `GEMINI_API_KEY`, the order `@google/genai` uses.
 *
 * @param options - base URL, SDK, client, timeout, API version
 * @returns the adapter to register under `providers.gemini`
 *
 * @example
 * ```ts
 * const ai = createAIClient({ providers: { gemini: gemini() } }); // or gemini({ sdk: '@google/generative-ai' })
 * const reply = await ai.chat({ model: 'gemini:gemini-2.5-flash', messages: [{ role: 'user', content: 'Hi' }] });
 * console.log(reply.usage.outputTokens, reply.usage.modalities?.input); // candidates + thoughts; tokens per modality
 * ```
 */
export function gemini(options?: GeminiOptions): GeminiAdapter {
  const settings = resolveGeminiOptions(options);
  const sdkFor = geminiSdkSource(settings);

  /** One non-streamed request under the adapter's timeout, with every failure mapped. */
  const run = async <T>(call: { key: ResolvedKey | undefined; signal: AbortSignal | undefined }, send: (sdk: GeminiSdk, signal: AbortSignal) => Promise<T>): Promise<T> => {
    const sdk = await sdkFor(call.key);
    const request = new RequestSignal(call.signal, settings.timeoutMs);
    try {
      return await send(sdk, request.signal);
    } catch (error) {
      if (call.signal?.aborted) throw new AbortedError('the request was aborted', { cause: call.signal.reason });
      throw request.timedOut ? geminiTimeout(settings.timeoutMs) : sdk.mapError(error, call.key?.value);
    } finally {
      request.done();
    }
  };

  return {
    specificationVersion: 'v1',
    provider: 'gemini',
    keyVariables: settings.client ? [] : ['GOOGLE_API_KEY', 'GEMINI_API_KEY'],
    preload: () => preloadGeminiSdk(settings),

    async chat(call) {
      const body = toGeminiRequest(call.request);
      return chatResult(await run(call, (sdk, signal) => sdk.generate(call.model, body, signal)));
    },

    async streamChat(call) {
      return streamGemini(await sdkFor(call.key), call, settings.timeoutMs);
    },

    async embed(call) {
      const inputs = typeof call.request.input === 'string' ? [call.request.input] : [...call.request.input];
      const dimensions = call.request.dimensions === undefined ? {} : { outputDimensionality: call.request.dimensions };
      // Embed replies of the Gemini API carry no usage: input tokens are estimated (o200k_base standing in for
      // Gemini's tokenizer), counted while the request is in flight; a reply with usage is taken at its word.
      const counting = countTokens(inputs, 'o200k_base');
      const reply = await run(call, (sdk, signal) => sdk.embed(call.model, inputs.map((text) => ({ text, ...dimensions })), signal));
      const prompt = reply.usageMetadata?.promptTokenCount;
      const usage = prompt === undefined ? { requests: 1, inputTokens: estimated((await counting).reduce((a, b) => a + b, 0)) } : { requests: 1, inputTokens: reported(prompt) };
      const headers = keptHeaders(reply.headers);
      return { output: { embeddings: reply.embeddings }, usage, status: 200, ...(headers ? { headers } : {}) };
    },

    async countTokens(request) {
      const value = normalizeKey(request.key);
      try {
        return await countPromptTokens(request, value === undefined ? undefined : withFingerprint(value, 'countTokens key'));
      } catch (error) {
        // Called directly, not through the client: its scrubber never sees this error.
        throw keyScrubber(value ?? request.key).scrub(error);
      }
    },
  };

  async function countPromptTokens(request: GeminiCountTokensRequest, key: ResolvedKey | undefined): Promise<GeminiTokenCount> {
    if (!key && !settings.client) throw new ConfigError('key', 'countTokens needs the API key (or a client in the gemini() options)');
    const model = request.model.replace(/^gemini:/, '');
    const { contents, systemInstruction } = toGeminiRequest({ model: { provider: 'gemini', model }, messages: request.messages });
    const prompt = { contents, ...(systemInstruction ? { systemInstruction } : {}) };
    const counts = await run({ key, signal: request.signal }, (sdk, signal) => sdk.countTokens(model, prompt, signal));
    return { totalTokens: counts.totalTokens ?? 0, cachedContentTokens: counts.cachedContentTokenCount ?? 0 };
  }
}

/** A chat reply as the client takes it: the output, its usage, the reply id Gemini gave it and the headers. */
function chatResult(reply: GeminiReply<GeminiChunk>): CallResult<ChatOutput> {
  const response = reply.body;
  const headers = keptHeaders(reply.headers);
  return {
    output: chatOutput(response),
    usage: geminiUsage(response.usageMetadata),
    raw: response,
    status: 200,
    ...(response.responseId ? { requestId: response.responseId } : {}),
    ...(headers ? { headers } : {}),
  };
}
