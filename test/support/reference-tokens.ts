// The reference for token estimates: js-tiktoken called directly, in the test's own thread, independent of the
// adapter's tokenizer thread.
import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { countTokens } from '../../src/providers/shared/tokenizer.js';

type Encoding = 'o200k_base' | 'cl100k_base';

const encoders = new Map<string, Tiktoken>();

/** Tokens of `text` by js-tiktoken with `encoding` (no special tokens). */
export function referenceTokens(text: string, encoding: Encoding = 'o200k_base'): number {
  let encoder = encoders.get(encoding);
  if (!encoder) {
    encoder = new Tiktoken(encoding === 'o200k_base' ? o200k : cl100k);
    encoders.set(encoding, encoder);
  }
  return encoder.encode(text, [], []).length;
}

/** Whether `estimate` is within `tolerance` (a fraction) of `reference`. */
export function withinShare(estimate: number | null | undefined, reference: number, tolerance = 0.03): boolean {
  return typeof estimate === 'number' && Math.abs(estimate - reference) <= tolerance * reference;
}

/**
 * Waits until the adapters' tokenizer thread has these encodings loaded. A stream cut before its encoding is
 * loaded waits for it off the loop (count-cut-tokens.test.ts); tests of exact estimates start warm, to be quick.
 */
export async function warmTokenizer(...encodings: Encoding[]): Promise<void> {
  await Promise.all(encodings.map((encoding) => countTokens(['warm up'], encoding)));
}
