/** Longest text remembered, and the most characters remembered before the memory starts over. */
const MAX_TEXT = 8_192;
const MAX_CHARS = 262_144;

/**
 * Texts a scrubber found clean, so the same text (an event's keys, provider and model names, statuses, a
 * repeated error body) costs a Set lookup instead of a regular-expression test. Bounded by characters; when a
 * secret is registered, only the texts holding it are forgotten.
 */
export class CleanTexts {
  readonly #texts = new Set<string>();
  #chars = 0;

  has(text: string): boolean {
    return this.#texts.has(text);
  }

  add(text: string): void {
    if (text.length > MAX_TEXT) return;
    if (this.#chars + text.length > MAX_CHARS) {
      this.#texts.clear();
      this.#chars = 0;
    }
    this.#texts.add(text);
    this.#chars += text.length;
  }

  /** Forgets every text `holds` matches (`holds` has no `g` flag). */
  forget(holds: RegExp): void {
    for (const text of this.#texts) {
      if (!holds.test(text)) continue;
      this.#texts.delete(text);
      this.#chars -= text.length;
    }
  }
}
