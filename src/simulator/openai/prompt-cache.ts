import type { PromptSegment } from './chat-request.js';

/** Shortest prompt OpenAI caches. */
export const MIN_CACHED_TOKENS = 1024;
/** Cache hits come in steps of this many tokens. */
export const CACHE_INCREMENT = 128;
const REMEMBERED_PER_MODEL = 32;

/**
 * OpenAI's automatic prompt caching, made deterministic. Every prompt of at least {@link MIN_CACHED_TOKENS} tokens
 * is remembered (per key and model). A later prompt reads from the cache the longest run of leading parts (tool
 * definitions, then whole messages) it shares with a remembered one, counted in tokens and rounded down to a
 * multiple of {@link CACHE_INCREMENT}, if that is at least {@link MIN_CACHED_TOKENS}: so a repeated 1200-token
 * prompt reports 1152 cached tokens, as the real API does.
 */
export class OpenAIPromptCache {
  private readonly seen = new Map<string, (readonly PromptSegment[])[]>();

  /** Cached tokens for this prompt; then remembers it. */
  lookup(keyId: string, model: string, segments: readonly PromptSegment[], promptTokens: number): number {
    const id = `${keyId}\u0000${model}`;
    const earlier = this.seen.get(id) ?? [];
    let shared = 0;
    for (const remembered of earlier) shared = Math.max(shared, sharedPrefixTokens(remembered, segments));
    if (promptTokens >= MIN_CACHED_TOKENS) this.seen.set(id, [...earlier, segments].slice(-REMEMBERED_PER_MODEL));
    const cached = Math.floor(shared / CACHE_INCREMENT) * CACHE_INCREMENT;
    return cached >= MIN_CACHED_TOKENS ? cached : 0;
  }

  clear(): void {
    this.seen.clear();
  }
}

function sharedPrefixTokens(a: readonly PromptSegment[], b: readonly PromptSegment[]): number {
  let tokens = 0;
  for (let i = 0; i < Math.min(a.length, b.length) && a[i]!.hash === b[i]!.hash; i++) tokens += a[i]!.tokens;
  return tokens;
}
