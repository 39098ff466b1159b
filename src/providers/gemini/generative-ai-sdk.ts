import type { GenerateContentRequest, GenerativeModel, GoogleGenerativeAI, RequestOptions } from '@google/generative-ai';
import type { GeminiChunk, GeminiSdk } from './gemini-sdk.js';
import { mapGeminiError } from './map-gemini-error.js';

/**
 * {@link GeminiSdk} over the seed `@google/generative-ai` 0.24: no retries to turn off, no reply headers, the
 * signal as a per-request option. A `{"error": …}` event inside a stream comes out as an ordinary chunk with
 * `error`. The request body is the REST body, which the SDK sends as it is.
 *
 * @param client - a `GoogleGenerativeAI`
 * @param options - base URL and API version, when set
 */
export function generativeAiSdk(client: GoogleGenerativeAI, options: RequestOptions): GeminiSdk {
  const modelFor = (model: string): GenerativeModel => client.getGenerativeModel({ model }, options);
  return {
    name: '@google/generative-ai',
    async generate(model, body, signal) {
      const { response } = await modelFor(model).generateContent(body as GenerateContentRequest, { signal });
      return { body: response };
    },
    async stream(model, body, signal) {
      const result = await modelFor(model).generateContentStream(body as GenerateContentRequest, { signal });
      // The SDK's aggregate reads a tee of the same body; it rejects when the stream is cut or cancelled. Unused.
      result.response.catch(() => undefined);
      return { chunks: (result.stream as AsyncIterable<GeminiChunk>)[Symbol.asyncIterator](), headers: () => undefined };
    },
    async embed(model, inputs, signal) {
      const requests = inputs.map(({ text, outputDimensionality }) => ({
        content: { role: 'user', parts: [{ text }] },
        ...(outputDimensionality === undefined ? {} : { outputDimensionality }),
      }));
      const generative = modelFor(model);
      if (requests.length === 1) return { embeddings: [(await generative.embedContent(requests[0]!, { signal })).embedding.values] };
      return { embeddings: (await generative.batchEmbedContents({ requests }, { signal })).embeddings.map((e) => e.values) };
    },
    async countTokens(model, prompt, signal) {
      return modelFor(model).countTokens({ generateContentRequest: prompt }, { signal });
    },
    mapError: mapGeminiError,
  };
}
