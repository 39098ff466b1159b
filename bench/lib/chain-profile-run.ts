import { createChain, FULL_CHAIN } from './chain.js';
import { InProcessProfiler } from './cpu-profile.js';
import { CHAT_REPLY, fetchFreeClient, JSON_TYPE } from './fake-fetch.js';
import { MESSAGES, MODELS, OPENAI_MESSAGES } from './fixtures.js';
import { yieldToLoop } from './paired.js';
import { addTimes, attributeProfile, LAYERS, type Layer, type LayerTimes } from './profile-layers.js';
import { UNBUNDLED_KIT, unbundledOpenai } from './unbundled.js';

/** How much to profile. */
export interface ChainProfileSizes {
  /** Rounds of one profiled block per arm, the arms' order alternating. */
  readonly rounds: number;
  /** Sequential calls per block. */
  readonly calls: number;
  /** The profiler's sampling interval, µs. */
  readonly intervalUs: number;
}

/** Both arms' attributed times, summed over the rounds, and the calls each arm made under the profiler. */
export interface ChainProfile {
  readonly raw: LayerTimes;
  readonly chain: LayerTimes;
  readonly calls: number;
}

/** One layer's µs of CPU per call in each arm and the chain's added share. */
export interface LayerRow {
  readonly layer: Layer;
  readonly rawUs: number;
  readonly chainUs: number;
  readonly addedUs: number;
}

/**
 * Profiles fetch-free chat calls of the raw SDK and of the full default chain (memory + JSONL sinks, a usage
 * listener), built from the per-file dist so frames name their source files. After a warm-up of one unprofiled
 * block per arm, each round profiles one block of each arm (the order alternates); a block ends with one turn of
 * the event loop, so the sinks' deferred drains are inside it.
 */
export async function profileChain(sizes: ChainProfileSizes, jsonlPath: string): Promise<ChainProfile> {
  const client = fetchFreeClient(CHAT_REPLY, JSON_TYPE);
  const chain = createChain({ openai: unbundledOpenai({ client }) }, {}, FULL_CHAIN(jsonlPath), UNBUNDLED_KIT);
  const raw = () => client.chat.completions.create({ model: MODELS.openaiChat, messages: OPENAI_MESSAGES });
  const wrapped = async () => {
    const reply = await chain.ai.chat({ model: `openai:${MODELS.openaiChat}`, messages: MESSAGES });
    if (reply.usage.outputTokens?.value !== 12) throw new Error('chain profile: usage not read from the reply');
  };
  const block = (call: () => Promise<unknown>) => async () => {
    for (let i = 0; i < sizes.calls; i++) await call();
    await yieldToLoop();
  };
  const profiler = await InProcessProfiler.open(sizes.intervalUs);
  let rawTimes: LayerTimes | undefined;
  let chainTimes: LayerTimes | undefined;
  try {
    await block(raw)();
    await block(wrapped)();
    for (let round = 0; round < sizes.rounds; round++) {
      const arms = [
        async () => (rawTimes = addTimes(rawTimes, attributeProfile(await profiler.run(block(raw))))),
        async () => (chainTimes = addTimes(chainTimes, attributeProfile(await profiler.run(block(wrapped))))),
      ];
      for (const arm of round % 2 === 0 ? arms : arms.reverse()) await arm();
    }
    await chain.check((sizes.rounds + 1) * sizes.calls);
  } finally {
    await profiler.close();
    await chain.ai.close();
  }
  return { raw: rawTimes!, chain: chainTimes!, calls: sizes.rounds * sizes.calls };
}

/** Per layer, µs per call in each arm and the chain's added µs (chain − raw), in LAYERS order. */
export function layerRows(profile: ChainProfile): LayerRow[] {
  const perCall = (times: LayerTimes, layer: Layer): number => (times.byLayer.get(layer) ?? 0) / profile.calls;
  return LAYERS.map((layer) => {
    const rawUs = perCall(profile.raw, layer);
    const chainUs = perCall(profile.chain, layer);
    return { layer, rawUs, chainUs, addedUs: chainUs - rawUs };
  });
}

/** The functions with the most added self time per call (chain − raw) in `layer`, largest first. */
export function topFunctions(profile: ChainProfile, layer: Layer, count: number): [string, number][] {
  const prefix = `${layer} | `;
  const added = new Map<string, number>();
  for (const [key, us] of profile.chain.byFunction) if (key.startsWith(prefix)) added.set(key.slice(prefix.length), us / profile.calls);
  for (const [key, us] of profile.raw.byFunction) {
    if (key.startsWith(prefix)) added.set(key.slice(prefix.length), (added.get(key.slice(prefix.length)) ?? 0) - us / profile.calls);
  }
  return [...added].sort((a, b) => b[1] - a[1]).slice(0, count);
}
