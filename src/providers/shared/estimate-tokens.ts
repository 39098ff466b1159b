// One token per Chinese, Japanese or Korean character (scripts written without spaces, which BPE splits about
// that finely), one per other run of letters, digits and marks, one per other visible character.
const TOKEN_PATTERN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu;

/**
 * A quick token estimate by counting words and symbols: about 0.5 µs per token against the BPE tokenizer's
 * 6–20, and usually within 10–20 % of it on prose (further off on identifiers and hashes). Used where speed
 * matters more than exactness (the reservation before every limited call, settled to the reported usage
 * afterwards) and as the fallback when the tokenizer cannot be loaded; recorded usage is counted with
 * `countTokens`. Figures from it are always marked `estimated`.
 *
 * @example
 * ```ts
 * estimateTokens('Hello, world!'); // 4
 * estimateTokens('你好'); // 2
 * ```
 */
export function estimateTokens(text: string): number {
  return text.match(TOKEN_PATTERN)?.length ?? 0;
}
