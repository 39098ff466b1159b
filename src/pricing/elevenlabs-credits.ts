/**
 * ElevenLabs billing facts the library believes: the adapter computes the credits the `elevenlabs` 1.59 SDK
 * cannot read from the `character-cost` header, limits estimate them. The offline simulator states its own copy
 * (`simulator/elevenlabs/models.ts`); test/simulator/facts-agree.test.ts shows where the two disagree.
 *
 * Credits per character, as of 2026-12-05 (table version `2026-12-05`):
 * - Flash v2 / v2.5 and Turbo v2 / v2.5: 0.5 (1 credit per 2 characters, rounded up per request); English v1,
 *   Multilingual v1 / v2: 1. Source: ElevenLabs help center, "How do I find the model ID" (help.elevenlabs.io
 *   article 21811236079505: "The Flash and Turbo models cost 1 credit per 2 characters, and all other models
 *   cost 1 credit per character, excluding any credit modifiers that might apply to the voice"), and ElevenLabs'
 *   support answer of 2026 citing the help center (Flash v2/v2.5 and Turbo v2/v2.5 0.5; English v1,
 *   Multilingual v1/v2 1; shared Voice Library voices may apply a multiplier).
 * - Eleven v3: 1, as "all other models" in the same article; ElevenLabs publishes no separate v3 factor.
 * - The article's newer revision adds that generations on the website cost 1 credit per character for every
 *   model while API generations are discounted ("see API Pricing"); elevenlabs.io/pricing/api (ElevenAPI) lists
 *   Flash/Turbo at $0.05 and Multilingual v2/v3 at $0.10 per 1,000 characters (as quoted by
 *   developer.puter.com, 2026-06; UNCONFIRMED against the vendor page). A voice's custom multiplier is not
 *   modelled: the `character-cost` header, when the SDK exposes it, already includes it.
 *
 * @example
 * ```ts
 * console.log(`credits per character as of ${CREDITS_PER_CHARACTER_VERSION}`);
 * ```
 */
export const CREDITS_PER_CHARACTER_VERSION = '2026-12-05';

/**
 * Credits per character through the API, by model id (see {@link CREDITS_PER_CHARACTER_VERSION} for the
 * sources); a model not listed (English v1, Multilingual v1, …) is billed at 1.
 *
 * @example
 * ```ts
 * DEFAULT_CREDITS_PER_CHARACTER.eleven_flash_v2_5; // 0.5
 * ```
 */
export const DEFAULT_CREDITS_PER_CHARACTER: Readonly<Record<string, number>> = {
  eleven_flash_v2_5: 0.5,
  eleven_flash_v2: 0.5,
  eleven_turbo_v2_5: 0.5,
  eleven_turbo_v2: 0.5,
  eleven_multilingual_v2: 1,
  eleven_v3: 1,
};

/**
 * Characters of a text as ElevenLabs counts them: Unicode code points (the API is a Python service, where
 * `len()` counts code points), so an emoji is 1, not 2 UTF-16 units.
 *
 * @example
 * ```ts
 * characterCount('héllo 👋'); // 7
 * ```
 */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** Credits per character of a model; an unknown model is billed at the full rate (1). */
export function creditFactor(model: string, overrides?: Readonly<Record<string, number>>): number {
  return overrides?.[model] ?? DEFAULT_CREDITS_PER_CHARACTER[model] ?? 1;
}

/** Credits billed for `characters` at `factor`, rounded up to a whole credit as `character-cost` reports them. */
export function creditsFor(characters: number, factor: number): number {
  return Math.ceil(characters * factor);
}
