import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { startSimulator } from '../../src/simulator/start-simulator.js';
import { figure, type Figure } from '../lib/figure.js';
import { median } from '../lib/stats.js';
import type { Suite } from '../lib/suite.js';

const SUITE = 'first-call stall';
const run = promisify(execFile);

interface ChildResult {
  readonly stallMs: Readonly<Record<string, number>>;
}

/**
 * The event loop's longest stall (monitorEventLoopDelay max, 1 ms resolution) during the first call of each
 * provider, priced, in a fresh plain-node process on dist/ (test/support/children/first-call-child.mjs): with
 * `await ai.ready()` against without (preload off: the SDK, fetch and price loads fall on the first calls), and a
 * second OpenAI call as the floor of the machine's noise. Side by side with the OpenAI rows, the raw openai SDK's
 * own first (and second) chat completion in a fresh process, the SDK imported in advance: what the first call
 * costs without aimeter. The three kinds of process take turns in each round. The
 * simulator runs here, in another process. Figure: the median of the fresh processes per provider (the worst in
 * the note: on a shared VM a neighbour's burst lands in some rounds).
 */
export const firstCallSuite: Suite = {
  name: SUITE,
  async run(ctx) {
    const sim = await startSimulator();
    const urls = JSON.stringify({ openai: sim.openaiBaseURL, gemini: sim.geminiBaseUrl, elevenlabs: sim.elevenlabsBaseUrl });
    const child = join(ctx.repoRoot, 'test/support/children/first-call-child.mjs');
    const dist = pathToFileURL(join(ctx.repoRoot, 'dist/index.js')).href;
    const rounds = ctx.quick ? 1 : 5;
    const seen = { ready: {} as Record<string, number[]>, cold: {} as Record<string, number[]>, raw: {} as Record<string, number[]> };
    try {
      for (let i = 0; i < rounds; i++) {
        for (const mode of ['ready', 'cold', 'raw'] as const) {
          const { stdout } = await run(process.execPath, [child, dist, urls, mode], { cwd: ctx.repoRoot, timeout: 120_000 });
          const { stallMs } = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ChildResult;
          for (const [provider, ms] of Object.entries(stallMs)) (seen[mode][provider] ??= []).push(ms);
        }
      }
    } finally {
      await sim.close();
    }
    const rows = Object.entries(seen.ready).map(([provider, ready]) =>
      figure({
        suite: SUITE,
        name: `${provider === 'openai (second call)' ? provider : `${provider} first call`}: max loop stall with await ai.ready(), median of ${rounds} fresh processes`,
        value: median(ready),
        control: median(seen.cold[provider] ?? []),
        unit: 'ms',
        target: { op: '<=', value: 20, on: 'value' },
        note: `control: without ready() (preload: false); worst with ready() ${Math.max(...ready).toFixed(1)} ms`,
      }),
    );
    const raw = (provider: string): Figure =>
      figure({
        suite: SUITE,
        name: `${provider === 'openai' ? 'openai first call' : provider}: aimeter with await ai.ready() against the raw openai SDK (imported in advance), median of ${rounds} fresh processes each`,
        value: median(seen.ready[provider] ?? []),
        control: median(seen.raw[provider] ?? []),
        unit: 'ms',
        note: `control: the openai SDK alone, its ${provider === 'openai' ? 'first' : 'second'} chat completion; worst raw ${Math.max(...(seen.raw[provider] ?? [])).toFixed(1)} ms`,
      });
    return [...rows, raw('openai'), raw('openai (second call)')] satisfies Figure[];
  },
};
