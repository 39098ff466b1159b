/**
 * What a degraded call asks for: provider, model and, where they apply, the voice and `maxOutputTokens`.
 *
 * @example
 * ```ts
 * const target: DegradeTarget = { provider: 'openai', model: 'gpt-4o-mini', maxOutputTokens: 200 };
 * ```
 */
export interface DegradeTarget {
  readonly provider: string;
  readonly model: string;
  /** The voice of a speech call. */
  readonly voice?: string;
  /** The `maxOutputTokens` of a chat call, when set. */
  readonly maxOutputTokens?: number;
}

/**
 * What a budget's degradation rule changed in a call before it was sent (the payload of a `degraded` event, with
 * the call's `CallInfo`): `from` what the caller asked, `to` what is called, because `policy`'s counter was
 * `share` spent (settled plus reserved), at or over the rule's `at`. The call's usage event records the model
 * actually called (`to`).
 *
 * @example
 * ```ts
 * ai.on('degraded', (e) => {
 *   console.warn(`${e.tags.customer}: ${e.from.model} → ${e.to.model} (${e.policy} at ${Math.round(e.share * 100)} %)`);
 * });
 * ```
 */
export interface DegradeDetails {
  /** What the caller asked for. */
  readonly from: DegradeTarget;
  /** What is called instead. */
  readonly to: DegradeTarget;
  /** The policy whose spent share triggered the rule. */
  readonly policy: string;
  /** The policy's counter, e.g. `customer=acme` (empty when the policy has one counter). */
  readonly scope: string;
  /** The share of the policy's limit spent, settled plus reserved, when the call was degraded. */
  readonly share: number;
  /** The rule's threshold. */
  readonly at: number;
}
