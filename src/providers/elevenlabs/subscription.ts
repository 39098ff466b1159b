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
  // The same fields as `@elevenlabs/elevenlabs-js` 2.x returns them.
  readonly characterCount?: unknown;
  readonly characterLimit?: unknown;
  readonly nextCharacterCountResetUnix?: unknown;
}

/** Normalizes the subscription reply (1.59's snake_case or 2.x's camelCase); missing counts read as 0. */
export function toSubscription(raw: unknown): ElevenLabsSubscription {
  const r = (raw ?? {}) as RawSubscription;
  const count = r.character_count ?? r.characterCount;
  const cap = r.character_limit ?? r.characterLimit;
  const used = typeof count === 'number' ? count : 0;
  const limit = typeof cap === 'number' ? cap : 0;
  const reset = r.next_character_count_reset_unix ?? r.nextCharacterCountResetUnix;
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
