// Own file: it needs a process whose tokenizer thread has not loaded anything yet.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimateTokens } from '../../../src/estimate-tokens.js';
import { countCutTokens, preloadTokenizer } from '../../../src/providers/shared/tokenizer.js';
import { referenceTokens } from '../../support/reference-tokens.js';

const TEXTS = ['The quick brown fox jumps over the lazy dog. '.repeat(20), 'aspen birch bison cinder clover falcon', '你好，世界', ''];

describe('countCutTokens', () => {
  it("'exact' before the encoding is loaded: waits for the table off the loop, then counts exactly", async () => {
    // Returns a promise: nothing is counted on the caller's thread (the table takes a while to build). The loop's
    // delay meanwhile is measured against a control by the bench's "barge-in stall" suite.
    const counting = countCutTokens(TEXTS, 'cl100k_base', 'exact');
    assert.ok(counting instanceof Promise);
    assert.deepEqual(await counting, TEXTS.map((text) => referenceTokens(text, 'cl100k_base')));
  });

  it("'exact' once loaded: exact for texts new and seen before", async () => {
    for (let round = 0; round < 2; round++) {
      assert.deepEqual(await countCutTokens(TEXTS, 'cl100k_base'), TEXTS.map((text) => referenceTokens(text, 'cl100k_base')));
    }
    const fresh = `${'amber glacier '.repeat(30)}${Date.now()}`;
    assert.deepEqual(await countCutTokens([fresh, 'x'], 'cl100k_base', 'exact'), [referenceTokens(fresh, 'cl100k_base'), 1]);
  });

  it("'exact' when the loop runs late past the deadline: the thread's reply already waiting wins over the word count", async () => {
    // A loaded machine: this thread's loop is late (here: blocked in a check-phase task) past the deadline while
    // the tokenizer thread's reply waits. The deadline is checked after pending I/O, so the exact count is read.
    const text = 'Mint frost falcon';
    assert.notEqual(referenceTokens(text, 'cl100k_base'), estimateTokens(text), 'the two counts differ, so the test can tell them apart');
    await new Promise((resolve) => setImmediate(resolve)); // from here on, in the loop's check phase
    const counting = countCutTokens([text], 'cl100k_base', 'exact', 50);
    for (let i = 0; i < 5; i++) await Promise.resolve(); // the request reaches the thread
    const until = Date.now() + 2_000;
    while (Date.now() < until); // the loop late: 40 times the deadline, the reply arriving meanwhile
    assert.deepEqual(await counting, [referenceTokens(text, 'cl100k_base')]);
  });

  it("'fast' is the word count, 'off' counts nothing; neither loads a table", async () => {
    preloadTokenizer('p50k_base', 'fast');
    preloadTokenizer('p50k_base', 'off');
    assert.deepEqual(await countCutTokens(TEXTS, 'p50k_base', 'fast'), TEXTS.map(estimateTokens));
    assert.equal(await countCutTokens(TEXTS, 'p50k_base', 'off'), undefined);
  });
});
