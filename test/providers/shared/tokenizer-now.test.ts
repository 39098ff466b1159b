// Own file: it needs a process whose tokenizer thread has not loaded anything yet.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimateTokens } from '../../../src/estimate-tokens.js';
import { countTokens, countTokensNow } from '../../../src/providers/shared/tokenizer.js';
import { referenceTokens } from '../../support/reference-tokens.js';

const TEXTS = ['The quick brown fox jumps over the lazy dog. '.repeat(20), 'aspen birch bison cinder clover falcon', '你好，世界', ''];

describe('countTokensNow', () => {
  it('before the encoding is loaded: the word count at once, and the table starts loading', async () => {
    assert.deepEqual(countTokensNow(TEXTS, 'cl100k_base'), TEXTS.map(estimateTokens));
    // Loading was started by that call; an async count waits for it.
    assert.deepEqual(await countTokens(TEXTS, 'cl100k_base'), TEXTS.map((text) => referenceTokens(text, 'cl100k_base')));
  });

  it('once loaded: exact, synchronously, for texts new and seen before', () => {
    for (let round = 0; round < 2; round++) {
      assert.deepEqual(countTokensNow(TEXTS, 'cl100k_base'), TEXTS.map((text) => referenceTokens(text, 'cl100k_base')));
    }
    const fresh = `${'amber glacier '.repeat(30)}${Date.now()}`;
    assert.deepEqual(countTokensNow([fresh, 'x'], 'cl100k_base'), [referenceTokens(fresh, 'cl100k_base'), 1]);
  });

  it('another encoding is not loaded by the first: word count for it until it is', () => {
    assert.deepEqual(countTokensNow(['aspen birch bison'], 'o200k_base'), [3]);
  });
});
