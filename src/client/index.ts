export { AIClient } from './ai-client.js';
export { createAIClient } from './create-ai-client.js';
export type { AIResponse } from './call-runner.js';
