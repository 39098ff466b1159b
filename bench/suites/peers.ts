import { join } from 'node:path';
import { figure, type Figure, type Target } from '../lib/figure.js';
import { runArmBlocks, type ArmSamples } from '../lib/multi-arm.js';
import { createOtelPeer, type OtelPeer } from '../lib/otel-peer.js';
import { peerVersions } from '../lib/peer-versions.js';
import { median, pairedDiff } from '../lib/stats.js';
import type { Suite, SuiteContext } from '../lib/suite.js';
import { ARM, peerArms, PLAIN, STREAMED, type Shape } from './peer-arms.js';

const SUITE = 'peers (fetch-free CPU per call)';

/**
 * Rounds (one block per arm each), calls per block and the warm-up's calls per arm (V8 optimizes each arm's code
 * only after some hundred calls), per shape. Both shapes have as many calls per block: the sinks write one batch
 * per block (a fetch-free call never yields to the event loop), so their per-batch costs are spread alike. Full:
 * about a minute and a half of CPU on a quiet machine.
 */
const SIZES = {
  quick: { plain: { rounds: 80, calls: 20, warmCalls: 400 }, streamed: { rounds: 30, calls: 20, warmCalls: 80 } },
  full: { plain: { rounds: 200, calls: 50, warmCalls: 2000 }, streamed: { rounds: 80, calls: 50, warmCalls: 400 } },
} as const;

const RATIO = (op: Target['op'], value: number): Target => ({ op, value, on: 'ratio' });
/** Targets of issue 21 on added CPU ÷ the raw SDK call's own CPU. */
const TARGETS: Partial<Record<string, Target>> = { [ARM.full]: RATIO('<=', 0.25), [ARM.keysMeter]: RATIO('<=', 0.1) };

/**
 * What a user would otherwise pick to meter the same OpenAI chat call, side by side in one process: the raw SDK
 * (control), aimeter's chain (keys and meter only; the full default chain without and with its sinks), the
 * OpenTelemetry instrumentation of the SDK (spans and metrics; without and with a context manager) and the AI
 * SDK with a metering middleware. Every arm gets the same prepared replies through a fake `fetch`, a plain
 * completion and a streamed one; blocks of all arms run in a fresh random order each round, each charged its CPU
 * time with its own flush, and each arm's added CPU per call is its block minus the raw arm's block of that round.
 */
export const peersSuite: Suite = {
  name: SUITE,
  async run(ctx) {
    ctx.log(`peers: ${Object.entries(peerVersions(ctx.repoRoot)).map(([name, version]) => `${name} ${version}`).join(', ')}`);
    const otel = createOtelPeer();
    try {
      const figures: Figure[] = [];
      for (const shape of [PLAIN, STREAMED]) figures.push(...(await measure(ctx, shape, otel)));
      return figures;
    } finally {
      await otel.close();
    }
  },
};

async function measure(ctx: SuiteContext, shape: Shape, otel: OtelPeer): Promise<Figure[]> {
  const { arms, close } = peerArms(shape, otel, join(ctx.tmpDir, `peers-${shape.streamed ? 'stream' : 'chat'}.jsonl`));
  const { rounds, calls, warmCalls } = SIZES[ctx.quick ? 'quick' : 'full'][shape.streamed ? 'streamed' : 'plain'];
  try {
    const warmRounds = Math.ceil(warmCalls / calls);
    ctx.log(`peers ${shape.name}: ${arms.length} arms, ${warmRounds} + ${rounds} rounds × ${calls} calls`);
    await runArmBlocks(arms, warmRounds, calls); // warm-up, discarded
    return figures(shape, await runArmBlocks(arms, rounds, calls));
  } finally {
    await close();
  }
}

function figures(shape: Shape, samples: ArmSamples): Figure[] {
  const raw = samples.get(ARM.raw)!;
  const added = (arm: string): number => median(pairedDiff(raw, samples.get(arm)!));
  const common = { suite: SUITE, unit: 'µs/call', control: median(raw) } as const;
  const out: Figure[] = [];
  for (const arm of samples.keys()) {
    if (arm === ARM.raw) continue;
    const target = TARGETS[arm];
    out.push(figure({ ...common, name: `${shape.name}: ${arm}, added CPU p50`, value: added(arm), ...(target ? { target } : {}) }));
  }
  const [cheapest, otelAdded] = [ARM.otel, ARM.otelContext].map((arm) => [arm, added(arm)] as const).sort((a, b) => a[1] - b[1])[0]!;
  // The target is on the chain with its durable JSONL ledger; the memory-sink chain stores events as the OTel arms
  // store spans (in memory), the like-for-like comparison.
  for (const arm of [ARM.full, ARM.fullMemory]) {
    out.push(
      figure({
        suite: SUITE,
        name: `${shape.name}: ${arm} vs the cheapest OTel arm (${cheapest}), added CPU p50`,
        value: added(arm),
        control: otelAdded,
        unit: 'µs/call',
        ...(arm === ARM.full ? { target: RATIO('<', 1) } : {}),
      }),
    );
  }
  return out;
}
