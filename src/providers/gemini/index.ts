// The Google Gemini adapter (`@google/genai` 2.x and 3.x, or the seed `@google/generative-ai` 0.24).
export { gemini, type GeminiAdapter, type GeminiCountTokensRequest, type GeminiTokenCount } from './gemini-adapter.js';
export type { GeminiOptions } from './gemini-options.js';
export type { GeminiSdkName } from './gemini-sdk.js';
