// The per-key quotas the simulator enforces, by provider.

/**
 * Per-key OpenAI limits. Every key gets its own counters with these limits.
 *
 * @example
 * ```ts
 * const openai: OpenAIQuotas = { rpm: 3, tpm: 10_000, insufficientQuotaKeys: ['sk-no-credit'] };
 * const sim = await startSimulator({ quotas: { openai } });
 * ```
 */
export interface OpenAIQuotas {
  /** Requests per rolling minute per key, all endpoints. @default unlimited */
  readonly rpm?: number;
  /** Tokens (prompt + completion) per rolling minute per key, chat and embeddings. @default unlimited */
  readonly tpm?: number;
  /** Keys whose account has no credit left: every request gets 429 `insufficient_quota`. @default [] */
  readonly insufficientQuotaKeys?: readonly string[];
}

/**
 * Gemini request limits for one model.
 *
 * @example
 * ```ts
 * const pro: GeminiModelQuota = { rpm: 5, rpd: 100 };
 * const sim = await startSimulator({ quotas: { gemini: { rpm: 15, models: { 'gemini-2.5-pro': pro } } } });
 * ```
 */
export interface GeminiModelQuota {
  /** generateContent + streamGenerateContent requests per rolling minute. @default unlimited */
  readonly rpm?: number;
  /** Requests per Pacific day (resets at midnight America/Los_Angeles). @default unlimited */
  readonly rpd?: number;
}

/**
 * Per-key, per-model Gemini limits (as the free tier counts them).
 *
 * @example
 * ```ts
 * const gemini: GeminiQuotas = { rpm: 10, rpd: 250, models: { 'gemini-2.5-pro': { rpm: 5, rpd: 100 } } };
 * const sim = await startSimulator({ quotas: { gemini } });
 * ```
 */
export interface GeminiQuotas extends GeminiModelQuota {
  /** Overrides for named models, e.g. `{ 'gemini-2.5-pro': { rpm: 5, rpd: 100 } }`. @default {} */
  readonly models?: Readonly<Record<string, GeminiModelQuota>>;
}

/**
 * Per-key ElevenLabs account.
 *
 * @example
 * ```ts
 * const elevenlabs: ElevenLabsQuotas = { characterLimit: 30_000, anchorDay: 15, concurrency: 2, tier: 'starter' };
 * const sim = await startSimulator({ quotas: { elevenlabs } });
 * ```
 */
export interface ElevenLabsQuotas {
  /** Credits per billing cycle (reported as `character_limit`). @default 10_000_000 (effectively unlimited) */
  readonly characterLimit?: number;
  /** Day of the month (UTC, clamped to short months) on which the cycle resets. @default 1 */
  readonly anchorDay?: number;
  /** Concurrent text-to-speech requests per key; one more gets 429. @default unlimited */
  readonly concurrency?: number;
  /** Reported `tier`. @default 'creator' */
  readonly tier?: string;
}

/**
 * Account limits the simulator enforces itself, like the real services. Unlimited by default.
 *
 * @example
 * ```ts
 * const quotas: SimulatorQuotas = { openai: { rpm: 60 }, gemini: { rpd: 100 }, elevenlabs: { characterLimit: 10_000 } };
 * const sim = await startSimulator({ quotas });
 * ```
 */
export interface SimulatorQuotas {
  readonly openai?: OpenAIQuotas;
  readonly gemini?: GeminiQuotas;
  readonly elevenlabs?: ElevenLabsQuotas;
}
