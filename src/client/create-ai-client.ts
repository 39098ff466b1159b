import type { AIClientOptions } from '../client-options.js';
import { AIClient } from './ai-client.js';

/**
 * Creates an {@link AIClient}. Options are validated now: a bad one throws {@link ConfigError} naming it.
 *
 * @example
 * ```ts
 * import { createAIClient, openai, memorySink } from 'aimeter';
 *
 * const ai = createAIClient({
 *   providers: { openai: openai() },
 *   sinks: [memorySink()],
 *   tags: { project: 'support-bot' },
 * });
 * ```
 */
export function createAIClient(options: AIClientOptions): AIClient {
  return new AIClient(options);
}
