import { creditsFor } from './elevenlabs-credits.js';
import type { ModalitySplit, ModalityTokens, Quantity, Usage } from '../usage.js';

/**
 * USD per single unit, for every unit aimeter meters. A rate that is absent is not charged; a cached or
 * cache-write rate that is absent falls back to the input rate (the provider bills those tokens as input).
 * Modality rates (`inputAudioToken`, `outputAudioToken`, …) price the part of a token total that
 * {@link Usage.modalities} assigns to that modality; the rest of the total, and every token of a usage without
 * that split, is priced at the plain rate (as `@pydantic/genai-prices` does: a unit without a price of its own
 * falls to its parent). A cached modality rate that is absent falls back to the cached rate, else to the
 * modality's input rate. A card with `audioSecond` and token rates (a transcription model billed either way)
 * charges what the reply reports: its seconds when it reports seconds and no tokens, else its tokens.
 *
 * @example
 * ```ts
 * const gpt4oMini: RateCard = { inputToken: 0.15 / 1e6, cachedInputToken: 0.075 / 1e6, outputToken: 0.6 / 1e6 };
 * ```
 */
export interface RateCard {
  /** USD per input token not read from or written to the cache. */
  readonly inputToken?: number;
  /** USD per input token read from the cache. */
  readonly cachedInputToken?: number;
  /** USD per input token written to the cache. */
  readonly cacheWriteInputToken?: number;
  /** USD per output token (reasoning and thoughts included: they are inside `outputTokens`). */
  readonly outputToken?: number;
  /** USD per text-to-speech character. */
  readonly character?: number;
  /** USD per provider credit (ElevenLabs). */
  readonly credit?: number;
  /** Credits billed per character, used only when the provider's credit figure is unknown. */
  readonly creditsPerCharacter?: number;
  /** USD per second of transcribed audio. */
  readonly audioSecond?: number;
  /** USD per uncached input token of text, where the reply splits input by modality. @default inputToken */
  readonly inputTextToken?: number;
  /** USD per uncached input token of audio. @default inputToken */
  readonly inputAudioToken?: number;
  /** USD per uncached input token of an image. @default inputToken */
  readonly inputImageToken?: number;
  /** USD per uncached input token of video. @default inputToken */
  readonly inputVideoToken?: number;
  /** USD per cached input token of audio. @default cachedInputToken, else inputAudioToken */
  readonly cachedAudioInputToken?: number;
  /** USD per cached input token of an image. @default cachedInputToken, else inputImageToken */
  readonly cachedImageInputToken?: number;
  /** USD per cached input token of video. @default cachedInputToken, else inputVideoToken */
  readonly cachedVideoInputToken?: number;
  /** USD per output token of text. @default outputToken */
  readonly outputTextToken?: number;
  /** USD per output token of audio. @default outputToken */
  readonly outputAudioToken?: number;
  /** USD per output token of an image. @default outputToken */
  readonly outputImageToken?: number;
}

/**
 * What `usage` costs at `card`, in USD. Figures with `estimated` provenance are priced like reported ones. A
 * figure the card needs (input/output tokens, characters, credits, audio seconds) that is absent or `missing`
 * makes the result `undefined`; cached and cache-write tokens that are absent count as 0, because they are
 * subsets of the input tokens that providers leave out when there are none. Credits that are unknown are
 * derived from the characters with `creditsPerCharacter` when the card has it, rounded up to whole credits as
 * ElevenLabs bills.
 *
 * @example
 * ```ts
 * rateCardUsd({ inputToken: 0.15 / 1e6, outputToken: 0.6 / 1e6 }, usage);
 * ```
 */
export function rateCardUsd(card: RateCard, usage: Usage): number | undefined {
  // Straight-line on purpose: this runs for every usage event (and twice more per call under limits).
  if (card.audioSecond !== undefined && card.inputToken !== undefined && usage.inputTokens === undefined && usage.audioSeconds !== undefined) {
    return times(card.audioSecond, usage.audioSeconds);
  }
  const bySeconds = card.audioSecond !== undefined && (card.inputToken === undefined || usage.inputTokens === undefined);
  const tokens = tokenCost(card, usage);
  const output = card.outputToken === undefined ? 0 : modalOutputCost(card, usage.outputTokens, usage.modalities?.output);
  const characters = times(card.character, usage.characters);
  const credits = creditCost(card, usage);
  const audio = bySeconds ? times(card.audioSecond, usage.audioSeconds) : 0;
  if (tokens === undefined || output === undefined || characters === undefined || credits === undefined || audio === undefined) return undefined;
  return tokens + output + characters + credits + audio;
}

/**
 * The rates a card charges (its numeric fields), as stored in a price snapshot; empty when it charges nothing
 * (an empty card must not price usage at $0).
 *
 * @example
 * ```ts
 * definedRates({ character: 15 / 1e6, credit: undefined }); // { character: 0.000015 }
 * ```
 */
export function definedRates(card: RateCard): Record<string, number> {
  const rates: Record<string, number> = {};
  for (const [unit, rate] of Object.entries(card)) if (typeof rate === 'number') rates[unit] = rate;
  return rates;
}

function tokenCost(card: RateCard, usage: Usage): number | undefined {
  if (card.inputToken === undefined) return 0;
  const input = required(usage.inputTokens);
  const cached = optional(usage.cachedInputTokens);
  const written = optional(usage.cacheWriteInputTokens);
  if (input === undefined || cached === undefined || written === undefined) return undefined;
  const uncached = input - cached - written;
  if (uncached < 0) return undefined;
  if (usage.modalities === undefined) {
    return uncached * card.inputToken + cached * (card.cachedInputToken ?? card.inputToken) + written * (card.cacheWriteInputToken ?? card.inputToken);
  }
  const modal = modalInputCost(card, card.inputToken, uncached, cached, usage.modalities);
  return modal === undefined ? undefined : modal + written * (card.cacheWriteInputToken ?? card.inputToken);
}

function creditCost(card: RateCard, usage: Usage): number | undefined {
  if (card.credit === undefined) return 0;
  const credits = required(usage.credits) ?? derivedCredits(card, usage);
  return credits === undefined ? undefined : credits * card.credit;
}

function derivedCredits(card: RateCard, usage: Usage): number | undefined {
  const characters = required(usage.characters);
  if (card.creditsPerCharacter === undefined || characters === undefined) return undefined;
  return creditsFor(characters, card.creditsPerCharacter);
}

function times(rate: number | undefined, quantity: Quantity | undefined): number | undefined {
  if (rate === undefined) return 0;
  const value = required(quantity);
  return value === undefined ? undefined : value * rate;
}

/** The value of a figure the price needs: absent and `missing` are both unknown. */
function required(quantity: Quantity | undefined): number | undefined {
  return quantity?.value ?? undefined;
}

/** The value of a subset figure: absent means none, `missing` means unknown. */
function optional(quantity: Quantity | undefined): number | undefined {
  if (quantity === undefined) return 0;
  return quantity.value ?? undefined;
}

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
