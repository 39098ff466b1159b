// A child process of the memory suite: one arm, `calls` fetch-free chat calls, growth printed as JSON.
import { GCProfiler, getHeapStatistics } from 'node:v8';
import { openai } from '../lib/aimeter.js';
import { createChain } from '../lib/chain.js';
import { CHAT_REPLY, fetchFreeClient, JSON_TYPE } from '../lib/fake-fetch.js';
import { MESSAGES, MODELS, OPENAI_MESSAGES } from '../lib/fixtures.js';
import { yieldToLoop } from '../lib/paired.js';

const [arm, countArg, warmArg, heapArg] = process.argv.slice(2);
const calls = Number(countArg);
/** Calls over which the JS heap's allocation is counted, after the growth run. */
const heapCalls = Number(heapArg ?? 100_000);
const CLEAR_EVERY = 10_000;
const WARM_CALLS = 5_000;
/**
 * The warm-up also lasts longer than the chain's longest window (the limiter's sliding minute fills its buckets
 * over 60 s), so the baseline already holds every bounded structure at its steady size and the growth measured
 * is what keeps growing. The suite passes a short one in quick mode, which only checks the harness runs.
 */
const WARM_MS = Number(warmArg ?? 61_000);

const client = fetchFreeClient(CHAT_REPLY, JSON_TYPE);
const chain = createChain({ openai: openai({ client }) }, {}, { memory: true, listener: true });
const call = arm === 'raw'
  ? () => client.chat.completions.create({ model: MODELS.openaiChat, messages: OPENAI_MESSAGES })
  : () => chain.ai.chat({ model: `openai:${MODELS.openaiChat}`, messages: MESSAGES });

async function loop(count: number): Promise<void> {
  for (let i = 1; i <= count; i++) {
    await call();
    if (i % 1000 === 0) await yieldToLoop(); // lets the sink queue drain, as any server's event loop would
    if (i % CLEAR_EVERY === 0) chain.memory?.clear();
  }
  await chain.ai.flush();
  chain.memory?.clear();
}

function settled(): NodeJS.MemoryUsage {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
  return process.memoryUsage();
}

/**
 * Bytes allocated on the JS heap by `count` calls: what every garbage collection during them freed (V8's
 * `GCProfiler`: used heap before minus after, per GC) plus the change of the used heap from start to end. Run
 * after the growth run, so its records do not count in the RSS growth.
 */
async function allocatedBytes(count: number): Promise<number> {
  const profiler = new GCProfiler();
  const start = getHeapStatistics().used_heap_size;
  profiler.start();
  await loop(count);
  const end = getHeapStatistics().used_heap_size;
  const { statistics } = profiler.stop();
  let freed = 0;
  for (const gc of statistics) freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
  return freed + end - start;
}

const warmStarted = performance.now();
await loop(WARM_CALLS);
while (performance.now() - warmStarted < WARM_MS) await loop(WARM_CALLS);
const before = settled();
const started = performance.now();
await loop(calls);
const seconds = (performance.now() - started) / 1000;
const after = settled();
const heapBytes = await allocatedBytes(heapCalls);
await chain.check(0);
await chain.ai.close();
console.log(JSON.stringify({ arm, calls, seconds, rssMB: (after.rss - before.rss) / 2 ** 20, heapMB: (after.heapUsed - before.heapUsed) / 2 ** 20, heapBytesPerCall: heapBytes / heapCalls }));
