import { ELEVENLABS_PLANS } from '../../pricing/tables/elevenlabs-plans.js';
import { DEFAULT_CREDITS_PER_CHARACTER } from '../../pricing/elevenlabs-credits.js';
import type { LimitPolicy } from '../policy/limit-policy.js';

/**
 * ElevenLabs plans: monthly credits and concurrent requests (Flash/Turbo models, and the others). Data, so
 * pass your own figures to {@link elevenlabsPlan}.
 *
 * @example
 * ```ts
 * const mine = { ...ELEVENLABS_PLAN_LIMITS.creator, credits: 131_000 };
 * const policies = elevenlabsPlan(mine, { anchorDay: 15 });
 * ```
 */
export const ELEVENLABS_PLAN_LIMITS = {
  // Credits: the pricing table (plus the free plan); concurrency: models.mdx @ 2025-08-25 (docs/provider-wire.md).
  free: { credits: 10_000, concurrency: 2, fastConcurrency: 4 },
  starter: { credits: ELEVENLABS_PLANS.plans.starter.credits, concurrency: 3, fastConcurrency: 6 },
  creator: { credits: ELEVENLABS_PLANS.plans.creator.credits, concurrency: 5, fastConcurrency: 10 },
  pro: { credits: ELEVENLABS_PLANS.plans.pro.credits, concurrency: 10, fastConcurrency: 20 },
  scale: { credits: ELEVENLABS_PLANS.plans.scale.credits, concurrency: 15, fastConcurrency: 30 },
  business: { credits: ELEVENLABS_PLANS.plans.business.credits, concurrency: 15, fastConcurrency: 30 },
} as const satisfies Readonly<Record<string, ElevenLabsPlanLimits>>;

/**
 * What a plan allows.
 *
 * @example
 * ```ts
 * const custom: ElevenLabsPlanLimits = { credits: 250_000, concurrency: 8, fastConcurrency: 16 };
 * ```
 */
export interface ElevenLabsPlanLimits {
  /** Credits per billing month. */
  readonly credits: number;
  /** Concurrent requests for Multilingual and other full-price models. */
  readonly concurrency: number;
  /** Concurrent requests for Flash and Turbo models. */
  readonly fastConcurrency: number;
}

/**
 * Options of {@link elevenlabsPlan}.
 *
 * @example
 * ```ts
 * const options: ElevenLabsPlanOptions = { anchorDay: 15, alerts: [0.8, 1] };
 * ```
 */
export interface ElevenLabsPlanOptions {
  /** Day of the month the subscription renews (the billing anchor, UTC). @default 1 */
  readonly anchorDay?: number;
  /** Provider name the adapter is registered under. @default 'elevenlabs' */
  readonly provider?: string;
  /** Alert thresholds for the monthly credits. @default [0.5, 0.8, 1] */
  readonly alerts?: readonly number[];
}

// Flash and Turbo (the half-credit models) have their own, higher concurrency.
const FAST_MODELS = Object.keys(DEFAULT_CREDITS_PER_CHARACTER).filter((m) => DEFAULT_CREDITS_PER_CHARACTER[m]! < 1);
const FULL_MODELS = Object.keys(DEFAULT_CREDITS_PER_CHARACTER).filter((m) => DEFAULT_CREDITS_PER_CHARACTER[m]! >= 1);

/**
 * Policies for an ElevenLabs plan, per API key (one key, one account): monthly credits from the billing
 * anchor day, refused once used up (waiting for next month makes no sense), and concurrency slots.
 *
 * @example
 * ```ts
 * const ai = createAIClient({ providers: { elevenlabs: elevenlabs() }, limits: { policies: elevenlabsPlan('creator', { anchorDay: 15 }) } });
 * ```
 */
export function elevenlabsPlan(plan: keyof typeof ELEVENLABS_PLAN_LIMITS | ElevenLabsPlanLimits, options: ElevenLabsPlanOptions = {}): LimitPolicy[] {
  const limits = typeof plan === 'string' ? ELEVENLABS_PLAN_LIMITS[plan] : plan;
  const provider = options.provider ?? 'elevenlabs';
  const per = ['key'] as const;
  return [
    {
      name: `${provider}:credits`,
      unit: 'credits',
      limit: limits.credits,
      window: { unit: 'month', anchorDay: options.anchorDay ?? 1, timeZone: 'UTC' },
      scope: { provider, per },
      action: 'reject',
      alerts: options.alerts ?? [0.5, 0.8, 1],
    },
    { name: `${provider}:fast-concurrency`, unit: 'concurrent', limit: limits.fastConcurrency, scope: { provider, model: FAST_MODELS, per } },
    { name: `${provider}:concurrency`, unit: 'concurrent', limit: limits.concurrency, scope: { provider, model: FULL_MODELS, per } },
  ];
}
