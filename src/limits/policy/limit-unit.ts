import type { Usage } from '../../usage.js';

/**
 * What a policy counts. `tokens` is input + output; `concurrent` counts calls in flight (no window).
 *
 * @example
 * ```ts
 * const unit: LimitUnit = 'credits';
 * ```
 */
export type LimitUnit = 'requests' | 'inputTokens' | 'outputTokens' | 'tokens' | 'characters' | 'credits' | 'usd' | 'concurrent';

/**
 * Every unit, for validation.
 *
 * @example
 * ```ts
 * if (!LIMIT_UNITS.includes(unit)) throw new Error(`unknown unit ${unit}`);
 * ```
 */
export const LIMIT_UNITS: readonly LimitUnit[] = ['requests', 'inputTokens', 'outputTokens', 'tokens', 'characters', 'credits', 'usd', 'concurrent'];

/**
 * Amounts by unit: an estimate to reserve, or the actual to settle to. A unit left out counts 0.
 *
 * @example
 * ```ts
 * const estimate: UnitAmounts = { requests: 1, inputTokens: 120, outputTokens: 256, tokens: 376, usd: 0.0002 };
 * ```
 */
export type UnitAmounts = Readonly<Partial<Record<Exclude<LimitUnit, 'concurrent'>, number>>>;

/**
 * The amounts of a {@link Usage} in every unit; `usd` is the priced cost when known. A figure the provider
 * did not report (`missing`) falls back to `fallback` (the reservation), so an unknown actual never refunds.
 *
 * @example
 * ```ts
 * const actual = unitAmounts(result.usage, cost.usd, reservedEstimate);
 * ```
 */
export function unitAmounts(usage: Usage, usd: number | undefined, fallback: UnitAmounts = {}): UnitAmounts {
  const value = (figure: Usage['inputTokens'], unit: keyof UnitAmounts): number => {
    if (figure === undefined) return 0;
    return figure.value ?? fallback[unit] ?? 0;
  };
  const inputTokens = value(usage.inputTokens, 'inputTokens');
  const outputTokens = value(usage.outputTokens, 'outputTokens');
  const characters = value(usage.characters, 'characters');
  return {
    requests: usage.requests,
    inputTokens,
    outputTokens,
    tokens: inputTokens + outputTokens,
    characters,
    credits: usage.credits === undefined ? 0 : value(usage.credits, 'credits'),
    usd: usd ?? fallback.usd ?? 0,
  };
}
