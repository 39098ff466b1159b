import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { createLimiter } from '../../dist/limits/limiter.js';
import { redisStore } from '../../dist/limits/stores/redis/redis-store.js';
import { figure, type Figure } from '../lib/figure.js';
import { runBlocks, runPaired } from '../lib/paired.js';
import { median } from '../lib/stats.js';
import type { Suite, SuiteContext } from '../lib/suite.js';

const SUITE = 'limiter';
const REDIS_URL = 'redis://127.0.0.1:6379';
/** One counter every call fits in: both arms measure admitted decisions in a fixed minute, as rate-limiter-flexible counts. */
const POLICY = { name: 'rpm', unit: 'requests', limit: 1e12, window: { unit: 'minute', type: 'fixed' } } as const;
const SUBJECT = { provider: 'openai', model: 'gpt-4o-mini', operation: 'chat' } as const;
const ONE = { requests: 1 };
/** Calls in flight at once against Redis, as a busy fleet process has them: ioredis pipelines them. */
const CONCURRENCY = 256;
const NOTE = 'one decision = acquire, then settle of 1 request (a fixed-minute policy); control: consume(1) of rate-limiter-flexible';
/** One decision, as a caller chains it: acquire, then settle what was used. */
const settleOne = (reservation: { settle(actual: typeof ONE): Promise<void> }): Promise<void> => reservation.settle(ONE);

/**
 * Decisions per second of the limiter on the memory store (sequential calls, in alternating blocks) and on the
 * Redis store (bursts of 256 calls in flight, ioredis auto-pipelining), each beside rate-limiter-flexible's
 * RateLimiterMemory / RateLimiterRedis `consume()` in the same run. Issue 21's targets are those ratios: memory
 * at least 1.0×, Redis at least 1.5×.
 */
export const limiterSuite: Suite = {
  name: SUITE,
  async run(ctx) {
    return [await memoryDecisions(ctx), await redisDecisions(ctx)];
  },
};

async function memoryDecisions(ctx: SuiteContext): Promise<Figure> {
  const limiter = createLimiter({ policies: [POLICY] });
  const control = new RateLimiterMemory({ points: POLICY.limit, duration: 60 });
  const ours = (): Promise<void> => limiter.acquire(SUBJECT, ONE).then(settleOne);
  const theirs = () => control.consume('openai', 1);
  const [blocks, calls] = ctx.quick ? [20, 2_000] : [200, 10_000];
  ctx.log(`limiter memory: ${blocks} blocks × ${calls} decisions per arm`);
  await runBlocks(theirs, ours, Math.max(4, blocks / 10), calls);
  const samples = await runBlocks(theirs, ours, blocks, calls);
  await limiter.close();
  const perSecond = (microseconds: number): number => 1e6 / microseconds;
  return figure({
    suite: SUITE,
    name: 'in-memory limiter decisions',
    value: perSecond(median(samples.wrapped)),
    control: perSecond(median(samples.raw)),
    unit: 'decisions/s',
    target: { op: '>=', value: 1, on: 'ratio' },
    note: NOTE,
  });
}

async function redisDecisions(ctx: SuiteContext): Promise<Figure> {
  const common = { suite: SUITE, name: 'Redis limiter decisions', unit: 'decisions/s', target: { op: '>=', value: 1.5, on: 'ratio' } } as const;
  const client = new Redis(REDIS_URL, { enableAutoPipelining: true, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    const note = `limiter: Redis skipped, ${REDIS_URL} unreachable (${error instanceof Error ? error.message : String(error)})`;
    console.log(note);
    return figure({ ...common, value: undefined, note });
  }
  const prefix = `aimeter-bench:${process.pid}:`;
  const limiter = createLimiter({ policies: [POLICY], store: redisStore({ url: REDIS_URL, prefix }) });
  const control = new RateLimiterRedis({ storeClient: client, points: POLICY.limit, duration: 60, keyPrefix: `${prefix}rlf` });
  const ours = (): Promise<void> => limiter.acquire(SUBJECT, ONE).then(settleOne);
  const theirs = () => control.consume('openai', 1);
  const iterations = ctx.quick ? 10 : 100;
  ctx.log(`limiter redis: ${iterations} bursts × ${CONCURRENCY} decisions per arm`);
  try {
    // Half as many bursts again to warm up: the batching store's code reaches full speed after about 40.
    await runPaired(theirs, ours, Math.max(2, iterations / 2), CONCURRENCY);
    const samples = await runPaired(theirs, ours, iterations, CONCURRENCY);
    const perSecond = (wallMs: number): number => (iterations * CONCURRENCY * 1000) / wallMs;
    return figure({ ...common, value: perSecond(samples.wrappedWallMs), control: perSecond(samples.rawWallMs), note: `${NOTE}; ${CONCURRENCY} in flight` });
  } finally {
    await limiter.close();
    const keys = await client.keys(`${prefix}*`);
    if (keys.length > 0) await client.del(...keys);
    await client.quit();
  }
}
