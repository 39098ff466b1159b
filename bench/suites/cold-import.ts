import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { childJson } from '../lib/child.js';
import { figure } from '../lib/figure.js';
import { median, shuffled } from '../lib/stats.js';
import type { Suite, SuiteContext } from '../lib/suite.js';

const SUITE = 'cold import';

/**
 * `import()` time of the built package in fresh processes (median), beside the import of `openai` alone,
 * the SDK a raw caller would load anyway, the two arms' processes interleaved in a random order each round
 * (issue 21: the target is the ratio, at most 0.35×; the absolute time stays the figure's value). run.ts has
 * built `dist/` when it was missing or stale.
 */
export const coldImportSuite: Suite = {
  name: SUITE,
  async run(ctx) {
    const arms = [
      { specifier: pathToFileURL(join(ctx.repoRoot, 'dist/index.js')).href, times: [] as number[] },
      { specifier: 'openai', times: [] as number[] },
    ] as const;
    for (let i = 0; i < ctx.sizes.coldImports; i++) {
      for (const arm of shuffled(arms)) arm.times.push(await importTime(ctx, arm.specifier));
    }
    const [aimeter, sdk] = arms.map((arm) => median(arm.times));
    return [
      figure({
        suite: SUITE,
        name: "import('aimeter') (dist), median of fresh processes",
        value: aimeter,
        control: sdk,
        unit: 'ms',
        target: { op: '<=', value: 0.35, on: 'ratio' },
        note: "control: import('openai')",
      }),
    ];
  },
};

async function importTime(ctx: SuiteContext, specifier: string): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(JSON.stringify(performance.now() - t));`;
  return childJson<number>(['--input-type=module', '-e', script], ctx.repoRoot);
}
