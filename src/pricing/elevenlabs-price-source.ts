import { ConfigError } from '../errors/config-error.js';
import type { PriceSource } from './price-source.js';
import { cardQuoter, type CardQuoter } from './quote-from-card.js';
import {
  DEFAULT_ELEVENLABS_PLAN,
  ELEVENLABS_CREDITS_PER_CHARACTER,
  ELEVENLABS_PLAN_TABLES,
  ELEVENLABS_PLANS,
  ELEVENLABS_SCRIBE_USD_PER_HOUR,
  elevenLabsPlanTable,
  type ElevenLabsPlan,
} from './tables/elevenlabs-plans.js';

const SOURCE = 'aimeter:elevenlabs';

/**
 * What an ElevenLabs credit costs you.
 *
 * @example
 * ```ts
 * const options: ElevenLabsPriceOptions = { plan: 'pro', creditsPerCharacter: { eleven_flash_v2_5: 0.5 } };
 * ```
 */
export interface ElevenLabsPriceOptions {
  /**
   * Your plan; a credit costs its monthly price divided by its credits, an hour of speech-to-text the plan's
   * Scribe rate. @default 'creator'
   */
  readonly plan?: ElevenLabsPlan;
  /** USD per hour of transcribed audio (Scribe), overriding the plan's. */
  readonly usdPerTranscriptionHour?: number;
  /** USD per credit, overriding the plan's (an annual or negotiated price). */
  readonly usdPerCredit?: number;
  /**
   * Credits per character by model, merged over the table's, used only when a request's credits are unknown.
   * @default Flash and Turbo 0.5, Multilingual v2 and v3 1
   */
  readonly creditsPerCharacter?: Readonly<Record<string, number>>;
}

/**
 * ElevenLabs text-to-speech prices: credits (the `character-cost` the provider reports, already after the
 * model's discount) times the dollars a credit costs on your plan. When a request's credits are unknown they are
 * derived from its characters with the model's credits per character; a model without a known factor is then
 * unknown. Speech-to-text (`transcribe`, Scribe) is priced by the audio's duration at the plan's USD per hour
 * (`ELEVENLABS_SCRIBE_USD_PER_HOUR`, or `usdPerTranscriptionHour`), whatever the Scribe model.
 *
 * @example
 * ```ts
 * const source = elevenLabsPriceSource({ plan: 'scale' });
 * ```
 */
export function elevenLabsPriceSource(options: ElevenLabsPriceOptions = {}): PriceSource {
  const factors = { ...ELEVENLABS_CREDITS_PER_CHARACTER, ...validFactors(options.creditsPerCharacter) };
  const quoters = new Map(ELEVENLABS_PLAN_TABLES.map((table) => [table, speechQuoters(creditPrice(options, table), factors)]));
  const transcription = transcriptionQuoter(options);
  return {
    specificationVersion: 'v1',
    name: SOURCE,
    price({ provider, model, operation, usage, time }) {
      if (provider !== 'elevenlabs') return undefined;
      if (operation === 'transcribe') return transcription(usage);
      if (operation !== 'speak' && operation !== 'streamSpeak') return undefined;
      const { byCredits, byCharacters } = quoters.get(elevenLabsPlanTable(time))!;
      if (typeof usage.credits?.value === 'number') return byCredits(usage);
      return byCharacters.get(model)?.(usage);
    },
  };
}

/** The speech quoters at one credit price: by the reported credits, or by characters and the model's factor. */
function speechQuoters(price: { usdPerCredit: number; version: string }, factors: Readonly<Record<string, number>>): { byCredits: CardQuoter; byCharacters: ReadonlyMap<string, CardQuoter> } {
  const byCharacters = new Map<string, CardQuoter>();
  for (const [model, factor] of Object.entries(factors)) byCharacters.set(model, cardQuoter({ credit: price.usdPerCredit, creditsPerCharacter: factor }, SOURCE, price.version)!);
  return { byCredits: cardQuoter({ credit: price.usdPerCredit }, SOURCE, price.version)!, byCharacters };
}

/** What a credit costs under `table` (or the `usdPerCredit` option), and the version the snapshot records. */
function creditPrice(options: ElevenLabsPriceOptions, table: (typeof ELEVENLABS_PLAN_TABLES)[number]): { usdPerCredit: number; version: string } {
  if (options.usdPerCredit !== undefined) {
    if (!isRate(options.usdPerCredit)) throw new ConfigError('elevenlabs.usdPerCredit', 'expected a finite number ≥ 0 (US dollars)');
    return { usdPerCredit: options.usdPerCredit, version: `${table.from};usdPerCredit` };
  }
  const plan = options.plan ?? DEFAULT_ELEVENLABS_PLAN;
  if (!Object.hasOwn(table.plans, plan)) {
    throw new ConfigError('elevenlabs.plan', `expected one of ${Object.keys(table.plans).join(', ')}`);
  }
  const { usdPerMonth, credits } = table.plans[plan];
  return { usdPerCredit: usdPerMonth / credits, version: `${table.from};plan=${plan}` };
}

function transcriptionQuoter(options: ElevenLabsPriceOptions): CardQuoter {
  const given = options.usdPerTranscriptionHour;
  if (given !== undefined && !isRate(given)) throw new ConfigError('elevenlabs.usdPerTranscriptionHour', 'expected a finite number ≥ 0 (US dollars per hour)');
  const plan = options.plan ?? DEFAULT_ELEVENLABS_PLAN;
  if (!Object.hasOwn(ELEVENLABS_SCRIBE_USD_PER_HOUR, plan)) throw new ConfigError('elevenlabs.plan', `expected one of ${Object.keys(ELEVENLABS_PLANS.plans).join(', ')}`);
  const usdPerHour = given ?? ELEVENLABS_SCRIBE_USD_PER_HOUR[plan];
  const version = given === undefined ? `${ELEVENLABS_PLANS.date};scribe;plan=${plan}` : `${ELEVENLABS_PLANS.date};usdPerTranscriptionHour`;
  return cardQuoter({ audioSecond: usdPerHour / 3600 }, SOURCE, version)!;
}

function validFactors(factors: Readonly<Record<string, number>> | undefined): Readonly<Record<string, number>> {
  for (const [model, factor] of Object.entries(factors ?? {})) {
    if (!isRate(factor)) throw new ConfigError(`elevenlabs.creditsPerCharacter.${model}`, 'expected a finite number ≥ 0');
  }
  return factors ?? {};
}

function isRate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
