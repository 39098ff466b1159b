import pg from 'pg';

/** The test server: `AIMETER_TEST_POSTGRES_URL`, else postgres@127.0.0.1:5432/test. */
export const POSTGRES_URL = process.env.AIMETER_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Why PostgreSQL tests cannot run here (a reason for `skip`), or undefined when the server answers. Under CI,
 * no answer is a failure instead.
 */
export async function postgresUnavailable(url = POSTGRES_URL): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    const reason = `PostgreSQL at ${url} is unreachable (${(error as Error).message}); set CI to make this a failure`;
    if (process.env.CI) throw new Error(reason, { cause: error });
    return reason;
  } finally {
    await client.end().catch(() => undefined);
  }
}
