// `npm run bench [-- --quick] [--only <suite>[,<suite>…] [--merge]]`: runs every suite (or those whose name
// contains one of the `--only` words, e.g. `--only peers,streaming`), prints the figures, writes
// bench/results/latest.json and regenerates BENCHMARKS.md. A quick run writes quick.json and a partial one
// only.tmp.json, neither touching BENCHMARKS.md, unless `--merge` puts a partial run's figures in place of those
// suites' figures in latest.json (noted as a re-run) and regenerates BENCHMARKS.md from that. Any suite that
// throws fails the run (exit code 1). `npm run bench -- --notes` measures nothing: it writes BENCHMARKS.md again
// from bench/results/latest.json with the notes as bench/lib/notes/ now has them.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Figure } from './lib/figure.js';
import { NOTES } from './lib/notes/index.js';
import { machine, mergeResults, printFigures, writeJson, writeMarkdown, type Results } from './lib/report.js';
import { ensureDist } from './lib/ensure-dist.js';
import { peerVersions } from './lib/peer-versions.js';
import { FULL, QUICK, type SuiteContext } from './lib/suite.js';

async function main(): Promise<void> {
  const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
  if (process.argv.includes('--notes')) {
    const latest = join(repoRoot, 'bench/results/latest.json');
    writeMarkdown(join(repoRoot, 'BENCHMARKS.md'), JSON.parse(readFileSync(latest, 'utf8')) as Results, NOTES);
    console.log('wrote BENCHMARKS.md from bench/results/latest.json and bench/lib/notes/');
    return;
  }
  const quick = process.argv.includes('--quick');
  const only = onlyOption(process.argv);
  const log = (line: string): void => console.error(`[bench] ${line}`);
  ensureDist(repoRoot, log);
  // Loaded only now: the suites import the built package.
  const { SUITES } = await import('./suites/index.js');
  const suites = only ? SUITES.filter((suite) => only.some((word) => suite.name.toLowerCase().includes(word))) : SUITES;
  if (suites.length === 0) throw new Error(`--only matched no suite; suites: ${SUITES.map((suite) => suite.name).join('; ')}`);
  const tmpDir = mkdtempSync(join(tmpdir(), 'aimeter-bench-'));
  const ctx: SuiteContext = { quick, sizes: quick ? QUICK : FULL, tmpDir, repoRoot, log };
  const started = performance.now();
  const figures: Figure[] = [];
  try {
    for (const suite of suites) {
      const suiteStarted = performance.now();
      figures.push(...(await suite.run(ctx)));
      ctx.log(`suite ${suite.name}: ${((performance.now() - suiteStarted) / 1000).toFixed(1)} s`);
    }
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
  const merge = only !== undefined && !quick && process.argv.includes('--merge');
  const command = `npm run bench${quick || only ? ' --' : ''}${quick ? ' --quick' : ''}${only ? ` --only ${only.join(',')}` : ''}${merge ? ' --merge' : ''}`;
  const results = { machine: machine(command, peerVersions(repoRoot)), quick, seconds: (performance.now() - started) / 1000, figures };
  printFigures(figures);
  if (merge) {
    const latest = join(repoRoot, 'bench/results/latest.json');
    const full = JSON.parse(readFileSync(latest, 'utf8')) as Results;
    const rerun = { suites: suites.map((suite) => suite.name), command, date: results.machine.date, seconds: results.seconds };
    // The versions installed now: the re-run suites ran with them.
    const merged = { ...mergeResults(full, figures, rerun, SUITES.map((suite) => suite.name)), machine: { ...full.machine, packages: results.machine.packages } };
    writeJson(latest, merged);
    writeMarkdown(join(repoRoot, 'BENCHMARKS.md'), merged, NOTES);
    console.log(`\nmerged into bench/results/latest.json and BENCHMARKS.md in ${results.seconds.toFixed(1)} s`);
    return;
  }
  // A quick (CI) or partial run must not replace the published full figures.
  const complete = !quick && !only;
  const json = `bench/results/${only ? 'only.tmp' : quick ? 'quick' : 'latest'}.json`;
  writeJson(join(repoRoot, json), results);
  if (complete) writeMarkdown(join(repoRoot, 'BENCHMARKS.md'), results, NOTES);
  console.log(`\nwrote ${json}${complete ? ' and BENCHMARKS.md' : ''} in ${results.seconds.toFixed(1)} s`);
}

/** The lower-cased words after `--only`, or undefined when it is absent. */
function onlyOption(argv: readonly string[]): string[] | undefined {
  const at = argv.indexOf('--only');
  if (at === -1) return undefined;
  const words = (argv[at + 1] ?? '').split(',').map((word) => word.trim().toLowerCase()).filter(Boolean);
  if (words.length === 0) throw new Error('--only needs a suite name, e.g. --only fetch-free,streaming');
  return words;
}

main().catch((error: unknown) => {
  console.error('bench failed:', error);
  process.exitCode = 1;
});
