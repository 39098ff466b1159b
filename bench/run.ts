// `npm run bench [-- --quick]`: runs every suite, prints the figures, writes bench/results/latest.json and
// regenerates BENCHMARKS.md. Any suite that throws fails the run (exit code 1).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Figure } from './lib/figure.js';
import { NOTES } from './lib/notes.js';
import { machine, printFigures, writeJson, writeMarkdown } from './lib/report.js';
import { ensureDist } from './lib/ensure-dist.js';
import { FULL, QUICK, type SuiteContext } from './lib/suite.js';

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
  const log = (line: string): void => console.error(`[bench] ${line}`);
  ensureDist(repoRoot, log);
  // Loaded only now: the suites import the built package.
  const { SUITES } = await import('./suites/index.js');
  const tmpDir = mkdtempSync(join(tmpdir(), 'aimeter-bench-'));
  const ctx: SuiteContext = { quick, sizes: quick ? QUICK : FULL, tmpDir, repoRoot, log };
  const started = performance.now();
  const figures: Figure[] = [];
  try {
    for (const suite of SUITES) {
      const suiteStarted = performance.now();
      figures.push(...(await suite.run(ctx)));
      ctx.log(`suite ${suite.name}: ${((performance.now() - suiteStarted) / 1000).toFixed(1)} s`);
    }
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
  const results = { machine: machine(`npm run bench${quick ? ' -- --quick' : ''}`), quick, seconds: (performance.now() - started) / 1000, figures };
  printFigures(figures);
  // A quick run (CI) must not replace the published full figures.
  const json = `bench/results/${quick ? 'quick' : 'latest'}.json`;
  writeJson(join(repoRoot, json), results);
  if (!quick) writeMarkdown(join(repoRoot, 'BENCHMARKS.md'), results, NOTES);
  console.log(`\nwrote ${json}${quick ? '' : ' and BENCHMARKS.md'} in ${results.seconds.toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error('bench failed:', error);
  process.exitCode = 1;
});
