import type { Quantity } from '../../usage.js';
import type { UsageEvent } from '../../usage-event.js';

/**
 * What one usage event counts for on a meter that bills a single number (Stripe's `payload.value`):
 * `tokens` (input + output), `inputTokens`, `outputTokens`, `characters` (text-to-speech), `credits`
 * (ElevenLabs), `audioSeconds` (transcription), `requests`, or `cost`: the provider's cost plus your markup
 * (`usd + markupUsd`), in the meter's unit (see `unitsPerUsd`).
 *
 * @example
 * ```ts
 * const quantity: BillingQuantity = 'cost';
 * ```
 */
export type BillingQuantity = 'tokens' | 'inputTokens' | 'outputTokens' | 'characters' | 'credits' | 'audioSeconds' | 'requests' | 'cost';

/** Every {@link BillingQuantity}, for option checks. */
export const BILLING_QUANTITIES: readonly BillingQuantity[] = ['tokens', 'inputTokens', 'outputTokens', 'characters', 'credits', 'audioSeconds', 'requests', 'cost'];

/**
 * The amount of `quantity` in `event`: 0 when the figure does not apply (a speech call has no tokens; an attempt
 * that was not billed has no cost), `undefined` when it applies but is unknown (`missing` usage, an unpriced
 * model), which a sink must not bill as 0. `cost` is in US dollars times `unitsPerUsd`.
 */
export function billingAmount(event: UsageEvent, quantity: BillingQuantity, unitsPerUsd: number): number | undefined {
  const { usage } = event;
  switch (quantity) {
    case 'tokens':
      return sum(usage.inputTokens, usage.outputTokens);
    case 'inputTokens':
      return sum(usage.inputTokens);
    case 'outputTokens':
      return sum(usage.outputTokens);
    case 'characters':
      return sum(usage.characters);
    case 'credits':
      return sum(usage.credits);
    case 'audioSeconds':
      return sum(usage.audioSeconds);
    case 'requests':
      return usage.requests;
    case 'cost':
      if (event.cost === undefined) return 0;
      return event.cost.usd === undefined ? undefined : (event.cost.usd + (event.cost.markupUsd ?? 0)) * unitsPerUsd;
  }
}

function sum(...quantities: readonly (Quantity | undefined)[]): number | undefined {
  let total = 0;
  for (const q of quantities) {
    if (q === undefined) continue;
    if (q.value === null) return undefined;
    total += q.value;
  }
  return total;
}

/**
 * The figures of `event` as flat, snake_case numbers for services whose meters pick a property (OpenMeter's
 * `data`, Lago's `properties`): the model and provider, each usage figure that is known, the cost in US
 * dollars with and without markup, and `missing_figures` naming the figures that applied but were unknown.
 */
export function billingFigures(event: UsageEvent): Record<string, string | number> {
  const { usage, cost } = event;
  const out: Record<string, string | number> = {
    provider: event.provider,
    model: event.model,
    operation: event.operation,
    environment: event.environment,
    status: event.status,
    requests: usage.requests,
  };
  const missing: string[] = [];
  const put = (name: string, q: Quantity | undefined): void => {
    if (q === undefined) return;
    if (q.value === null) missing.push(name);
    else out[name] = q.value;
  };
  put('input_tokens', usage.inputTokens);
  put('output_tokens', usage.outputTokens);
  put('cached_input_tokens', usage.cachedInputTokens);
  put('reasoning_tokens', usage.reasoningTokens);
  put('characters', usage.characters);
  put('credits', usage.credits);
  put('audio_seconds', usage.audioSeconds);
  const tokens = sum(usage.inputTokens, usage.outputTokens);
  if (tokens !== undefined && (usage.inputTokens ?? usage.outputTokens) !== undefined) out.tokens = tokens;
  if (cost !== undefined) {
    if (cost.usd === undefined) missing.push('cost_usd');
    else {
      out.cost_usd = cost.usd;
      out.markup_usd = cost.markupUsd ?? 0;
      out.cost_with_markup_usd = cost.usd + (cost.markupUsd ?? 0);
    }
  }
  if (missing.length > 0) out.missing_figures = missing.join(',');
  return out;
}
