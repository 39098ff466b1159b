// Token counters compared for a cut stream's count (issue 17): aimeter's BpeCounter (js-tiktoken's rank data held
// compactly, what the tokenizer thread runs), js-tiktoken itself, gpt-tokenizer (pure JS, one module per encoding)
// and aimeter's word-count estimate. Each arm runs in a fresh child process:
// RSS and heap before and after loading the encoding(s) (forced GCs), the load time, µs per 1000 tokens counted
// (a mixed text of prose, code and JSON, 20 000 tokens, counted whole, five times after one warm-up), the
// longest single count of a 128k-character prompt, and the count against js-tiktoken's.
//
//   npx tsx bench/tokenizers/tokenizers.ts [--modules /path/to/node_modules]
//
// gpt-tokenizer and tiktoken (tiktoken's Rust core as WebAssembly) are not dependencies: install them outside the
// repository (`npm install --prefix DIR gpt-tokenizer tiktoken`) and pass `--modules DIR/node_modules`; without
// them their arms are skipped. js-tiktoken and aimeter's counter come from the repository's own node_modules.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');

/** One arm's figures. */
interface Figures {
  readonly arm: string;
  readonly loadMs: number;
  readonly rssMb: number;
  readonly heapMb: number;
  readonly usPer1k: number;
  readonly long128kMs: number;
  readonly tokens: number;
}

const ARMS = [
  'aimeter-bpe o200k_base',
  'aimeter-bpe cl100k_base',
  'aimeter-bpe o200k_base+cl100k_base',
  'js-tiktoken o200k_base',
  'js-tiktoken cl100k_base',
  'js-tiktoken o200k_base+cl100k_base',
  'tiktoken o200k_base',
  'tiktoken cl100k_base',
  'tiktoken o200k_base+cl100k_base',
  'gpt-tokenizer o200k_base',
  'gpt-tokenizer cl100k_base',
  'gpt-tokenizer o200k_base+cl100k_base',
  'word-count estimate',
] as const;

/** The child: loads one arm's counter and measures it; prints its figures as JSON. */
const CHILD = String.raw`
const [arm, modules, estimatePath, bpePath] = process.argv.slice(1);
const { createRequire } = require('node:module');
const external = createRequire(modules + '/');
// js-tiktoken (and its rank data) from the repository, which the child runs in.
const own = createRequire(process.cwd() + '/');
const mb = (n) => n / 1048576;
function settle() { for (let i = 0; i < 4; i++) global.gc(); }
const parts = [
  'The quick brown fox jumps over the lazy dog, and then it wonders why it did so on a Tuesday afternoon. ',
  'function add(a, b) { return a + b; } // sum of ' , 'const x = { "id": 42, "name": "Zoë", "tags": ["a", "b"] };\n',
  'Les élèves étudient la physique quantique à l\'université. ', '東京は日本の首都です。', 'Reply #', '\n\n',
];
function text(chars) { let s = ''; let i = 0; while (s.length < chars) { s += parts[i % parts.length] + (i * 7919 % 1000) + ' '; i++; } return s.slice(0, chars); }
(async () => {
  // aimeter's counter is imported from the sources before the baseline (its code is a few kB; tsx's transform is not
  // what is measured); its rank data is loaded after.
  const bpe = arm.startsWith('aimeter-bpe') ? (await import(bpePath)).BpeCounter : undefined;
  settle();
  const before = process.memoryUsage();
  const t0 = performance.now();
  let counters;
  const [lib, encs] = arm.split(' ');
  if (lib === 'aimeter-bpe') {
    // The rank data read as JSON, as the tokenizer thread reads it.
    const ranks = (e) => { const t = require('node:fs').readFileSync(own.resolve('js-tiktoken/ranks/' + e), 'utf8'); return JSON.parse(t.slice(t.indexOf('{'), t.lastIndexOf('}') + 1)); };
    counters = encs.split('+').map((e) => { const t = bpe.fromRanks(ranks(e)); return (s) => t.count(s); });
  } else if (lib === 'js-tiktoken') {
    const { Tiktoken } = own('js-tiktoken/lite');
    counters = encs.split('+').map((e) => { const t = new Tiktoken(own('js-tiktoken/ranks/' + e)); return (s) => t.encode(s, [], []).length; });
  } else if (lib === 'tiktoken') {
    const { get_encoding } = external('tiktoken');
    counters = encs.split('+').map((e) => { const t = get_encoding(e); return (s) => t.encode(s, [], []).length; });
  } else if (lib === 'gpt-tokenizer') {
    counters = encs.split('+').map((e) => { const m = external('gpt-tokenizer/encoding/' + e); return (s) => m.countTokens(s, { disallowedSpecial: new Set() }); });
  } else {
    const { estimateTokens } = await import(estimatePath);
    counters = [estimateTokens];
  }
  const sample = text(80000);
  counters.forEach((c) => c('warm ' + sample.slice(0, 200)));
  const loadMs = performance.now() - t0;
  settle();
  const loaded = process.memoryUsage();
  const c = counters[0];
  let tokens = c(sample);
  const t1 = performance.now();
  for (let r = 0; r < 5; r++) tokens = c(sample.slice(r) + r);
  const usPer1k = ((performance.now() - t1) * 1000) / 5 / (tokens / 1000);
  const long = text(128000) + 'x';
  const t2 = performance.now();
  c(long);
  const long128kMs = performance.now() - t2;
  counters.slice(1).forEach((k) => k(sample));
  settle();
  const after = process.memoryUsage();
  console.log(JSON.stringify({ arm, loadMs, rssMb: mb(Math.max(loaded.rss, after.rss) - before.rss), heapMb: mb(after.heapUsed - before.heapUsed), usPer1k, long128kMs, tokens }));
})();
`;

function run(arm: string, modules: string): Figures | undefined {
  const estimate = pathToFileURL(join(repo, 'src', 'estimate-tokens.ts')).href;
  const bpe = pathToFileURL(join(repo, 'src', 'providers', 'shared', 'bpe-counter.ts')).href;
  const lib = arm.split(' ')[0]!;
  if ((lib === 'gpt-tokenizer' || lib === 'tiktoken') && !existsSync(join(modules, lib))) return undefined;
  // The estimate and BpeCounter are imported from the sources, through tsx (loaded before the baseline is taken).
  const loader = arm.startsWith('word') || arm.startsWith('aimeter') ? ['--import', 'tsx'] : [];
  const out = execFileSync(process.execPath, ['--expose-gc', ...loader, '-e', CHILD, arm, modules, estimate, bpe], { encoding: 'utf8', cwd: repo });
  return JSON.parse(out.trim().split('\n').pop()!) as Figures;
}

function main(): void {
  const flag = process.argv.indexOf('--modules');
  const modules = flag > 0 ? process.argv[flag + 1]! : join(repo, 'node_modules');
  const rows: Figures[] = [];
  for (const arm of ARMS) {
    const figures = run(arm, modules);
    if (figures) rows.push(figures);
  }
  const exact = new Map(rows.filter((r) => r.arm.startsWith('js-tiktoken')).map((r) => [r.arm.split(' ')[1]!.split('+')[0], r.tokens]));
  console.log('| counter | load ms | RSS +MB | heap +MB | µs / 1k tokens | 128k chars, ms | tokens (vs js-tiktoken) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    const reference = exact.get(r.arm.split(' ')[1]?.split('+')[0] ?? 'o200k_base') ?? exact.get('o200k_base')!;
    const off = (((r.tokens - reference) / reference) * 100).toFixed(1);
    console.log(`| ${r.arm} | ${r.loadMs.toFixed(0)} | ${r.rssMb.toFixed(1)} | ${r.heapMb.toFixed(1)} | ${r.usPer1k.toFixed(0)} | ${r.long128kMs.toFixed(1)} | ${r.tokens} (${off} %) |`);
  }
}

main();
