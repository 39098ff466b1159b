import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { countCutTokens, countTokens } from '../../../src/providers/shared/tokenizer.js';
import { referenceTokens } from '../../support/reference-tokens.js';

const TEXTS = [
  'Hello, world!',
  'The quick brown fox jumps over the lazy dog. '.repeat(40),
  '我们今天去公园散步，然后吃了午饭。',
  'héllo 👋 — naïve café',
  'const x = {"a": [1, 2, 3]}; // 3f2a9c7e-1b2d-4c5e-8f90-abcdef123456',
  'a text that spells <|endoftext|> and <|fim_prefix|>',
  '',
];

describe('countTokens: BpeCounter in a worker thread', () => {
  for (const encoding of ['o200k_base', 'cl100k_base'] as const) {
    it(`${encoding}: one count per text, equal to js-tiktoken's own (special tokens are ordinary text)`, async () => {
      const counts = await countTokens(TEXTS, encoding);
      assert.deepEqual(counts, TEXTS.map((text) => referenceTokens(text, encoding)));
    });
  }

  it('answers concurrent requests each with its own counts', async () => {
    const texts = Array.from({ length: 40 }, (_, i) => 'word '.repeat(i));
    const counts = await Promise.all(texts.map((text, i) => countTokens([text], i % 2 ? 'o200k_base' : 'cl100k_base')));
    assert.deepEqual(counts, texts.map((text, i) => [referenceTokens(text, i % 2 ? 'o200k_base' : 'cl100k_base')]));
  });

  it('counts nothing for no text, or only empty texts', async () => {
    assert.deepEqual(await countTokens([], 'o200k_base'), []);
    assert.deepEqual(await countTokens(['', ''], 'o200k_base'), [0, 0]);
  });

  it('countCutTokens, exact, counts what countTokens counts', async () => {
    assert.deepEqual(await countCutTokens(TEXTS, 'o200k_base', 'exact'), TEXTS.map((text) => referenceTokens(text)));
  });

  it('holds the process open while a count is owed, and never while idle or only loading', () => {
    // Scripts with nothing else to wait for. The first prints the count (the pending request kept the process
    // alive), then exits by itself; the second starts a load and exits at once. A child that hangs is killed
    // by its timeout, and fails.
    const tokenizer = JSON.stringify(fileURLToPath(new URL('../../../src/providers/shared/tokenizer.ts', import.meta.url)));
    const scripts = {
      '[4]': `import(${tokenizer}).then((m) => m.countTokens(['Hello, world!'], 'o200k_base')).then((c) => console.log(JSON.stringify(c)));`,
      preloading: `import(${tokenizer}).then((m) => { m.preloadTokenizer('o200k_base'); console.log('preloading'); });`,
    };
    for (const [printed, script] of Object.entries(scripts)) {
      const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
      assert.equal(child.signal, null, `the child did not exit by itself: ${child.stderr}`);
      assert.equal(child.status, 0, child.stderr);
      assert.equal(child.stdout.trim(), printed);
    }
  });
});
