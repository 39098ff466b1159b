// The Google Gemini adapter (`@google/generative-ai` 0.24).
export { gemini, type GeminiAdapter, type GeminiCountTokensRequest, type GeminiTokenCount } from './gemini-adapter.js';
export type { GeminiOptions } from './gemini-options.js';
