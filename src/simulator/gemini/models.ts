/**
 * Which model ids the simulated Gemini API knows. There is no model list to keep current: a generative model
 * is `gemini-<major>[.<minor>]-<variant>` (`gemini-2.0-flash`, `gemini-2.5-pro-preview-05-06`) or
 * `gemma-<version>-…`; an embedding model is `text-embedding-<n>`, `embedding-<n>` or `gemini-embedding-…`.
 * Anything else, or a model used for the other kind of method, gets the API's 404.
 */
const GENERATIVE = /^(?:gemini-\d+(?:\.\d+)?-[a-z0-9][a-z0-9.-]*|gemma-\d[a-z0-9.-]*)$/;
const EMBEDDING = /^(?:text-embedding-\d+|embedding-\d+|gemini-embedding-[a-z0-9.-]+)$/;

/** Whether `model` answers generateContent, streamGenerateContent and countTokens. */
export function isGenerativeModel(model: string): boolean {
  return GENERATIVE.test(model);
}

/** Whether `model` answers embedContent and batchEmbedContents. */
export function isEmbeddingModel(model: string): boolean {
  return EMBEDDING.test(model);
}

/**
 * Whether `model` thinks before answering: the 2.5 family and any `…thinking…` model, as on the real API.
 * These models also get implicit prompt caching.
 */
export function isThinkingModel(model: string): boolean {
  return /^gemini-2\.5-/.test(model) || model.includes('thinking');
}
