import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimateTokens } from '../src/estimate-tokens.js';

describe('estimateTokens (the quick word count)', () => {
  it('counts runs of letters and digits, and each other visible character; whitespace is free', () => {
    assert.equal(estimateTokens('Hello, world!'), 4);
    assert.equal(estimateTokens('  a1 b2\n\t'), 2);
    assert.equal(estimateTokens(''), 0);
  });

  it('counts combining marks with their letter', () => {
    assert.equal(estimateTokens('cafe\u0301 au lait'), 3);
  });

  it('counts each Chinese, Japanese and Korean character: those scripts have no spaces between words', () => {
    assert.equal(estimateTokens('你好，世界'), 5);
    assert.equal(estimateTokens('こんにちは'), 5);
    assert.equal(estimateTokens('안녕 world'), 3);
  });

  it('counts ASCII text exactly as the pattern does (the loop that counts it), for every ASCII character', () => {
    const pattern = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu;
    const byPattern = (text: string): number => text.match(pattern)?.length ?? 0;
    const alphabet = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));
    let seed = 7;
    const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let t = 0; t < 2_000; t += 1) {
      const text = Array.from({ length: random(40) }, () => (random(3) === 0 ? ' ' : alphabet[random(128)]!)).join('');
      assert.equal(estimateTokens(text), byPattern(text), JSON.stringify(text));
    }
    assert.equal(estimateTokens('snake_case-name x=1;\u0000'), 10);
    assert.equal(estimateTokens(`${'word '.repeat(50)}café`), 51, 'a non-ASCII character anywhere: the pattern counts it all');
  });
});

