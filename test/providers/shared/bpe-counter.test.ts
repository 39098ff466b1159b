import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { Tiktoken, type TiktokenBPE } from 'js-tiktoken/lite';
import { BpeCounter } from '../../../src/providers/shared/bpe-counter.js';
import { countTokens } from '../../../src/providers/shared/tokenizer.js';

const load = createRequire(import.meta.url);
// js-tiktoken's rank data: what BpeCounter reads (pat_str, bpe_ranks) and what Tiktoken takes (with special_tokens).
const ranks = (encoding: string): TiktokenBPE => load(`js-tiktoken/ranks/${encoding}`) as TiktokenBPE;

// A small deterministic generator (mulberry32), so a failing corpus is the same on every run.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random code points over the BMP and the astral planes (lone surrogates included: they encode as U+FFFD). */
function randomUnicode(seed: number, length: number): string {
  const next = random(seed);
  const ranges = [[0x20, 0x7e], [0xa0, 0x24f], [0x370, 0x52f], [0x3040, 0x30ff], [0x4e00, 0x9fff], [0xac00, 0xd7a3], [0xd800, 0xdfff], [0x1f300, 0x1faff], [0, 0x10ffff]] as const;
  let text = '';
  while (text.length < length) {
    const [low, high] = ranges[Math.floor(next() * ranges.length)]!;
    const point = low + Math.floor(next() * (high - low + 1));
    text += point <= 0xffff ? String.fromCharCode(point) : String.fromCodePoint(point);
  }
  return text;
}

/** Random bytes read as UTF-8 (invalid sequences become U+FFFD), and as Latin-1. */
function randomBytes(seed: number, length: number): string[] {
  const next = random(seed);
  const bytes = Uint8Array.from({ length }, () => Math.floor(next() * 256));
  return [new TextDecoder().decode(bytes), String.fromCharCode(...bytes)];
}

const CORPUS = [
  '',
  'a',
  'Hello, world!',
  'The quick brown fox jumps over the lazy dog. It wasn\'t the fox\'s idea; they\'re, we\'ve, I\'m, you\'ll, he\'d. '.repeat(12),
  'Les élèves étudient la physique quantique à l\'université. Où est la bibliothèque ? Ça dépend, naïveté, cœur.',
  '東京は日本の首都です。私たちは今日、公園を散歩しました。カタカナとひらがなと漢字。',
  '我们今天去公园散步，然后吃了午饭。 한국어 텍스트도 있습니다. Русский текст, Ελληνικά, עברית, العربية, हिन्दी.',
  '👋🏽 hello 🤖🚀 — 👨‍👩‍👧‍👦 family, 🇫🇷 flag, ✨✨✨ sparkles, emoji without spaces:🎉🎊🎈',
  'function add(a, b) {\n  return a + b; // sum\n}\n\nconst x = await fetch(`https://example.com/api?q=${encodeURIComponent(q)}`);\n',
  'def f(x):\n\tif x is None:\n\t\treturn [i**2 for i in range(10)]\n\treturn {"k": x}\n',
  JSON.stringify({ id: 42, name: 'Zoë', tags: ['a', 'b'], nested: { deep: [1.5, -2e10, null, true], empty: {} } }, null, 2),
  ' '.repeat(1) + 'x',
  ' '.repeat(37) + 'x' + ' '.repeat(500),
  '\n'.repeat(300),
  ' \n \n\n\t\t   \r\n\r\n    \u00a0\u2003 end',
  '0123456789'.repeat(30) + ' 3.14159 1,000,000 -42 ٣٤٥ ① ⅻ',
  'a text that spells <|endoftext|> and <|fim_prefix|><|fim_middle|><|fim_suffix|><|endofprompt|> as ordinary text',
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!??????????????????.......................////',
  'ＡＢＣ ｆｕｌｌｗｉｄｔｈ and combining: e\u0301 a\u0308 n\u0303, ZWJ\u200d, BOM\ufeff, lone \ud800 and \udfff surrogates',
  'https://example.com:8080/~user/path/to/file.tar.gz?query=1&other=two#fragment',
  randomUnicode(1, 3000),
  randomUnicode(2, 3000),
  ...randomBytes(3, 3000),
  ...randomBytes(4, 500),
];

describe('BpeCounter: counts equal to js-tiktoken\'s', () => {
  for (const encoding of ['o200k_base', 'cl100k_base', 'p50k_base', 'r50k_base'] as const) {
    it(`${encoding}: every text of a varied corpus`, () => {
      const data = ranks(encoding);
      const counter = BpeCounter.fromRanks(data);
      const reference = new Tiktoken(data);
      for (const text of CORPUS) {
        assert.equal(counter.count(text), reference.encode(text, [], []).length, `${encoding}: ${JSON.stringify(text.slice(0, 60))}`);
      }
      // The whole corpus as one text, and again (the counter keeps no state from one text to the next).
      const all = CORPUS.join('\n');
      assert.equal(counter.count(all), reference.encode(all, [], []).length);
      assert.equal(counter.count(all), reference.encode(all, [], []).length);
    });
  }

  it('merges long pieces (runs of spaces, letters) exactly, and a 200 000-character piece without a quadratic merge', () => {
    const counter = BpeCounter.fromRanks(ranks('o200k_base'));
    const reference = new Tiktoken(ranks('o200k_base'));
    // js-tiktoken's own merge is quadratic in a piece; 600 characters is what it counts quickly.
    for (const text of [' '.repeat(600) + 'x', 'z'.repeat(600), '\u00e9'.repeat(300)]) {
      assert.equal(counter.count(text), reference.encode(text, [], []).length);
    }
    // 200 000 spaces: one piece, counted at once (a quadratic merge, as js-tiktoken's, would take hours).
    const spaces = counter.count(' '.repeat(200_000) + 'x');
    assert.ok(spaces > 200_000 / 256 && spaces < 200_000, `${spaces} tokens`);
    // Its scratch space is let go, and grows again as the next texts need.
    for (const text of [CORPUS[3]!, ' '.repeat(600) + 'x', randomUnicode(5, 1000)]) {
      assert.equal(counter.count(text), reference.encode(text, [], []).length);
    }
  });
});

describe('BpeCounter.fromRanks: bad rank data', () => {
  it('refuses a token that is not base64', () => {
    assert.throws(() => BpeCounter.fromRanks({ pat_str: '\\s+', bpe_ranks: '! 0 IQ== *bad*' }), /not base64/);
  });

  it('refuses data without a token for every byte', () => {
    assert.throws(() => BpeCounter.fromRanks({ pat_str: '\\s+', bpe_ranks: '! 0 IQ== Ig==' }), /no token for byte 0/);
  });

  it('refuses a line without its first rank', () => {
    assert.throws(() => BpeCounter.fromRanks({ pat_str: '\\s+', bpe_ranks: '! x IQ==' }), /no first rank/);
  });
});

describe('countTokens on the tokenizer thread (BpeCounter from its source)', () => {
  // p50k_edit shares p50k_base's table on the thread, gpt2 r50k_base's: each is still counted as js-tiktoken counts it.
  for (const encoding of ['o200k_base', 'cl100k_base', 'p50k_base', 'p50k_edit', 'r50k_base', 'gpt2'] as const) {
    it(`${encoding}: the corpus, counted as js-tiktoken counts it`, async () => {
      const reference = new Tiktoken(ranks(encoding));
      assert.deepEqual(await countTokens(CORPUS, encoding), CORPUS.map((text) => reference.encode(text, [], []).length));
    });
  }
});
