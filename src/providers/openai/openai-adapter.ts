import type OpenAI from 'openai';
import type { EmbeddingCreateParams } from 'openai/resources/embeddings';
import type { AdapterCall, ProviderAdapterV1 } from '../../adapter.js';
import type { CallResult, StreamCallResult } from '../../call-result.js';
import type { ResolvedKey } from '../../context.js';
import { ConfigError } from '../../errors/config-error.js';
import type { ChatDelta, ChatOutput } from '../../operations/chat.js';
import type { EmbedOutput } from '../../operations/embed.js';
import type { SpeechOutput, SpeechStreamOutput } from '../../operations/speech.js';
import type { TranscriptionOutput } from '../../operations/transcription.js';
import { reported } from '../../usage.js';
import { scrubbingLogger } from '../../redact/scrubbing-logger.js';
import { ClientCache } from '../shared/client-cache.js';
import { preloadFetch } from '../shared/preload-fetch.js';
import { lazySdk } from '../../lazy-sdk.js';
import { mapOpenAIError } from './map-openai-error.js';
import { resolveOpenAIOptions, type OpenAIOptions, type ResolvedOpenAIOptions } from './openai-options.js';
import { openAIChat } from './chat-completion.js';
import { requestOptions, withReply } from './request-options.js';
import { speak, streamSpeak } from './speech.js';
import { streamOpenAIChat } from './stream-chat.js';
import { transcribe } from './transcribe.js';
import { warmOpenAIChat } from './warm-openai.js';

const loadSdk = lazySdk('openai', () => import('openai'));

/**
 * The OpenAI adapter: all six operations, each one HTTP request. Normally registered with the client; its
 * functions can also be called directly with an {@link AdapterCall}.
 *
 * @example
 * ```ts
 * const adapter: OpenAIAdapter = openai({ baseURL: sim.openaiBaseURL });
 * const ai = createAIClient({ providers: { openai: adapter } });
 * ```
 */
export interface OpenAIAdapter extends ProviderAdapterV1 {
  readonly chat: (call: AdapterCall<'chat'>) => Promise<CallResult<ChatOutput>>;
  readonly streamChat: (call: AdapterCall<'streamChat'>) => Promise<StreamCallResult<ChatDelta, ChatOutput>>;
  readonly embed: (call: AdapterCall<'embed'>) => Promise<CallResult<EmbedOutput>>;
  readonly speak: (call: AdapterCall<'speak'>) => Promise<CallResult<SpeechOutput>>;
  readonly streamSpeak: (call: AdapterCall<'streamSpeak'>) => Promise<StreamCallResult<Uint8Array, SpeechStreamOutput>>;
  readonly transcribe: (call: AdapterCall<'transcribe'>) => Promise<CallResult<TranscriptionOutput>>;
}

/**
 * The OpenAI adapter over the official `openai` SDK, 6.x or 7.x (whichever is installed, loaded on first use). Builds one SDK client per resolved
 * key, turns the SDK's retries off on every request (the client's chain owns retrying), bounds the wait for a
 * reply head with `timeoutMs`, and passes the call's signal. Usage is read from the reply exactly as reported:
 * chat `usage` (cached ⊂ input, reasoning ⊂ output; streams always request `include_usage` and read the final
 * chunk), embeddings `prompt_tokens`, transcription `usage` (seconds for `whisper-1`, tokens otherwise), speech
 * characters (and, for token-billed models, the tokens of the SSE `speech.audio.done` event). Interrupted streams
 * get estimated usage for the part received. Errors become `ProviderError` (or `AbortedError`). The key is read
 * from `OPENAI_API_KEY`.
 *
 * @param options - base URL, client, timeout
 * @returns the adapter to register under `providers.openai`
 *
 * @example
 * ```ts
 * const ai = createAIClient({ providers: { openai: openai() } });
 * const reply = await ai.chat({ model: 'openai:gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
 * console.log(reply.usage.inputTokens, reply.usage.cachedInputTokens);
 * ```
 */
export function openai(options?: OpenAIOptions): OpenAIAdapter {
  const settings = resolveOpenAIOptions(options);
  const clients = new ClientCache<OpenAI>();
  // A client the user built gets our settings once (no SDK retries: the chain's retry owns retrying; our timeout).
  const own = settings.client?.withOptions({ maxRetries: 0, timeout: settings.timeoutMs });
  // The SDK's client class once loaded: from then on a call gets its client at once, without waiting a turn.
  let Sdk: typeof OpenAI | undefined;
  const withClient = <R>(key: ResolvedKey | undefined, run: (client: OpenAI) => Promise<R>): Promise<R> => {
    try {
      if (own) return run(own);
      if (Sdk) return run(keyedClient(key, settings, clients, Sdk));
    } catch (error) {
      return Promise.reject(error);
    }
    return loadSdk().then(({ default: Client }) => {
      Sdk = Client;
      return run(keyedClient(key, settings, clients, Client));
    });
  };
  const clientFor = (key: ResolvedKey | undefined): Promise<OpenAI> => withClient(key, (client) => Promise.resolve(client));

  return {
    specificationVersion: 'v1',
    provider: 'openai',
    keyVariables: settings.client ? [] : ['OPENAI_API_KEY'],
    // Loaded even for a user's client: transcriptions take the SDK's `toFile`. Then a first chat completion's
    // code runs once in-process (no request leaves, no event), so the first real call does not compile it.
    async preload() {
      const [{ default: OpenAIClient }] = await Promise.all([loadSdk(), preloadFetch()]);
      void (await warmOpenAIChat((fetch) => new OpenAIClient({ apiKey: 'aimeter-warm-up', maxRetries: 0, timeout: settings.timeoutMs, logger: scrubbingLogger([]), ...(settings.baseURL ? { baseURL: settings.baseURL } : {}), fetch })));
    },

    chat(call) {
      return withClient(call.key, (client) => openAIChat(client, call));
    },

    streamChat(call) {
      return withClient(call.key, (client) => streamOpenAIChat(client, call));
    },

    async embed(call) {
      const client = await clientFor(call.key);
      // No encoding_format: the SDK then asks for base64 and decodes it, the fastest path.
      const body = {
        model: call.model,
        input: typeof call.request.input === 'string' ? call.request.input : [...call.request.input],
        ...(call.request.dimensions === undefined ? {} : { dimensions: call.request.dimensions }),
        ...call.request.providerOptions?.['openai'],
      } as EmbeddingCreateParams;
      try {
        const { data, response, request_id } = await client.embeddings.create(body, requestOptions(call.signal)).withResponse();
        const embeddings = [...data.data].sort((a, b) => a.index - b.index).map((d) => decodeEmbedding(d.embedding));
        return withReply({ output: { embeddings }, usage: { requests: 1, inputTokens: reported(data.usage.prompt_tokens) } }, response, request_id);
      } catch (error) {
        throw mapOpenAIError(error, call.key?.value, call.signal);
      }
    },

    async speak(call) {
      return speak(await clientFor(call.key), call);
    },

    async streamSpeak(call) {
      return streamSpeak(await clientFor(call.key), call);
    },

    async transcribe(call) {
      const [client, sdk] = await Promise.all([clientFor(call.key), loadSdk()]);
      return transcribe(client, (value, name) => sdk.toFile(value, name), call);
    },
  };
}

function keyedClient(key: ResolvedKey | undefined, settings: ResolvedOpenAIOptions, clients: ClientCache<OpenAI>, OpenAIClient: typeof OpenAI): OpenAI {
  if (!key) throw new ConfigError('keys.openai', 'no OpenAI API key was resolved; set OPENAI_API_KEY, or pass a client');
  return clients.get(key.fingerprint, () => new OpenAIClient({ apiKey: key.value, maxRetries: 0, timeout: settings.timeoutMs, logger: scrubbingLogger([key.value]), ...(settings.baseURL ? { baseURL: settings.baseURL } : {}) }));
}

/** A vector as sent: a float array, or base64 of little-endian float32s when `encoding_format: "base64"` was asked for explicitly. */
function decodeEmbedding(embedding: number[] | string): number[] {
  if (typeof embedding !== 'string') return embedding;
  // Copied into a fresh buffer: Float32Array needs 4-byte alignment, which a pooled Buffer does not promise.
  return Array.from(new Float32Array(Uint8Array.from(Buffer.from(embedding, 'base64')).buffer));
}
