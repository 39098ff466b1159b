// Own file: the fallback warning is emitted once per process.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { estimateTokens } from '../../../src/estimate-tokens.js';
import type { TokenEncoding } from '../../../src/providers/shared/token-encoding.js';
import { countTokens } from '../../../src/providers/shared/tokenizer.js';

describe('countTokens when the tokenizer cannot be used', () => {
  it('falls back to the word count and says so once, in a process warning', async () => {
    const warned = once(process, 'warning') as Promise<[Error & { code?: string }]>;
    const texts = ['Hello, world!', 'amber glacier'];
    assert.deepEqual(await countTokens(texts, 'no_such_base' as TokenEncoding), texts.map(estimateTokens));
    const [warning] = await warned;
    assert.equal(warning.code, 'AIMETER_TOKENIZER_UNAVAILABLE');
    assert.match(warning.message, /fall back to a word count: unknown encoding "no_such_base"/);
    let again = 0;
    const count = (): void => void again++;
    process.on('warning', count);
    try {
      assert.deepEqual(await countTokens(['x y'], 'no_such_base' as TokenEncoding), [2]);
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(again, 0, 'warned once only');
    } finally {
      process.off('warning', count);
    }
    assert.deepEqual(await countTokens(['Hello, world!'], 'o200k_base'), [4], 'a known encoding still counts with the tokenizer');
  });
});
