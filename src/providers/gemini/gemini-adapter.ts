import type { GenerateContentRequest, GenerativeModel, GoogleGenerativeAI } from '@google/generative-ai';
import type { AdapterCall, ProviderAdapterV1 } from '../../adapter.js';
import type { CallResult, StreamCallResult } from '../../call-result.js';
import type { ResolvedKey } from '../../context.js';
import { AbortedError } from '../../errors/aborted-error.js';
import { ConfigError } from '../../errors/config-error.js';
import { withFingerprint } from '../../keys/resolve-key.js';
import { normalizeKey } from '../../keys/normalize-key.js';
import type { ChatDelta, ChatMessage, ChatOutput } from '../../operations/chat.js';
import type { EmbedOutput } from '../../operations/embed.js';
import { estimated } from '../../usage.js';
import { ClientCache } from '../shared/client-cache.js';
import { keyScrubber } from '../shared/key-scrubber.js';
import { lazySdk } from '../../lazy-sdk.js';
import { countTokens } from '../shared/tokenizer.js';
import { chatOutput, type GeminiResponse } from './from-gemini-response.js';
import { resolveGeminiOptions, type GeminiOptions, type ResolvedGeminiOptions } from './gemini-options.js';
import { geminiUsage, type GeminiUsageMetadata } from './gemini-usage.js';
import { geminiTimeout, mapGeminiError } from './map-gemini-error.js';
import { RequestSignal } from '../shared/request-signal.js';
import { streamGemini } from './stream-chat.js';
import { toGeminiRequest } from './to-gemini-request.js';

const loadSdk = lazySdk('@google/generative-ai', () => import('@google/generative-ai'));

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
 * The Google Gemini adapter over `@google/generative-ai` 0.24 (loaded on first use). Builds one SDK client per
 * resolved key (the SDK has no retries to turn off), bounds every request with `timeoutMs`, reports usage from
 * `usageMetadata` (thoughts counted as output and reasoning, cached content as cached input; stream usage from
 * the last cumulative chunk), estimates embedding input tokens with the `o200k_base` tokenizer standing in for
 * Gemini's (embed replies carry no usage), and maps errors to `ProviderError`. Keys are read from
 * `GOOGLE_API_KEY`, then `GEMINI_API_KEY`, the order `@google/genai` uses.
 *
 * @param options - base URL, client, timeout, API version
 * @returns the adapter to register under `providers.gemini`
 *
 * @example
 * ```ts
 * const ai = createAIClient({ providers: { gemini: gemini() } });
 * const reply = await ai.chat({ model: 'gemini:gemini-2.5-flash', messages: [{ role: 'user', content: 'Hi' }] });
 * console.log(reply.usage.outputTokens); // candidates + thoughts
 * ```
 */
export function gemini(options?: GeminiOptions): GeminiAdapter {
  const settings = resolveGeminiOptions(options);
  const clients = new ClientCache<GoogleGenerativeAI>();

  const modelFor = async (model: string, key: ResolvedKey | undefined): Promise<GenerativeModel> => {
    const client = settings.client ?? (await clientFor(key, clients));
    return client.getGenerativeModel({ model }, requestOptions(settings));
  };

  /** One non-streamed request under the adapter's timeout, with every failure mapped. */
  const run = async <T>(call: { key: ResolvedKey | undefined; signal: AbortSignal | undefined }, model: string, send: (model: GenerativeModel, signal: AbortSignal) => Promise<T>): Promise<T> => {
    const generative = await modelFor(model, call.key);
    const request = new RequestSignal(call.signal, settings.timeoutMs);
    try {
      return await send(generative, request.signal);
    } catch (error) {
      if (call.signal?.aborted) throw new AbortedError('the request was aborted', { cause: call.signal.reason });
      throw request.timedOut ? geminiTimeout(settings.timeoutMs) : mapGeminiError(error, call.key?.value);
    } finally {
      request.done();
    }
  };

  return {
    specificationVersion: 'v1',
    provider: 'gemini',
    keyVariables: settings.client ? [] : ['GOOGLE_API_KEY', 'GEMINI_API_KEY'],

    async chat(call) {
      const body = toGeminiRequest(call.request);
      const response = await run(call, call.model, async (model, signal) => (await model.generateContent(body as GenerateContentRequest, { signal })).response);
      return chatResult(response);
    },

    async streamChat(call) {
      const model = await modelFor(call.model, call.key);
      return streamGemini(model, call, settings.timeoutMs);
    },

    async embed(call) {
      const inputs = typeof call.request.input === 'string' ? [call.request.input] : [...call.request.input];
      const dimensions = call.request.dimensions === undefined ? {} : { outputDimensionality: call.request.dimensions };
      const requests = inputs.map((text) => ({ content: { role: 'user', parts: [{ text }] }, ...dimensions }));
      // Embed replies carry no usage at all: input tokens are estimated (o200k_base standing in for Gemini's
      // tokenizer), counted while the request is in flight.
      const counting = countTokens(inputs, 'o200k_base');
      const embeddings = await run(call, call.model, async (model, signal) => {
        if (requests.length === 1) return [(await model.embedContent(requests[0]!, { signal })).embedding.values];
        return (await model.batchEmbedContents({ requests }, { signal })).embeddings.map((e) => e.values);
      });
      const inputTokens = estimated((await counting).reduce((a, b) => a + b, 0));
      return { output: { embeddings }, usage: { requests: 1, inputTokens }, status: 200 };
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
    const reply = await run({ key, signal: request.signal }, model, (m, signal) =>
      m.countTokens({ generateContentRequest: prompt }, { signal }),
    );
    const counts = reply as { totalTokens?: number; cachedContentTokenCount?: number };
    return { totalTokens: counts.totalTokens ?? 0, cachedContentTokens: counts.cachedContentTokenCount ?? 0 };
  }
}

/** A chat reply as the client takes it: the output, its usage and the reply id Gemini gave it. */
function chatResult(response: unknown): CallResult<ChatOutput> {
  const raw = response as GeminiResponse & { usageMetadata?: GeminiUsageMetadata };
  return {
    output: chatOutput(raw),
    usage: geminiUsage(raw.usageMetadata),
    raw: response,
    status: 200,
    ...(raw.responseId ? { requestId: raw.responseId } : {}),
  };
}

async function clientFor(key: ResolvedKey | undefined, clients: ClientCache<GoogleGenerativeAI>): Promise<GoogleGenerativeAI> {
  if (!key) throw new ConfigError('keys.gemini', 'no Gemini API key was resolved; set GOOGLE_API_KEY or GEMINI_API_KEY, or pass a client');
  const { GoogleGenerativeAI } = await loadSdk();
  return clients.get(key.fingerprint, () => new GoogleGenerativeAI(key.value));
}

function requestOptions(settings: ResolvedGeminiOptions): { baseUrl?: string; apiVersion?: string } {
  return {
    ...(settings.baseUrl === undefined ? {} : { baseUrl: settings.baseUrl }),
    ...(settings.apiVersion === undefined ? {} : { apiVersion: settings.apiVersion }),
  };
}
