import type { RateCard } from './rate-card.js';
import type { ModalitySplit, ModalityTokens, Quantity } from '../usage.js';

/** The modalities a card can price apart from the plain rate, with the card keys of their rates. */
const INPUT_RATES = [
  ['text', 'inputTextToken', undefined],
  ['audio', 'inputAudioToken', 'cachedAudioInputToken'],
  ['image', 'inputImageToken', 'cachedImageInputToken'],
  ['video', 'inputVideoToken', 'cachedVideoInputToken'],
] as const satisfies readonly (readonly [keyof ModalityTokens, keyof RateCard, keyof RateCard | undefined])[];

const OUTPUT_RATES = [
  ['text', 'outputTextToken'],
  ['audio', 'outputAudioToken'],
  ['image', 'outputImageToken'],
] as const satisfies readonly (readonly [keyof ModalityTokens, keyof RateCard])[];

/**
 * The cost of the input tokens that were not written to the cache (`uncached` new tokens and `cached` cache
 * reads), split by modality: each modality the card has a rate for is priced at it, the rest at `inputRate`
 * (new) or the cached rate (reads). Cached tokens of a modality are inside both `input[modality]` and
 * `cachedInput[modality]`, so the new tokens of a modality are the difference. `undefined` when a split claims
 * more tokens than its total (a reply that does not add up is not priced).
 *
 * @example
 * ```ts
 * // 64 prompt tokens, 44 of them audio: 20 × $2.50/M + 44 × $40/M
 * modalInputCost({ inputToken: 2.5e-6, inputAudioToken: 40e-6 }, 2.5e-6, 64, 0, { input: { text: 20, audio: 44 } });
 * ```
 */
export function modalInputCost(card: RateCard, inputRate: number, uncached: number, cached: number, split: ModalitySplit): number | undefined {
  const cachedRate = card.cachedInputToken ?? inputRate;
  let cost = 0;
  let restNew = uncached;
  let restCached = cached;
  for (const [modality, rateKey, cachedKey] of INPUT_RATES) {
    const rate = card[rateKey];
    const cachedSpecific = cachedKey === undefined ? undefined : card[cachedKey];
    if (rate === undefined && cachedSpecific === undefined) continue;
    const all = split.input?.[modality] ?? 0;
    const reads = split.cachedInput?.[modality] ?? 0;
    const fresh = all - reads;
    if (fresh < 0) return undefined;
    if (rate !== undefined) {
      cost += fresh * rate;
      restNew -= fresh;
    }
    // A cached read of this modality: its own cached rate, else the cached rate, else (no cache discount at all) its input rate.
    const readRate = cachedSpecific ?? (card.cachedInputToken === undefined ? rate : undefined);
    if (readRate !== undefined) {
      cost += reads * readRate;
      restCached -= reads;
    }
  }
  if (restNew < 0 || restCached < 0) return undefined;
  return cost + restNew * inputRate + restCached * cachedRate;
}

/**
 * The cost of `outputTokens` at `card.outputToken`, except the tokens `split` assigns to a modality the card has
 * a rate of its own for. `undefined` when the total is unknown or the split claims more than the total.
 *
 * @example
 * ```ts
 * modalOutputCost({ outputToken: 10e-6, outputAudioToken: 80e-6 }, reported(120), { text: 20, audio: 100 });
 * ```
 */
export function modalOutputCost(card: RateCard, outputTokens: Quantity | undefined, split: ModalityTokens | undefined): number | undefined {
  const total = outputTokens?.value ?? undefined;
  const rate = card.outputToken;
  if (total === undefined || rate === undefined) return undefined;
  if (split === undefined) return total * rate;
  let cost = 0;
  let rest = total;
  for (const [modality, rateKey] of OUTPUT_RATES) {
    const specific = card[rateKey];
    const tokens = split[modality];
    if (specific === undefined || tokens === undefined) continue;
    cost += tokens * specific;
    rest -= tokens;
  }
  return rest < 0 ? undefined : cost + rest * rate;
}
