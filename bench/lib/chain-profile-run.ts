import { createChain, FULL_CHAIN } from './chain.js';
import { InProcessProfiler } from './cpu-profile.js';
import { CHAT_REPLY, fetchFreeClient, JSON_TYPE } from './fake-fetch.js';
import { MESSAGES, MODELS, OPENAI_MESSAGES } from './fixtures.js';
import { runBlocks, yieldToLoop } from './paired.js';
import { addTimes, attributeProfile, LAYERS, type Layer, type LayerTimes } from './profile-layers.js';
import { median } from './stats.js';
import type { UnbundledKit } from './unbundled.js';

/** How much to profile. */
export interface ChainProfileSizes {
  /** Rounds of one profiled block per arm, the arms' order alternating, then one unprofiled block per arm. */
  readonly rounds: number;
  /** Sequential calls per block. */
  readonly calls: number;
  /** The profiler's sampling interval, µs. */
  readonly intervalUs: number;
}

/** Both arms' samples by layer, summed over the rounds, and each arm's CPU per call without the profiler. */
export interface ChainProfile {
  readonly raw: LayerTimes;
  readonly chain: LayerTimes;
  /** µs of CPU per call (median of the unprofiled blocks). */
  readonly rawCpuUs: number;
  readonly chainCpuUs: number;
}

/** One layer's µs of CPU per call in each arm and the chain's added µs. */
export interface LayerRow {
  readonly layer: Layer;
  readonly rawUs: number;
  readonly chainUs: number;
  readonly addedUs: number;
}

/**
 * Profiles fetch-free chat calls of the raw SDK and of the full default chain (memory + JSONL sinks, a usage
 * listener), built from a per-file build (`kit`) so frames name their source files. After the preload and a warm-up
 * block per arm (under the profiler, its profile discarded: code V8 optimizes while the profiler is on keeps the
 * positions that charge a sample to the function inlined there rather than to its caller), each round profiles
 * one block of each arm, then times three unprofiled blocks of each (CPU time): the profiler's sampling costs a
 * good share of the CPU, so each arm's samples only give the shares, and its unprofiled CPU per call the µs.
 * A block ends with one turn of the event loop, so the sinks' deferred drains are inside it.
 */
export async function profileChain(sizes: ChainProfileSizes, jsonlPath: string, kit: UnbundledKit): Promise<ChainProfile> {
  const client = fetchFreeClient(CHAT_REPLY, JSON_TYPE);
  const chain = createChain({ openai: kit.openai({ client }) }, {}, FULL_CHAIN(jsonlPath), kit);
  const raw = () => client.chat.completions.create({ model: MODELS.openaiChat, messages: OPENAI_MESSAGES });
  const wrapped = async () => {
    const reply = await chain.ai.chat({ model: `openai:${MODELS.openaiChat}`, messages: MESSAGES });
    if (reply.usage.outputTokens?.value !== 12) throw new Error('chain profile: usage not read from the reply');
  };
  const block = (call: () => Promise<unknown>) => async () => {
    for (let i = 0; i < sizes.calls; i++) await call();
    await yieldToLoop();
  };
  await chain.ai.ready();
  const profiler = await InProcessProfiler.open(sizes.intervalUs);
  let rawTimes: LayerTimes | undefined;
  let chainTimes: LayerTimes | undefined;
  const cpu = { raw: [] as number[], wrapped: [] as number[] };
  try {
    await profiler.run(async () => {
      await block(raw)();
      await block(wrapped)();
    });
    for (let round = 0; round < sizes.rounds; round++) {
      const arms = [
        async () => (rawTimes = addTimes(rawTimes, attributeProfile(await profiler.run(block(raw))))),
        async () => (chainTimes = addTimes(chainTimes, attributeProfile(await profiler.run(block(wrapped))))),
      ];
      for (const arm of round % 2 === 0 ? arms : arms.reverse()) await arm();
      const timed = await runBlocks(raw, wrapped, 3, sizes.calls, 'cpu');
      cpu.raw.push(...timed.raw);
      cpu.wrapped.push(...timed.wrapped);
    }
    await chain.check((4 * sizes.rounds + 1) * sizes.calls);
  } finally {
    await profiler.close();
    await chain.ai.close();
  }
  return { raw: rawTimes!, chain: chainTimes!, rawCpuUs: median(cpu.raw), chainCpuUs: median(cpu.wrapped) };
}

/** µs per call of one arm's share of its samples: a layer's, or a function's. */
function perCall(times: LayerTimes, cpuUs: number, samples: number): number {
  return times.total === 0 ? 0 : (samples / times.total) * cpuUs;
}

/** Per layer, µs per call in each arm and the chain's added µs (chain − raw), in LAYERS order. */
export function layerRows(profile: ChainProfile): LayerRow[] {
  return LAYERS.map((layer) => {
    const rawUs = perCall(profile.raw, profile.rawCpuUs, profile.raw.byLayer.get(layer) ?? 0);
    const chainUs = perCall(profile.chain, profile.chainCpuUs, profile.chain.byLayer.get(layer) ?? 0);
    return { layer, rawUs, chainUs, addedUs: chainUs - rawUs };
  });
}

/** The functions with the most added self time per call (chain − raw) in `layer`, largest first. */
export function topFunctions(profile: ChainProfile, layer: Layer, count: number): [string, number][] {
  const prefix = `${layer} | `;
  const added = new Map<string, number>();
  const add = (times: LayerTimes, cpuUs: number, sign: number): void => {
    for (const [key, samples] of times.byFunction) {
      if (!key.startsWith(prefix)) continue;
      const name = key.slice(prefix.length);
      added.set(name, (added.get(name) ?? 0) + sign * perCall(times, cpuUs, samples));
    }
  };
  add(profile.chain, profile.chainCpuUs, 1);
  add(profile.raw, profile.rawCpuUs, -1);
  return [...added].sort((a, b) => b[1] - a[1]).slice(0, count);
}
