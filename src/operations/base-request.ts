import type { ModelRef } from '../model-ref.js';
import type { Tags } from '../tags.js';

/**
 * Fields every operation's request has.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const base: BaseRequest = { model: 'openai:gpt-4o-mini', tags: { customer: 'acme' }, signal: controller.signal };
 * await ai.chat({ ...base, messages: [{ role: 'user', content: 'Hi' }], providerOptions: { openai: { seed: 7 } } });
 * ```
 */
export interface BaseRequest {
  /** The model, as `'provider:model'` or `{ provider, model }`. */
  readonly model: ModelRef;
  /** Attribution tags, merged over the client's default tags. */
  readonly tags?: Tags;
  /** Cancels the call, including an ongoing stream; the usage produced so far is still metered. */
  readonly signal?: AbortSignal;
  /**
   * Provider-specific options passed through untouched, keyed by provider name, e.g.
   * `{ openai: { seed: 7 } }`. Only the options of the call's provider are used.
   */
  readonly providerOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}
