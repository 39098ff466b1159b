import { join } from 'node:path';
import type OpenAI from 'openai';
import { openai } from '../lib/aimeter.js';
import { createChain, FULL_CHAIN, type Chain } from '../lib/chain.js';
import { chatStream, fetchFreeClient, SSE_TYPE } from '../lib/fake-fetch.js';
import { figure } from '../lib/figure.js';
import { MESSAGES, MODELS, OPENAI_MESSAGES } from '../lib/fixtures.js';
import { runBlocks, runPairedValues } from '../lib/paired.js';
import { median, pairedDiff } from '../lib/stats.js';
import type { Suite } from '../lib/suite.js';
import { consume } from './sdk-arms.js';

const SUITE = 'streaming (fetch-free)';
const LONG = 1000;
/** Issue 7's absolute targets here (≤ 20 µs to the first chunk, ≤ 1 µs a chunk) gave way to issue 21's same-run ratio. */
const STREAM_TARGET_NOTE = 'no target of its own: the streamed call\'s target is the peers suite\'s ratio to the raw SDK stream';

/** A raw streamed request and the chain's, over one fetch-free client. */
interface StreamArms {
  readonly raw: () => Promise<AsyncIterable<OpenAI.ChatCompletionChunk>>;
  readonly wrapped: () => ReturnType<Chain['ai']['streamChat']>;
}

/**
 * Streamed chat with every byte at hand: the chain's added time to the first content chunk (elapsed), and its
 * added CPU time per chunk, the slope between a 1-chunk and a 1000-chunk stream (so fixed per-call costs cancel
 * out).
 * Chain: the full default chain with memory and JSONL sinks and a usage listener.
 */
export const streamingSuite: Suite = {
  name: SUITE,
  async run(ctx) {
    const short = arms(1, join(ctx.tmpDir, 'stream-1.jsonl'));
    const long = arms(LONG, join(ctx.tmpDir, `stream-${LONG}.jsonl`));
    try {
      // Counts of their own (not the peers suite's blocks): streams this short need many samples.
      const [iterations, blocks] = ctx.quick ? [150, 30] : [1500, 300];
      ctx.log(`streaming first chunk: ${iterations} pairs; per chunk: ${blocks} blocks`);
      await runPairedValues(() => rawFirst(short), () => wrappedFirst(short), 50); // warm-up
      const first = await runPairedValues(() => rawFirst(short), () => wrappedFirst(short), iterations);
      const perStream = async (a: StreamArms & { chain: Chain }, calls: number) => {
        const samples = await runBlocks(async () => drainRaw(await a.raw()), () => consume(a.wrapped()), blocks, calls, 'cpu');
        return { added: median(pairedDiff(samples.raw, samples.wrapped)), raw: median(samples.raw) };
      };
      const one = await perStream(short, 20);
      const many = await perStream(long, 2);
      await short.chain.check(0);
      await long.chain.check(0);
      return [
        figure({ suite: SUITE, name: 'added time to first chunk p50', value: median(pairedDiff(first.raw, first.wrapped)), control: median(first.raw), unit: 'µs', note: STREAM_TARGET_NOTE }),
        figure({ suite: SUITE, name: 'added CPU per chunk', value: (many.added - one.added) / (LONG - 1), control: (many.raw - one.raw) / (LONG - 1), unit: 'µs/chunk', note: STREAM_TARGET_NOTE }),
        figure({ suite: SUITE, name: 'added CPU per 1-chunk stream (fixed cost)', value: one.added, control: one.raw, unit: 'µs/call' }),
      ];
    } finally {
      await Promise.all([short.chain.ai.close(), long.chain.ai.close()]);
    }
  },
};

function arms(pieces: number, jsonlPath: string): StreamArms & { chain: Chain } {
  const client = fetchFreeClient(chatStream(pieces), SSE_TYPE);
  const chain = createChain({ openai: openai({ client }) }, {}, FULL_CHAIN(jsonlPath));
  return {
    chain,
    raw: () => client.chat.completions.create({ model: MODELS.openaiChat, messages: OPENAI_MESSAGES, stream: true, stream_options: { include_usage: true } }),
    wrapped: () => chain.ai.streamChat({ model: `openai:${MODELS.openaiChat}`, messages: MESSAGES }),
  };
}

/** µs from the request to the first chunk that carries text (the role chunk before it has none), then the rest read. */
async function rawFirst(a: StreamArms): Promise<number> {
  const started = performance.now();
  let first = Number.NaN;
  for await (const chunk of await a.raw()) {
    if (Number.isNaN(first) && chunk.choices[0]?.delta.content) first = performance.now() - started;
  }
  return first * 1000;
}

async function wrappedFirst(a: StreamArms): Promise<number> {
  const started = performance.now();
  let first = Number.NaN;
  const stream = a.wrapped();
  for await (const delta of stream) {
    if (Number.isNaN(first) && delta.text) first = performance.now() - started;
  }
  await stream.final;
  return first * 1000;
}

async function drainRaw(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _chunk of stream);
}
