import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { runReport } from '../../src/cli/report-command.js';
import { ConfigError } from '../../src/errors/config-error.js';
import { LedgerUnreadableError } from '../../src/errors/ledger-unreadable-error.js';
import { postgresLedger } from '../../src/ledger/postgres-ledger.js';
import { readAll } from '../support/ledger-contract.js';
import { usageEvent } from '../support/make-usage-event.js';
import { POSTGRES_URL, postgresUnavailable } from '../support/postgres-available.js';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('../support/children/postgres-silent-close.ts', import.meta.url));

/** A TCP server on 127.0.0.1 that accepts every connection and never says a word. */
async function silentServer(): Promise<{ server: Server; url: string; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { server, sockets, url: `postgres://postgres@127.0.0.1:${port}/test` };
}

describe('postgresLedger against a server that accepts connections and never answers', () => {
  let silent: Awaited<ReturnType<typeof silentServer>>;
  before(async () => (silent = await silentServer()));
  after(() => {
    for (const socket of silent.sockets) socket.destroy();
    silent.server.close();
  });

  it('open() rejects with LedgerUnreadableError once the connection timeout passes', async () => {
    const ledger = postgresLedger(silent.url, { connectionTimeoutMs: 200 });
    await assert.rejects(ledger.open(), (e: unknown) => LedgerUnreadableError.isInstance(e) && /cannot be opened/.test(e.message));
    await ledger.close();
  });

  it('close() ends, and the process exits on its own, while a write waits on the silent server', async () => {
    // A child that would never exit is killed by the timeout, which fails the test.
    const { stdout } = await run(process.execPath, ['--import', 'tsx', CHILD, silent.url], { timeout: 30_000 });
    assert.equal(stdout, 'rejected ledger_unreadable\nclosed\n');
  });

  it('refuses bad timeouts with a ConfigError naming the field', () => {
    for (const field of ['connectionTimeoutMs', 'statementTimeoutMs'] as const) {
      for (const value of [0, -1, 1.5, Number.NaN]) {
        assert.throws(() => postgresLedger(silent.url, { [field]: value }), (e: unknown) => ConfigError.isInstance(e) && e.field === field);
      }
    }
  });
});

describe('postgresLedger open() against a server that refuses connections', () => {
  it('rejects with LedgerUnreadableError, the driver error as its cause', async () => {
    const closed = await silentServer();
    closed.server.close(); // the port is free now: connections are refused
    const ledger = postgresLedger(closed.url, { connectionTimeoutMs: 2000 });
    await assert.rejects(ledger.open(), (e: unknown) => LedgerUnreadableError.isInstance(e) && (e.cause as { code?: string }).code === 'ECONNREFUSED');
    await ledger.close();
  });
});

const skip = await postgresUnavailable();
const SCHEMA = `aimeter_access_${process.pid}_${randomBytes(4).toString('hex')}`;
const ROLE = `aimeter_reader_${process.pid}_${randomBytes(4).toString('hex')}`;

describe('postgresLedger and aimeter report through a read-only role', { skip }, () => {
  let admin: pg.Pool;
  const readerUrl = (): string => {
    const url = new URL(POSTGRES_URL);
    url.username = ROLE;
    url.password = '';
    return url.toString();
  };
  before(async () => {
    admin = new pg.Pool({ connectionString: POSTGRES_URL });
    await admin.query(`CREATE SCHEMA ${SCHEMA}`);
    const writer = postgresLedger(POSTGRES_URL, { schema: SCHEMA, table: 'usage' });
    await writer.writeBatch([usageEvent({ id: 'a' }), usageEvent({ id: 'b' })]);
    await writer.close();
    await admin.query(`CREATE ROLE ${ROLE} LOGIN`);
    await admin.query(`GRANT USAGE ON SCHEMA ${SCHEMA} TO ${ROLE}`);
    await admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${SCHEMA} TO ${ROLE}`);
    await admin.query(`REVOKE CREATE ON SCHEMA public FROM ${ROLE}`);
  });
  after(async () => {
    await admin.query(`DROP SCHEMA ${SCHEMA} CASCADE`);
    await admin.query(`DROP OWNED BY ${ROLE}`);
    await admin.query(`DROP ROLE ${ROLE}`);
    await admin.end();
  });

  it('aimeter report reads the ledger with only SELECT granted', async () => {
    let stdout = '';
    const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true } };
    await runReport(['--ledger', readerUrl(), '--schema', SCHEMA, '--table', 'usage', '--format', 'json'], io);
    assert.equal((JSON.parse(stdout) as { totals: { requests: number } }).totals.requests, 2);
  });

  it('a readOnly ledger reads without writing, refuses to write, and names a missing table', async () => {
    const reader = postgresLedger(readerUrl(), { schema: SCHEMA, table: 'usage', readOnly: true });
    assert.deepEqual((await readAll(reader)).map((e) => e.id).sort(), ['a', 'b']);
    await assert.rejects(reader.write(usageEvent()), (e: unknown) => ConfigError.isInstance(e) && e.field === 'readOnly');
    await reader.close();
    const missing = postgresLedger(readerUrl(), { schema: SCHEMA, table: 'nope', readOnly: true });
    await assert.rejects(missing.open(), (e: unknown) => LedgerUnreadableError.isInstance(e) && /no aimeter ledger table/.test(e.message));
    await missing.close();
    const tables = await admin.query(`SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY 1`, [SCHEMA]);
    assert.deepEqual(tables.rows.map((r: { tablename: string }) => r.tablename), ['usage', 'usage_schema']);
  });

  it('open() rejects with LedgerUnreadableError over a foreign table of the same name (42P07)', async () => {
    await admin.query(`CREATE TABLE ${SCHEMA}.foreign_usage (x int)`);
    const ledger = postgresLedger(POSTGRES_URL, { schema: SCHEMA, table: 'foreign_usage' });
    await assert.rejects(ledger.open(), (e: unknown) => LedgerUnreadableError.isInstance(e) && (e.cause as { code?: string }).code === '42P07' && /not an aimeter ledger/.test(e.message));
    await ledger.close();
  });
});
