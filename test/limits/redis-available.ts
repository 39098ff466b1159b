// Whether the Redis tests can run: the server answers, or (without CI) a reason to skip them.
import { after, before } from 'node:test';
import { Redis } from 'ioredis';

export const REDIS_URL = process.env.AIMETER_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Why Redis tests cannot run here, or undefined when the server answers. Under CI, no answer is a failure. */
export async function redisUnavailable(url = REDIS_URL): Promise<string | undefined> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 3_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    const reason = `Redis at ${url} is unreachable (${(error as Error).message}); set CI to make this a failure`;
    if (process.env.CI) throw new Error(reason, { cause: error });
    return reason;
  } finally {
    client.disconnect();
  }
}

/**
 * Hooks for a describe block of Redis tests whose keys all start with `run`: an admin client for looking at
 * the keys, and afterwards every store in `opened` closed and every key under `run` deleted. Call it inside
 * the describe block.
 */
export function redisFixture(run: string): { admin: () => Redis; opened: { close(): Promise<void> }[] } {
  let client: Redis | undefined;
  const opened: { close(): Promise<void> }[] = [];
  before(() => {
    client = new Redis(REDIS_URL);
  });
  after(async () => {
    await Promise.all(opened.map((s) => s.close()));
    const admin = client!;
    const keys = await admin.keys(`${run}*`);
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
  });
  return { admin: () => client!, opened };
}
