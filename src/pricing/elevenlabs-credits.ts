/**
 * ElevenLabs billing facts the library believes: the adapter computes the credits the `elevenlabs` 1.59 SDK
 * cannot read from the `character-cost` header, limits estimate them. The offline simulator states its own copy
 * (`simulator/elevenlabs/models.ts`); test/simulator/facts-agree.test.ts shows where the two disagree.
 *
 * Credits per character through the API: Flash and Turbo models cost 1 credit per 2 characters, every other
 * model 1 credit per character (ElevenLabs help article 21811236079505; the exact current factor is
 * UNCONFIRMED, see docs/provider-wire.md, hence the adapter's `creditsPerCharacter` option).
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
