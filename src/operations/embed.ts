import type { BaseRequest } from './base-request.js';

/**
 * An embeddings request.
 *
 * @example
 * ```ts
 * const request: EmbedRequest = { model: 'openai:text-embedding-3-small', input: ['a', 'b'] };
 * ```
 */
export interface EmbedRequest extends BaseRequest {
  /** One text or several. */
  readonly input: string | readonly string[];
  /** Output dimensions, where the model supports shortening. @default the model's */
  readonly dimensions?: number;
}

/**
 * Embedding vectors, one per input, in input order.
 *
 * @example
 * ```ts
 * const { output } = await ai.embed({ model: 'openai:text-embedding-3-small', input: ['cat', 'dog'] });
 * const [cat, dog] = output.embeddings; // one vector per input, in input order
 * ```
 */
export interface EmbedOutput {
  /** The vectors. */
  readonly embeddings: readonly (readonly number[])[];
}
