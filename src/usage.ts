/**
 * Where a figure comes from: `reported` by the provider, `estimated` by aimeter (tokenizer or character count,
 * e.g. for an aborted stream), or `missing` (applicable but unknown: never a silent 0).
 *
 * @example
 * ```ts
 * const { usage } = await ai.chat({ model: 'openai:gpt-4o-mini', messages });
 * const provenance: Provenance | undefined = usage.outputTokens?.provenance;
 * if (provenance === 'estimated') console.log(`~${usage.outputTokens?.value} output tokens`);
 * ```
 */
export type Provenance = 'reported' | 'estimated' | 'missing';

/**
 * One billable figure with its provenance. A `missing` quantity has `value: null`.
 *
 * @example
 * ```ts
 * const q: Quantity = { value: 42, provenance: 'reported' };
 * ```
 */
export type Quantity =
  | { readonly value: number; readonly provenance: 'reported' | 'estimated' }
  | { readonly value: null; readonly provenance: 'missing' };

/**
 * Every billable unit of one provider request. A field that is absent does not apply to the operation (a
 * speech call has no output tokens); a field that applies but is unknown is present with provenance `missing`.
 * Subsets follow the providers: `cachedInputTokens` ⊂ `inputTokens`, `reasoningTokens` ⊂ `outputTokens`.
 *
 * @example
 * ```ts
 * const usage: Usage = {
 *   requests: 1,
 *   inputTokens: { value: 19, provenance: 'reported' },
 *   outputTokens: { value: 10, provenance: 'reported' },
 * };
 * ```
 */
export interface Usage {
  /** Provider requests this record stands for: always 1 per attempt. */
  readonly requests: number;
  /** Prompt tokens, including cached and cache-write tokens. */
  readonly inputTokens?: Quantity;
  /** Completion tokens, including reasoning (OpenAI) and thoughts (Gemini, billed as output). */
  readonly outputTokens?: Quantity;
  /** Input tokens read from the provider's prompt cache (a subset of `inputTokens`). */
  readonly cachedInputTokens?: Quantity;
  /** Input tokens written to the prompt cache (a subset of `inputTokens`). */
  readonly cacheWriteInputTokens?: Quantity;
  /** Reasoning or thinking tokens (a subset of `outputTokens`). */
  readonly reasoningTokens?: Quantity;
  /** Characters of text sent to text-to-speech. */
  readonly characters?: Quantity;
  /** Provider credits billed (ElevenLabs `character-cost`, after the model's discount). */
  readonly credits?: Quantity;
  /** Seconds of audio transcribed. */
  readonly audioSeconds?: Quantity;
}

/**
 * A figure the provider reported.
 *
 * @example
 * ```ts
 * const inputTokens = reported(19);
 * ```
 */
export function reported(value: number): Quantity {
  return { value, provenance: 'reported' };
}

/**
 * A figure aimeter estimated.
 *
 * @example
 * ```ts
 * const outputTokens = estimated(7);
 * ```
 */
export function estimated(value: number): Quantity {
  return { value, provenance: 'estimated' };
}

/**
 * A figure that applies but is unknown.
 *
 * @example
 * ```ts
 * const audioSeconds = missing();
 * ```
 */
export function missing(): Quantity {
  return MISSING;
}

const MISSING: Quantity = Object.freeze({ value: null, provenance: 'missing' });
