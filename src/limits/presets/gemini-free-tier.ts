import type { LimitPolicy } from '../policy/limit-policy.js';

/**
 * Gemini API free-tier limits per model: requests per minute, tokens per minute, requests per day. Google
 * changes them often; this table is data, so pass your own (or a patched copy) to {@link geminiFreeTier}.
 *
 * @example
 * ```ts
 * const table = { ...GEMINI_FREE_TIER, 'gemini-2.5-flash': { rpm: 10, tpm: 250_000, rpd: 500 } };
 * const policies = geminiFreeTier({ models: table });
 * ```
 */
export const GEMINI_FREE_TIER: Readonly<Record<string, { readonly rpm: number; readonly tpm: number; readonly rpd: number }>> = {
  // ai.google.dev/gemini-api/docs/rate-limits, free tier, as published in 2025.
  'gemini-2.5-pro': { rpm: 5, tpm: 250_000, rpd: 100 },
  'gemini-2.5-flash': { rpm: 10, tpm: 250_000, rpd: 250 },
  'gemini-2.5-flash-lite': { rpm: 15, tpm: 250_000, rpd: 1_000 },
  'gemini-2.0-flash': { rpm: 15, tpm: 1_000_000, rpd: 200 },
  'gemini-2.0-flash-lite': { rpm: 30, tpm: 1_000_000, rpd: 200 },
};

/**
 * Options of {@link geminiFreeTier}.
 *
 * @example
 * ```ts
 * const options: GeminiFreeTierOptions = { action: 'reject', provider: 'gemini' };
 * ```
 */
export interface GeminiFreeTierOptions {
  /** Limits per model. @default GEMINI_FREE_TIER */
  readonly models?: Readonly<Record<string, { readonly rpm: number; readonly tpm: number; readonly rpd: number }>>;
  /** Provider name the Gemini adapter is registered under. @default 'gemini' */
  readonly provider?: string;
  /** What happens over a limit. @default 'wait' (a full day is always refused: it exceeds maxWaitMs) */
  readonly action?: 'wait' | 'reject';
}

/**
 * Policies for Gemini's free tier: per model, a rolling-minute RPM and TPM and a per-day request count that
 * resets at midnight Pacific. Google counts them per project, across all its keys, so the counters are per
 * model only: give one client (or one Redis store) all keys of a project.
 *
 * @example
 * ```ts
 * const ai = createAIClient({ providers: { gemini: gemini() }, limits: { policies: geminiFreeTier() } });
 * ```
 */
export function geminiFreeTier(options: GeminiFreeTierOptions = {}): LimitPolicy[] {
  const provider = options.provider ?? 'gemini';
  const action = options.action ?? 'wait';
  return Object.entries(options.models ?? GEMINI_FREE_TIER).flatMap(([model, limits]) => {
    const scope = { provider, model };
    return [
      { name: `${provider}:${model}:rpm`, unit: 'requests', limit: limits.rpm, window: 'minute', scope, action },
      { name: `${provider}:${model}:tpm`, unit: 'tokens', limit: limits.tpm, window: 'minute', scope, action },
      { name: `${provider}:${model}:rpd`, unit: 'requests', limit: limits.rpd, window: { unit: 'day', timeZone: 'America/Los_Angeles' }, scope, action },
    ] satisfies LimitPolicy[];
  });
}
