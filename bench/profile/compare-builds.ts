// `npx tsx bench/profile/compare-builds.ts <build A's dist/> <build B's dist/> [--blocks 60] [--calls 400]`: the
// fetch-free full default chain (memory + JSONL sinks, a usage listener) of two builds, e.g. copies of dist/ taken
// before and after a change (`cp -r dist /tmp/before/dist`, with /tmp/before/node_modules a link to this tree's
// node_modules so its imports resolve), and the raw SDK, in one process: blocks of sequential calls, the three
// arms in a random order each round, each block charged the process's CPU time. Both builds load from their
// paths (neither is the bench's own import of dist/: that one measured ~8 µs/call slower than an identical copy).
// Prints each build's added CPU per call over the raw SDK (median of the rounds' paired differences), its ratio
// to raw's own, and B − A.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { openai } from '../lib/aimeter.js';
import { createChain, FULL_CHAIN, type ChainKit } from '../lib/chain.js';
import { CHAT_REPLY, fetchFreeClient, JSON_TYPE } from '../lib/fake-fetch.js';
import { MESSAGES, MODELS, OPENAI_MESSAGES } from '../lib/fixtures.js';
import { yieldToLoop } from '../lib/paired.js';
import { median } from '../lib/stats.js';

type Bundle = ChainKit & { readonly openai: typeof openai };

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}

async function arm(bundle: Bundle, jsonlPath: string): Promise<() => Promise<unknown>> {
  const client = fetchFreeClient(CHAT_REPLY, JSON_TYPE);
  const chain = createChain({ openai: bundle.openai({ client }) }, {}, FULL_CHAIN(jsonlPath), bundle);
  await chain.ai.ready();
  return () => chain.ai.chat({ model: `openai:${MODELS.openaiChat}`, messages: MESSAGES });
}

function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

async function main(): Promise<void> {
  const [a, b] = process.argv.slice(2, 4);
  if (!a || !b || a.startsWith('--') || b.startsWith('--')) throw new Error('usage: compare-builds.ts <A dist/> <B dist/> [--blocks N] [--calls N]');
  const [blocks, calls] = [option('blocks', 60), option('calls', 400)];
  const dir = mkdtempSync(join(tmpdir(), 'aimeter-compare-'));
  try {
    const load = async (dist: string): Promise<Bundle> => (await import(pathToFileURL(join(resolve(dist), 'index.js')).href)) as Bundle;
    const client = fetchFreeClient(CHAT_REPLY, JSON_TYPE);
    const arms = {
      raw: () => client.chat.completions.create({ model: MODELS.openaiChat, messages: OPENAI_MESSAGES }),
      A: await arm(await load(a), join(dir, 'a.jsonl')),
      B: await arm(await load(b), join(dir, 'b.jsonl')),
    };
    const names = Object.keys(arms) as (keyof typeof arms)[];
    const perCall = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<keyof typeof arms, number[]>;
    for (let b = 0; b < blocks + 5; b++) {
      for (const name of [...names].sort(() => Math.random() - 0.5)) {
        const started = cpuMicros();
        for (let i = 0; i < calls; i++) await arms[name]();
        await yieldToLoop();
        if (b >= 5) perCall[name].push((cpuMicros() - started) / calls); // the first five rounds warm up
      }
    }
    const raw = median(perCall.raw);
    console.log(`raw SDK: ${raw.toFixed(1)} µs/call (${blocks} blocks × ${calls} calls per arm)`);
    for (const [name, dist] of [['A', a], ['B', b]] as const) {
      const added = median(perCall[name].map((us, i) => us - perCall.raw[i]!));
      console.log(`${name} added ${added.toFixed(2).padStart(6)} µs/call = ${(added / raw).toFixed(3)}× raw  (${dist})`);
    }
    const diff = median(perCall.B.map((us, i) => us - perCall.A[i]!));
    console.log(`B − A: ${diff.toFixed(2)} µs/call (median of paired rounds)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('compare failed:', error);
  process.exitCode = 1;
});
