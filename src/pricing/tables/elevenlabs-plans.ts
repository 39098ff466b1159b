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
 * ElevenLabs plans: monthly price and credits included, compiled on `date`. A credit's price is the plan's
 * price divided by its credits (what a credit costs inside the quota; usage-based overage is billed at other
 * rates: Creator $0.30, Pro $0.24, Scale $0.18 per 1,000 credits, per ElevenLabs support).
 *
 * Source: elevenlabs.io/pricing as summarised by flexprice.io (2025-08-05) and aitools.infinfy.net (checked
 * 2026-06); UNCONFIRMED against the vendor page. The Business row ($1,320 for
 * 11 M credits) is the least certain: set `elevenlabs.usdPerCredit` for a negotiated price.
 *
 * @example
 * ```ts
 * const usdPerCredit = ELEVENLABS_PLANS.plans.pro.usdPerMonth / ELEVENLABS_PLANS.plans.pro.credits;
 * ```
 */
export const ELEVENLABS_PLANS = {
  /** When the table was compiled. */
  date: '2026-11-23',
  plans: {
    starter: { usdPerMonth: 5, credits: 30_000 },
    creator: { usdPerMonth: 22, credits: 100_000 },
    pro: { usdPerMonth: 99, credits: 500_000 },
    scale: { usdPerMonth: 330, credits: 2_000_000 },
    business: { usdPerMonth: 1_320, credits: 11_000_000 },
  },
} as const satisfies { date: string; plans: Readonly<Record<ElevenLabsPlan, { usdPerMonth: number; credits: number }>> };

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
 * Credits per character through the API by model: Flash and Turbo 0.5, Multilingual v2 and v3 1 (ElevenLabs
 * help article 21811236079505; the current Flash/Turbo factor is UNCONFIRMED, docs/provider-wire.md). Shared
 * with the ElevenLabs adapter, which derives credits the same way when the SDK hides `character-cost`. Only
 * used when a request's credits are unknown: the `character-cost` header is already post-discount.
 *
 * @example
 * ```ts
 * ELEVENLABS_CREDITS_PER_CHARACTER.eleven_flash_v2_5; // 0.5
 * ```
 */
export const ELEVENLABS_CREDITS_PER_CHARACTER: Readonly<Record<string, number>> = DEFAULT_CREDITS_PER_CHARACTER;
