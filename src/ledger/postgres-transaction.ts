import type { PostgresPool, PostgresPoolClient } from './postgres-pool.js';

/**
 * Runs `work` in a transaction opened by `begin` on one client: COMMIT when it resolves, ROLLBACK when it
 * throws. A client whose ROLLBACK failed is discarded rather than returned to the pool mid-transaction.
 */
export async function inTransaction<T>(pool: PostgresPool, begin: string, work: (client: PostgresPoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
