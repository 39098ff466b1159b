import { join } from 'node:path';
import { openai } from '../lib/aimeter.js';
import { createChain, FULL_CHAIN, type ChainParts } from '../lib/chain.js';
import { CHAT_REPLY, fetchFreeClient, JSON_TYPE } from '../lib/fake-fetch.js';
import { figure, type Figure } from '../lib/figure.js';
import { MESSAGES, MODELS, OPENAI_MESSAGES } from '../lib/fixtures.js';
import { runBlocks } from '../lib/paired.js';
import { median, pairedDiff, quantile } from '../lib/stats.js';
import type { Suite, SuiteContext } from '../lib/suite.js';

const SUITE = 'fetch-free CPU per call';

/**
 * The chain's own CPU per call: the SDK gets a fetch that answers at once, the adapter gets that very client,
 * and blocks of sequential `chat.completions.create` and `ai.chat` calls alternate, each charged the CPU time
 * the process spent on it. Four chain variants: keys →
 * meter → adapter alone, then the full default chain (logging, keys, retry, limits, meter) with more and more
 * sinks; the last is the full chain of the simulator suite and carries the target.
 */
export const fetchFreeSuite: Suite = {
  name: SUITE,
  async run(ctx) {
    const variants: [string, ChainParts][] = [
      ['keys → meter → adapter only, no sinks', { memory: false, listener: false, minimal: true }],
      ['full chain, no sinks', { memory: false, listener: false }],
      ['full chain + memory sink + usage listener', { memory: true, listener: true }],
      ['full chain + memory + JSONL sinks + usage listener', FULL_CHAIN(join(ctx.tmpDir, 'fetch-free.jsonl'))],
    ];
    const figures: Figure[] = [];
    for (const [label, parts] of variants) figures.push(...(await variant(ctx, label, parts, parts.jsonlPath !== undefined)));
    return figures;
  },
};

async function variant(ctx: SuiteContext, label: string, parts: ChainParts, targeted: boolean): Promise<Figure[]> {
  const client = fetchFreeClient(CHAT_REPLY, JSON_TYPE);
  const chain = createChain({ openai: openai({ client }) }, {}, parts);
  const raw = () => client.chat.completions.create({ model: MODELS.openaiChat, messages: OPENAI_MESSAGES });
  const wrapped = async () => {
    const reply = await chain.ai.chat({ model: `openai:${MODELS.openaiChat}`, messages: MESSAGES });
    if (reply.usage.outputTokens?.value !== 12) throw new Error('fetch-free chat: usage not read from the reply');
  };
  const { blocks, calls } = { blocks: ctx.sizes.cpuBlocks, calls: ctx.sizes.cpuBlockCalls };
  ctx.log(`fetch-free ${label}: ${blocks} blocks × ${calls} calls per arm`);
  try {
    const warmBlocks = Math.max(4, Math.round(blocks / 10));
    await runBlocks(raw, wrapped, warmBlocks, calls, 'cpu'); // warm-up, discarded
    const samples = await runBlocks(raw, wrapped, blocks, calls, 'cpu');
    await chain.check((warmBlocks + blocks) * calls);
    const added = pairedDiff(samples.raw, samples.wrapped);
    const common = { suite: SUITE, unit: 'µs/call', control: median(samples.raw) } as const;
    return [
      figure({ ...common, name: `${label}: added CPU p50`, value: median(added), ...(targeted ? { target: { op: '<=', value: 10, on: 'value' } as const } : {}) }),
      figure({ ...common, name: `${label}: added CPU p90`, value: quantile(added, 0.9) }),
    ];
  } finally {
    await chain.ai.close();
  }
}
