/**
 * An ElevenLabs account's standing in its billing cycle, from `GET /v1/user/subscription`. ElevenLabs calls
 * the figures characters, but they count credits (what `character-cost` bills), so Flash/Turbo text uses them
 * at half its length.
 *
 * @example
 * ```ts
 * const sub = await elevenlabs().subscription({ key: process.env.ELEVENLABS_API_KEY });
 * if (sub.remaining < 1_000) console.warn(`ElevenLabs credits low until ${sub.resetAt?.toISOString()}`);
 * ```
 */
export interface ElevenLabsSubscription {
  /** Plan, e.g. `creator`. */
  readonly tier: string;
  /** Subscription status, e.g. `active`. */
  readonly status: string | undefined;
  /** Credits used this cycle (`character_count`). */
  readonly used: number;
  /** Credits per cycle (`character_limit`). */
  readonly limit: number;
  /** `limit - used`, never below 0. */
  readonly remaining: number;
  /** When the cycle resets (`next_character_count_reset_unix`), if reported. */
  readonly resetAt: Date | undefined;
  /** The reply as the SDK returned it. */
  readonly raw: unknown;
}

interface RawSubscription {
  readonly tier?: unknown;
  readonly status?: unknown;
  readonly character_count?: unknown;
  readonly character_limit?: unknown;
  readonly next_character_count_reset_unix?: unknown;
}

/** Normalizes the subscription reply; missing counts read as 0. */
export function toSubscription(raw: unknown): ElevenLabsSubscription {
  const r = (raw ?? {}) as RawSubscription;
  const used = typeof r.character_count === 'number' ? r.character_count : 0;
  const limit = typeof r.character_limit === 'number' ? r.character_limit : 0;
  const reset = r.next_character_count_reset_unix;
  return {
    tier: typeof r.tier === 'string' ? r.tier : 'unknown',
    status: typeof r.status === 'string' ? r.status : undefined,
    used,
    limit,
    remaining: Math.max(0, limit - used),
    resetAt: typeof reset === 'number' ? new Date(reset * 1000) : undefined,
    raw,
  };
}
