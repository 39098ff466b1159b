import type { LimitPolicy } from '../policy/limit-policy.js';

/**
 * OpenAI usage-tier limits (requests and tokens per minute) for common models. OpenAI shows your own on
 * platform.openai.com/settings/organization/limits; this table is data, so override what differs.
 *
 * @example
 * ```ts
 * const policies = openaiTier(2, { models: { ...OPENAI_TIERS[2], 'gpt-4.1-mini': { rpm: 5_000, tpm: 2_000_000 } } });
 * ```
 */
export const OPENAI_TIERS: Readonly<Record<1 | 2 | 3 | 4 | 5, Readonly<Record<string, { readonly rpm: number; readonly tpm: number }>>>> = {
  // platform.openai.com/docs/models, rate limits per tier, as published in 2025.
  1: { 'gpt-4o-mini': { rpm: 500, tpm: 200_000 }, 'gpt-4o': { rpm: 500, tpm: 30_000 }, 'text-embedding-3-small': { rpm: 3_000, tpm: 1_000_000 } },
  2: { 'gpt-4o-mini': { rpm: 5_000, tpm: 2_000_000 }, 'gpt-4o': { rpm: 5_000, tpm: 450_000 }, 'text-embedding-3-small': { rpm: 5_000, tpm: 1_000_000 } },
  3: { 'gpt-4o-mini': { rpm: 5_000, tpm: 4_000_000 }, 'gpt-4o': { rpm: 5_000, tpm: 800_000 }, 'text-embedding-3-small': { rpm: 5_000, tpm: 5_000_000 } },
  4: { 'gpt-4o-mini': { rpm: 10_000, tpm: 10_000_000 }, 'gpt-4o': { rpm: 10_000, tpm: 2_000_000 }, 'text-embedding-3-small': { rpm: 10_000, tpm: 5_000_000 } },
  5: { 'gpt-4o-mini': { rpm: 30_000, tpm: 150_000_000 }, 'gpt-4o': { rpm: 10_000, tpm: 30_000_000 }, 'text-embedding-3-small': { rpm: 10_000, tpm: 10_000_000 } },
};

/**
 * Options of {@link openaiTier}.
 *
 * @example
 * ```ts
 * const options: OpenAITierOptions = { models: { 'gpt-4o-mini': { rpm: 60, tpm: 100_000 } } };
 * ```
 */
export interface OpenAITierOptions {
  /** Limits per model. @default OPENAI_TIERS[tier] */
  readonly models?: Readonly<Record<string, { readonly rpm: number; readonly tpm: number }>>;
  /** Provider name the adapter is registered under. @default 'openai' */
  readonly provider?: string;
}

/**
 * Policies for an OpenAI usage tier: rolling-minute RPM and TPM per model and key (a key stands for its
 * organization and project).
 *
 * @example
 * ```ts
 * const ai = createAIClient({ providers: { openai: openai() }, limits: { policies: openaiTier(1) } });
 * ```
 */
export function openaiTier(tier: 1 | 2 | 3 | 4 | 5, options: OpenAITierOptions = {}): LimitPolicy[] {
  const provider = options.provider ?? 'openai';
  return Object.entries(options.models ?? OPENAI_TIERS[tier]).flatMap(([model, limits]) => {
    const scope = { provider, model, per: ['key'] } as const;
    return [
      { name: `${provider}:${model}:rpm`, unit: 'requests', limit: limits.rpm, window: 'minute', scope },
      { name: `${provider}:${model}:tpm`, unit: 'tokens', limit: limits.tpm, window: 'minute', scope },
    ] satisfies LimitPolicy[];
  });
}
