// Whether the Redis tests can run: the server answers, or (without CI) a reason to skip them.
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

