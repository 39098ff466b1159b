// The OpenAI adapter (`openai` 6.x).
export { openai, type OpenAIAdapter } from './openai-adapter.js';
export type { OpenAIOptions } from './openai-options.js';
