import type { CountTokensParameters, GenerateContentParameters, GoogleGenAI, HttpOptions } from '@google/genai';
import type { GeminiChunk, GeminiSdk } from './gemini-sdk.js';
import { mapGenaiError } from './map-genai-error.js';
import type { GeminiGenerateRequest } from './to-gemini-request.js';

/** A reply of the successor: the REST body plus `sdkHttpResponse.headers` (lower-case names). */
type WithHeaders = { readonly sdkHttpResponse?: { readonly headers?: Record<string, string> } };

/**
 * {@link GeminiSdk} over `@google/genai` (2.x and 3.x: the parts used here are the same). Each request carries
 * the signal as `config.abortSignal` and turns off automatic continuation (which would resume a cut stream with
 * further requests the meter never sees); the SDK retries only when `httpOptions.retryOptions` is set, which
 * the clients the adapter builds never set, and which `perRequest` (given for a client the user passed) caps
 * at one attempt. Reply headers come from `sdkHttpResponse.headers`; an error event inside a stream is thrown
 * by the SDK as an `ApiError`.
 *
 * @param client - a `GoogleGenAI` for the Gemini API (not Vertex)
 * @param perRequest - HTTP options sent with every request (base URL, API version, retries), or none
 */
export function genaiSdk(client: GoogleGenAI, perRequest: HttpOptions | undefined): GeminiSdk {
  // `automaticContinuation` is a generate option; the other requests ignore it.
  const config = (signal: AbortSignal): { abortSignal: AbortSignal; automaticContinuation: false; httpOptions?: HttpOptions } => ({
    abortSignal: signal,
    automaticContinuation: false,
    ...(perRequest ? { httpOptions: perRequest } : {}),
  });
  const params = (model: string, body: GeminiGenerateRequest, signal: AbortSignal): GenerateContentParameters => {
    const { contents, generationConfig, ...fields } = body;
    // The successor's config is the REST body's generationConfig and its other fields side by side.
    // The body's types are the wire's (enums as strings), which the SDK's types spell as its enums.
    return { model, contents, config: { ...generationConfig, ...fields, ...config(signal) } } as unknown as GenerateContentParameters;
  };
  return {
    name: '@google/genai',
    async generate(model, body, signal) {
      const response = (await client.models.generateContent(params(model, body, signal))) as GeminiChunk & WithHeaders;
      return { body: response, ...headersOf(response) };
    },
    async stream(model, body, signal) {
      const chunks = (await client.models.generateContentStream(params(model, body, signal)))[Symbol.asyncIterator]() as AsyncIterator<GeminiChunk & WithHeaders>;
      let first: WithHeaders | undefined;
      const watched: AsyncIterator<GeminiChunk> = {
        next: async () => {
          const next = await chunks.next();
          if (!next.done) first ??= next.value;
          return next;
        },
        return: async (value?: unknown) => (chunks.return ? chunks.return(value) : { done: true, value: undefined }),
      };
      return { chunks: watched, headers: () => first?.sdkHttpResponse?.headers };
    },
    async embed(model, inputs, signal) {
      const dimensions = inputs[0]?.outputDimensionality;
      const reply = (await client.models.embedContent({
        model,
        contents: inputs.map((input) => input.text),
        config: { ...(dimensions === undefined ? {} : { outputDimensionality: dimensions }), ...config(signal) },
      })) as WithHeaders & { embeddings?: { values?: number[] }[]; usageMetadata?: GeminiChunk['usageMetadata'] };
      const embeddings = (reply.embeddings ?? []).map((e) => e.values ?? []);
      return { embeddings, ...(reply.usageMetadata ? { usageMetadata: reply.usageMetadata } : {}), ...headersOf(reply) };
    },
    async countTokens(model, prompt, signal) {
      const { abortSignal, httpOptions } = config(signal);
      if (!prompt.systemInstruction) {
        return client.models.countTokens({ model, contents: prompt.contents, config: { abortSignal, ...(httpOptions ? { httpOptions } : {}) } } as unknown as CountTokensParameters);
      }
      // The SDK refuses a system instruction for the Gemini API's countTokens, which takes one inside a
      // `generateContentRequest`: that is sent as the extra body, with no `contents` beside it.
      const request = { model: model.startsWith('models/') ? model : `models/${model}`, ...prompt };
      const extra = { ...httpOptions, extraBody: { generateContentRequest: request } };
      return client.models.countTokens({ model, config: { abortSignal, httpOptions: extra } } as unknown as CountTokensParameters);
    },
    mapError: mapGenaiError,
  };
}

function headersOf(reply: WithHeaders): { headers?: Record<string, string> } {
  const headers = reply.sdkHttpResponse?.headers;
  return headers ? { headers } : {};
}
