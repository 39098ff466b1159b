// Setup and cleanup shared by the describe blocks of Redis tests.
import { after, before } from 'node:test';
import { Redis } from 'ioredis';
import type { LimitStore } from '../../src/limits/stores/limit-store.js';
import { redisStore } from '../../src/limits/stores/redis/redis-store.js';
import { REDIS_URL } from './redis-available.js';

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

/**
 * A factory of Redis stores under `run` for a describe block: each store it makes is closed, and every key under
 * `run` deleted, after the block (see {@link redisFixture}). Call it inside the describe block.
 */
export function redisStores(run: string): () => LimitStore {
  const { opened } = redisFixture(run);
  return () => {
    const store = redisStore({ url: REDIS_URL, prefix: run });
    opened.push(store);
    return store;
  };
}
