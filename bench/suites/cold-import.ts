import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { childJson } from '../lib/child.js';
import { figure } from '../lib/figure.js';
import { median } from '../lib/stats.js';
import type { Suite, SuiteContext } from '../lib/suite.js';

const SUITE = 'cold import';

/**
 * `import()` time of the built package in fresh processes (median), beside the import of `openai` alone,
 * the SDK a raw caller would load anyway. run.ts has built `dist/` when it was missing or stale.
 */
export const coldImportSuite: Suite = {
  name: SUITE,
  async run(ctx) {
    const aimeter = await importTimes(ctx, pathToFileURL(join(ctx.repoRoot, 'dist/index.js')).href);
    const sdk = await importTimes(ctx, 'openai');
    return [figure({ suite: SUITE, name: "import('aimeter') (dist), median of fresh processes", value: aimeter, control: sdk, unit: 'ms', target: { op: '<=', value: 40, on: 'value' }, note: "control: import('openai')" })];
  },
};

async function importTimes(ctx: SuiteContext, specifier: string): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(JSON.stringify(performance.now() - t));`;
  const times: number[] = [];
  for (let i = 0; i < ctx.sizes.coldImports; i++) times.push(await childJson<number>(['--input-type=module', '-e', script], ctx.repoRoot));
  return median(times);
}
