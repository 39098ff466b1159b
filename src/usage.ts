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
 * Subsets follow the providers: `cachedInputTokens` and `toolUsePromptTokens` ⊂ `inputTokens`, `reasoningTokens` ⊂
 * `outputTokens`; `modalities` splits the token totals by modality.
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
  /**
   * Input tokens of the prompts the provider's own tools sent on the model's behalf (Gemini
   * `toolUsePromptTokenCount`: search grounding, code execution, URL context). A subset of `inputTokens`, which
   * already counts them, so they are billed once.
   */
  readonly toolUsePromptTokens?: Quantity;
  /**
   * The token totals split by modality, as the provider reports them (Gemini `promptTokensDetails`,
   * `cacheTokensDetails`, `candidatesTokensDetails`). Each split has the provenance of the total it splits; a
   * split is absent when the provider sent no details.
   */
  readonly modalities?: ModalitySplit;
  /**
   * How the provider served and billed the request, as it names it (Gemini `usageMetadata.trafficType`, e.g.
   * `ON_DEMAND` or `PROVISIONED_THROUGHPUT`). A label, not a quantity; absent when the provider does not say.
   */
  readonly trafficType?: string;
  /**
   * The processing tier that served the request, as the provider names it (OpenAI's reply `service_tier`:
   * `default`, `flex`, `priority`, `scale`). It selects the price: flex is billed at Batch rates, priority at a
   * premium. A label, not a quantity; absent when the provider does not say.
   */
  readonly serviceTier?: string;
}

/**
 * A kind of content tokens are counted for, named as Gemini's `MediaModality` in lower case.
 *
 * @example
 * ```ts
 * const modality: TokenModality = 'image';
 * ```
 */
export type TokenModality = 'text' | 'image' | 'audio' | 'video' | 'document';

/**
 * Token counts per modality; a modality the reply did not mention is absent.
 *
 * @example
 * ```ts
 * const tokens: ModalityTokens = { text: 12, image: 258 };
 * ```
 */
export type ModalityTokens = Readonly<Partial<Record<TokenModality, number>>>;

/**
 * {@link Usage.modalities}: each total split by modality. `input` splits `inputTokens` (Gemini: prompt and
 * tool-use prompt details added together; OpenAI: `prompt_tokens_details` of a chat, `input_token_details` of a
 * transcription), `cachedInput` splits `cachedInputTokens` (cached audio is inside both `input.audio` and
 * `cachedInput.audio`), `output` splits `outputTokens` (Gemini's thoughts, text outside
 * `candidatesTokensDetails`, counted as `text`; OpenAI `completion_tokens_details`). A modality outside
 * {@link TokenModality} is left out, so a split can then add up to less than its total.
 *
 * @example
 * ```ts
 * const { usage } = await ai.chat({ model: 'gemini:gemini-2.5-flash', messages });
 * console.log(usage.modalities?.input?.image ?? 0, 'image tokens of', usage.inputTokens?.value);
 * ```
 */
export interface ModalitySplit {
  /** Split of `inputTokens`. */
  readonly input?: ModalityTokens;
  /** Split of `cachedInputTokens`. */
  readonly cachedInput?: ModalityTokens;
  /** Split of `outputTokens`. */
  readonly output?: ModalityTokens;
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
