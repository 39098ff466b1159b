import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimateTokens } from '../../../src/providers/shared/estimate-tokens.js';

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
});
