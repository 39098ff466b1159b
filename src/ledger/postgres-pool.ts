/**
 * The part of a `pg` pool client the ledger uses.
 *
 * @example
 * ```ts
 * const client: PostgresPoolClient = await pool.connect();
 * client.release();
 * ```
 */
export interface PostgresPoolClient {
  /** Runs one statement. */
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /** Returns the client to the pool; with an error, the pool discards it. */
  release(error?: Error | boolean): void;
}

/**
 * The part of a `pg` `Pool` the ledger uses: pass your own `new Pool(...)`.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * const pool: PostgresPool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * ```
 */
export interface PostgresPool {
  /** Runs one statement on any client. */
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /** Checks a client out, for a transaction. */
  connect(): Promise<PostgresPoolClient>;
  /** Closes every client. */
  end(): Promise<void>;
}
