export { AIClient } from './ai-client.js';
export { ClientEvents } from './client-events.js';
export { createAIClient } from './create-ai-client.js';
export type { AIResponse } from './call-runner.js';
export type { PreloadFailure, ReadyReport } from './preload.js';
