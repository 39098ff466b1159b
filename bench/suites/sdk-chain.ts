import { join } from 'node:path';
import { elevenlabs, gemini, openai } from '../lib/aimeter.js';
import { startSimulator } from '../../src/simulator/start-simulator.js';
import { createChain, FULL_CHAIN, type Chain } from '../lib/chain.js';
import { figure, type Figure } from '../lib/figure.js';
import { fakeKeys } from '../lib/fixtures.js';
import { runPaired } from '../lib/paired.js';
import { pairedDiff, quantile } from '../lib/stats.js';
import type { Suite } from '../lib/suite.js';
import { operationArms, type OperationArms } from './sdk-arms.js';

const SUITE = 'sdk vs chain (simulator)';
const WIDE = 64;

/**
 * Raw SDK calls against the chain's, both through one simulator in this process: per operation, the paired
 * added latency and the throughput ratio at concurrency 1 and 64.
 */
export const sdkChainSuite: Suite = {
  name: SUITE,
  async run(ctx) {
    const sim = await startSimulator();
    const keys = fakeKeys();
    // Each wrapped arm drives the very SDK its raw arm calls: the seed generation (`@google/generative-ai`,
    // `elevenlabs` 1.x) in one client and the current one (`@google/genai`, `@elevenlabs/elevenlabs-js` 2.x) in
    // another, each adapter pinned to its SDK (left to choose, the adapters take the current one when installed).
    const providers = (generation: 'seed' | 'current') => ({
      openai: openai({ baseURL: sim.openaiBaseURL }),
      gemini: gemini({ baseURL: sim.geminiBaseUrl, sdk: generation === 'seed' ? '@google/generative-ai' : '@google/genai' }),
      elevenlabs: elevenlabs({ baseURL: sim.elevenlabsBaseUrl, sdk: generation === 'seed' ? 'elevenlabs' : '@elevenlabs/elevenlabs-js' }),
    });
    const chain = createChain(providers('seed'), keys, FULL_CHAIN(join(ctx.tmpDir, 'sdk-chain.jsonl')));
    const current = createChain(providers('current'), keys, FULL_CHAIN(join(ctx.tmpDir, 'sdk-chain-current.jsonl')));
    const figures: Figure[] = [];
    const wrappedCalls = new Map<Chain, number>([[chain, 0], [current, 0]]);
    try {
      for (const arms of operationArms(sim, { seed: chain, current }, keys)) {
        await warm(arms);
        const counted = (calls: number) => wrappedCalls.set(arms.chain, wrappedCalls.get(arms.chain)! + calls);
        counted(10);
        for (const concurrency of [1, WIDE]) {
          const iterations = concurrency === 1 ? ctx.sizes.pairedSerial : ctx.sizes.pairedBursts;
          ctx.log(`${arms.name} c=${concurrency}: ${iterations} × ${concurrency} pairs`);
          figures.push(...(await measure(arms, iterations, concurrency)));
          counted(iterations * concurrency);
          sim.reset(); // the request log would otherwise grow for the whole run
        }
      }
      for (const [c, calls] of wrappedCalls) await c.check(calls);
    } finally {
      await Promise.all([chain.ai.close(), current.ai.close()]);
      await sim.close();
    }
    return figures;
  },
};

async function warm(arms: OperationArms): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.all([arms.raw(), arms.wrapped()]);
}

async function measure(arms: OperationArms, iterations: number, concurrency: number): Promise<Figure[]> {
  const samples = await runPaired(arms.raw, arms.wrapped, iterations, concurrency);
  const added = pairedDiff(samples.raw, samples.wrapped);
  const calls = samples.raw.length;
  const name = `${arms.name} c=${concurrency}`;
  const latency = (q: number, label: string): Figure =>
    figure({ suite: SUITE, name: `${name} added latency ${label}`, value: quantile(added, q) * 1000, control: quantile(samples.raw, q) * 1000, unit: 'µs' });
  return [
    latency(0.5, 'p50'),
    latency(0.99, 'p99'),
    figure({
      suite: SUITE,
      name: `${name} throughput`,
      value: (calls * 1000) / samples.wrappedWallMs,
      control: (calls * 1000) / samples.rawWallMs,
      unit: 'calls/s',
      ...(concurrency === WIDE ? { target: { op: '>=', value: 0.95, on: 'ratio' } as const } : {}),
    }),
  ];
}
