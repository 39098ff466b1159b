import { DEFAULT_CREDITS_PER_CHARACTER } from '../elevenlabs-credits.js';

/**
 * An ElevenLabs subscription plan; what a credit costs depends on it.
 *
 * @example
 * ```ts
 * const plan: ElevenLabsPlan = 'pro';
 * ```
 */
export type ElevenLabsPlan = 'starter' | 'creator' | 'pro' | 'scale' | 'business';

/**
 * Monthly price and credits of each plan, in one table of {@link ELEVENLABS_PLAN_TABLES}.
 *
 * @example
 * ```ts
 * const plans: ElevenLabsPlanRow = ELEVENLABS_PLANS.plans;
 * ```
 */
export type ElevenLabsPlanRow = Readonly<Record<ElevenLabsPlan, { readonly usdPerMonth: number; readonly credits: number }>>;

/**
 * ElevenLabs plans over time, oldest first: each table holds from `from` (UTC date) until the next one, so an
 * old event re-priced keeps the plan prices of its day. A credit's price is the plan's monthly price divided by
 * its credits (what a credit costs inside the quota; usage-based overage is billed at other rates).
 *
 * - from 2025-08-05: elevenlabs.io/pricing as summarised by flexprice.io ("The Complete Guide to ElevenLabs
 *   Plans", 2025-08-05) and aitools.infinfy.net (2026-06): Starter $5 / 30K, Creator $22 / 100K, Pro $99 / 500K,
 *   Scale $330 / 2M, Business $1,320 / 11M.
 * - from 2026-05-04: elevenlabs.io/pricing as captured in github.com/api-evangelist/elevenlabs
 *   plans/elevenlabs-plans-pricing.yml (created 2026-05-04, re-read against the live page and marked verified
 *   on 2026-09-17): Starter $6 / 30K, Creator $22 / 121K (the page's $11 is the first month at 50 % off), Pro
 *   $99 / 600K, Scale $299 / 1.8M, Business $990 / 6M. Read by aimeter on 2026-12-05.
 *
 * Set `elevenlabs.usdPerCredit` for an annual or negotiated price.
 *
 * @example
 * ```ts
 * const current = ELEVENLABS_PLAN_TABLES.at(-1)!;
 * const usdPerCredit = current.plans.pro.usdPerMonth / current.plans.pro.credits;
 * ```
 */
export const ELEVENLABS_PLAN_TABLES: readonly { readonly from: string; readonly plans: ElevenLabsPlanRow }[] = [
  {
    from: '2025-08-05',
    plans: {
      starter: { usdPerMonth: 5, credits: 30_000 },
      creator: { usdPerMonth: 22, credits: 100_000 },
      pro: { usdPerMonth: 99, credits: 500_000 },
      scale: { usdPerMonth: 330, credits: 2_000_000 },
      business: { usdPerMonth: 1_320, credits: 11_000_000 },
    },
  },
  {
    from: '2026-05-04',
    plans: {
      starter: { usdPerMonth: 6, credits: 30_000 },
      creator: { usdPerMonth: 22, credits: 121_000 },
      pro: { usdPerMonth: 99, credits: 600_000 },
      scale: { usdPerMonth: 299, credits: 1_800_000 },
      business: { usdPerMonth: 990, credits: 6_000_000 },
    },
  },
];

/**
 * The current ElevenLabs plans (the newest of {@link ELEVENLABS_PLAN_TABLES}): monthly price and credits
 * included; `date` is the day that table holds from. The limit presets take each plan's monthly credits from it.
 *
 * @example
 * ```ts
 * const usdPerCredit = ELEVENLABS_PLANS.plans.pro.usdPerMonth / ELEVENLABS_PLANS.plans.pro.credits;
 * ```
 */
export const ELEVENLABS_PLANS: { readonly date: string; readonly plans: ElevenLabsPlanRow } = {
  date: ELEVENLABS_PLAN_TABLES.at(-1)!.from,
  plans: ELEVENLABS_PLAN_TABLES.at(-1)!.plans,
};

/**
 * The plan table in force at `time`: the newest whose `from` is not after it (the oldest before the first).
 *
 * @example
 * ```ts
 * elevenLabsPlanTable(new Date('2026-01-01')).from; // '2025-08-05'
 * ```
 */
export function elevenLabsPlanTable(time: Date): (typeof ELEVENLABS_PLAN_TABLES)[number] {
  const day = time.toISOString().slice(0, 10);
  let found = ELEVENLABS_PLAN_TABLES[0]!;
  for (const table of ELEVENLABS_PLAN_TABLES) if (table.from <= day) found = table;
  return found;
}

/**
 * Speech-to-text (Scribe, `scribe_v1` and `scribe_v2`) through the API, in US dollars per hour of audio, by plan:
 * the "Cost per Hour" column of the pricing table in elevenlabs.io/docs/capabilities/speech-to-text (Scribe v1
 * launch, 2025: Starter $0.40, Creator $0.35, Pro $0.31, Scale $0.27, Business $0.22; hours included in the
 * plan's credits). That Scribe v2 costs the same is UNCONFIRMED; so are surcharges for options such as entity
 * detection or keyterms, which aimeter does not price.
 *
 * @example
 * ```ts
 * const usdPerSecond = ELEVENLABS_SCRIBE_USD_PER_HOUR.creator / 3600;
 * ```
 */
export const ELEVENLABS_SCRIBE_USD_PER_HOUR: Readonly<Record<ElevenLabsPlan, number>> = {
  starter: 0.4,
  creator: 0.35,
  pro: 0.31,
  scale: 0.27,
  business: 0.22,
};

/**
 * The plan priced when none is set: Creator, the first plan with usage-based billing (so the first a
 * production voice agent can run on without hitting a hard stop).
 *
 * @example
 * ```ts
 * const plan = options.plan ?? DEFAULT_ELEVENLABS_PLAN;
 * ```
 */
export const DEFAULT_ELEVENLABS_PLAN: ElevenLabsPlan = 'creator';

/**
 * Credits per character through the API by model (sources in `elevenlabs-credits.ts`): Flash and Turbo 0.5,
 * every other model 1. Shared with the ElevenLabs adapter, which derives credits the same way when the SDK
 * hides `character-cost`. Only used when a request's credits are unknown: the `character-cost` header is
 * already post-discount.
 *
 * @example
 * ```ts
 * ELEVENLABS_CREDITS_PER_CHARACTER.eleven_flash_v2_5; // 0.5
 * ```
 */
export const ELEVENLABS_CREDITS_PER_CHARACTER: Readonly<Record<string, number>> = DEFAULT_CREDITS_PER_CHARACTER;
