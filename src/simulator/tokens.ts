import { createHash } from 'node:crypto';

// One token per run of letters/digits and one per other visible character: simple enough to predict by hand.
const TOKEN_PATTERN = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;

/**
 * The simulator's deterministic tokenizer: one token per run of letters or digits, plus one per punctuation
 * mark or symbol (`/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu`); whitespace is free.
 *
 * @example
 * simulatedTokenCount('Hello, world!'); // 4
 */
export function simulatedTokenCount(text: string): number {
  return text.match(TOKEN_PATTERN)?.length ?? 0;
}

const VOCABULARY = [
  'alpha', 'amber', 'anchor', 'apple', 'arrow', 'aspen', 'autumn', 'basil', 'beacon', 'birch', 'bison', 'breeze',
  'brook', 'cactus', 'canyon', 'cedar', 'cherry', 'cinder', 'clover', 'comet', 'coral', 'cotton', 'crystal', 'dawn',
  'delta', 'dune', 'ember', 'falcon', 'fern', 'fjord', 'forest', 'frost', 'garnet', 'glacier', 'granite', 'harbor',
  'hazel', 'heron', 'island', 'ivory', 'jasmine', 'juniper', 'lagoon', 'lantern', 'lemon', 'lilac', 'maple', 'meadow',
  'mesa', 'mint', 'nectar', 'oasis', 'ocean', 'olive', 'orchid', 'pebble', 'pine', 'prairie', 'quartz', 'river',
  'saffron', 'sierra', 'tundra', 'willow',
] as const;

/** A stable hex digest of any JSON-able value, used to seed every deterministic output. */
export function digest(value: unknown): string {
  return createHash('sha256').update(typeof value === 'string' ? value : JSON.stringify(value) ?? '').digest('hex');
}

/** `count` vocabulary words picked by the seed: the same seed always gives the same words. */
export function seededWords(seed: string, count: number): string[] {
  const words: string[] = [];
  let pool = digest(seed);
  while (words.length < count) {
    for (let i = 0; i + 2 <= pool.length && words.length < count; i += 2) {
      words.push(VOCABULARY[parseInt(pool.slice(i, i + 2), 16) % VOCABULARY.length]!);
    }
    pool = digest(pool);
  }
  return words;
}

/** A reply split the way the simulator streams it: one piece per token. */
export interface Reply {
  readonly text: string;
  /** Pieces whose concatenation is `text`; each is exactly one simulated token. */
  readonly pieces: readonly string[];
  /** True when the token cap cut the reply short. */
  readonly truncated: boolean;
}

/**
 * The deterministic reply: `words` vocabulary words then a full stop (`words + 1` tokens), the first word
 * capitalised; cut to `maxTokens` tokens when given (then without the full stop).
 */
export function composeReply(seed: string, words: number, maxTokens?: number): Reply {
  const all = seededWords(seed, words).map((w, i) => (i === 0 ? w[0]!.toUpperCase() + w.slice(1) : ` ${w}`));
  all.push('.');
  const cap = maxTokens === undefined ? all.length : Math.max(0, Math.floor(maxTokens));
  const pieces = all.slice(0, cap);
  return { text: pieces.join(''), pieces, truncated: pieces.length < all.length };
}

/** A random-looking but seeded identifier of `length` characters from [A-Za-z0-9]. */
export function seededId(seed: string, length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  let pool = digest(seed);
  while (out.length < length) {
    for (let i = 0; i + 2 <= pool.length && out.length < length; i += 2) {
      out += alphabet[parseInt(pool.slice(i, i + 2), 16) % alphabet.length];
    }
    pool = digest(pool);
  }
  return out;
}
