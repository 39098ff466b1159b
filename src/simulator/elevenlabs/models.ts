/**
 * How the simulated ElevenLabs API bills and limits text-to-speech: the simulator's own statement of the
 * provider's behaviour, kept apart from the library's (`pricing/elevenlabs-credits.ts`) so that a
 * wrong belief on one side shows up as a disagreement (test/simulator/facts-agree.test.ts) instead of passing
 * on both.
 *
 * Credits per character through the API: Flash and Turbo models cost 1 credit per 2 characters, every other
 * model 1 credit per character (ElevenLabs help article 21811236079505). UNCONFIRMED against a live
 * response's `character-cost` header, which is what the simulator imitates.
 */
const CREDITS_PER_CHARACTER: Readonly<Record<string, number>> = {
  eleven_flash_v2_5: 0.5,
  eleven_flash_v2: 0.5,
  eleven_turbo_v2_5: 0.5,
  eleven_turbo_v2: 0.5,
  eleven_multilingual_v2: 1,
  eleven_v3: 1,
};

/** The models whose credit factor the simulator states; any other model is billed 1 credit per character. */
export const PRICED_MODELS: readonly string[] = Object.keys(CREDITS_PER_CHARACTER);

/** Characters per request, by model (models.mdx); a longer text gets 400 `max_character_limit_exceeded`. */
export const MAX_CHARACTERS_PER_REQUEST: Readonly<Record<string, number>> = {
  eleven_flash_v2_5: 40_000,
  eleven_turbo_v2_5: 40_000,
  eleven_flash_v2: 30_000,
  eleven_turbo_v2: 30_000,
  eleven_multilingual_v2: 10_000,
  eleven_v3: 3_000,
};

/** The model the API uses when the body names none. */
export const DEFAULT_MODEL = 'eleven_multilingual_v2';

/** The audio format the API uses when the query names none. */
export const DEFAULT_OUTPUT_FORMAT = 'mp3_44100_128';

/**
 * Characters of a text as ElevenLabs counts them: Unicode code points (the API is a Python service, where
 * `len()` counts code points), so an emoji is 1, not 2 UTF-16 units.
 */
export function characterCount(text: string): number {
  return Array.from(text).length;
}

/** Credits per character of a model; a model without a stated factor is billed at the full rate (1). */
export function creditFactor(model: string): number {
  return CREDITS_PER_CHARACTER[model] ?? 1;
}

/** Credits billed for `characters` on `model`, rounded up to a whole credit as `character-cost` reports them. */
export function creditsFor(characters: number, model: string): number {
  return Math.ceil(characters * creditFactor(model));
}

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  mp3: 'audio/mpeg',
  pcm: 'audio/pcm',
  ulaw: 'audio/basic',
  alaw: 'audio/alaw',
  opus: 'audio/opus',
};

/**
 * `content-type` of an `output_format`, by its codec (`mp3_44100_128` → `audio/mpeg`); only mp3's is confirmed
 * on the wire, the others are the codecs' registered media types.
 */
export function mediaTypeOf(format: string): string {
  return MEDIA_TYPES[format.split('_')[0]!] ?? 'application/octet-stream';
}
