import { digest } from '../tokens.js';
import { contentTokens, type WireContent } from './request.js';

/** Smallest prompt Gemini 2.5 caches implicitly. */
export const MIN_CACHED_TOKENS = 1024;
const REMEMBERED_PER_MODEL = 32;

interface Remembered {
  readonly hashes: readonly string[];
  readonly tokens: number;
}

/**
 * Gemini 2.5 implicit caching, made deterministic: a prompt that begins with the whole prompt of an earlier
 * request (same key, same model) of at least {@link MIN_CACHED_TOKENS} tokens reads those tokens from the cache.
 * Prompts compare content by content (system instruction first), so a growing conversation hits.
 */
export class PromptCache {
  private readonly seen = new Map<string, Remembered[]>();

  /** Cached tokens for this prompt; then remembers it for the next request. */
  lookup(keyId: string, model: string, prompt: readonly WireContent[]): number {
    const id = `${keyId}\u0000${model}`;
    const hashes = prompt.map((content) => digest(content));
    const earlier = this.seen.get(id) ?? [];
    let cached = 0;
    for (const entry of earlier) {
      if (entry.tokens > cached && entry.hashes.length <= hashes.length && entry.hashes.every((h, i) => h === hashes[i])) cached = entry.tokens;
    }
    const tokens = contentTokens(prompt);
    if (tokens >= MIN_CACHED_TOKENS) this.seen.set(id, [...earlier, { hashes, tokens }].slice(-REMEMBERED_PER_MODEL));
    return cached;
  }

  clear(): void {
    this.seen.clear();
  }
}
