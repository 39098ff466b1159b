import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { ConfigError } from '../../src/errors/config-error.js';
import { LedgerUnreadableError } from '../../src/errors/ledger-unreadable-error.js';
import { sqliteLedger } from '../../src/ledger/sqlite-ledger.js';
import { readAll } from '../support/ledger-contract.js';
import { usageEvent } from '../support/make-usage-event.js';

const run = promisify(execFile);
const setMode = promisify(chmod);
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
/** Root ignores file permissions: the read-only case runs as `nobody` then, as an unprivileged user would. */
const UNPRIVILEGED = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

describe('sqliteLedger: what it may open, and how', () => {
  let dir: string;
  let n = 0;
  const file = (): string => join(dir, `ledger-${++n}.db`);
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aimeter-sqlite-access-'));
    await setMode(dir, 0o755); // the unprivileged reader must reach the folders inside
  });
  after(async () => {
    await run('chmod', ['-R', 'u+w', dir]);
    await rm(dir, { recursive: true, force: true });
  });

  it('aimeter report reads a WAL ledger on a read-only path, as an unprivileged user', async () => {
    const folder = join(dir, 'read-only');
    const path = join(folder, 'usage.db');
    const ledger = sqliteLedger(path);
    await ledger.writeBatch([usageEvent({ id: 'a' }), usageEvent({ id: 'b' }), usageEvent({ id: 'c' })]);
    await ledger.close();
    // Byte 18 of the header is 2 in WAL mode; read without SQLite, which would leave its -shm file behind.
    assert.equal((await readFile(path))[18], 2);
    assert.deepEqual(await readdir(folder), ['usage.db']);
    await setMode(path, 0o444);
    await setMode(folder, 0o555);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', MAIN, 'report', '--ledger', path, '--format', 'json'], UNPRIVILEGED);
    assert.equal((JSON.parse(stdout) as { totals: { requests: number } }).totals.requests, 3);
    assert.deepEqual(await readdir(folder), ['usage.db']);
  });

  it('readOnly never creates, migrates nor writes, and refuses to write', async () => {
    const missing = file();
    await assert.rejects(sqliteLedger(missing, { readOnly: true }).open(), (e: unknown) => LedgerUnreadableError.isInstance(e));
    assert.equal(existsSync(missing), false);
    const empty = file();
    new Database(empty).close();
    await assert.rejects(sqliteLedger(empty, { readOnly: true }).open(), /without the aimeter ledger table "usage_events"/);
    const path = file();
    const writer = sqliteLedger(path);
    await writer.write(usageEvent({ id: 'kept' }));
    await writer.close();
    const reader = sqliteLedger(path, { readOnly: true });
    assert.deepEqual((await readAll(reader)).map((e) => e.id), ['kept']);
    await assert.rejects(reader.write(usageEvent()), (e: unknown) => ConfigError.isInstance(e) && e.field === 'readOnly');
    await reader.close();
  });

  it('open() rejects with a typed error, not the driver error, on a file that is not a database', async () => {
    const path = file();
    await writeFile(path, 'this is not a SQLite database, just text long enough to have a header...........');
    await assert.rejects(sqliteLedger(path).open(), (e: unknown) => {
      assert.ok(LedgerUnreadableError.isInstance(e));
      assert.match(e.message, /not a SQLite database/);
      return (e.cause as { code?: string }).code === 'SQLITE_NOTADB';
    });
  });

  it("refuses another application's database untouched, unless allowForeignDatabase", async () => {
    const path = file();
    const other = new Database(path);
    other.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices (total) VALUES (12.5)');
    other.pragma('user_version = 7');
    other.close();
    await assert.rejects(sqliteLedger(path).open(), (e: unknown) => LedgerUnreadableError.isInstance(e) && /another application.*"invoices".*allowForeignDatabase/.test(e.message));
    const after = new Database(path, { readonly: true });
    assert.equal(after.pragma('user_version', { simple: true }), 7);
    assert.deepEqual(after.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all(), [{ name: 'invoices' }]);
    after.close();
    const shared = sqliteLedger(file(), { allowForeignDatabase: true });
    await shared.open();
    await shared.close();
    const allowed = sqliteLedger(path, { allowForeignDatabase: true });
    await allowed.write(usageEvent({ id: 'x' }));
    assert.deepEqual((await readAll(allowed)).map((e) => e.id), ['x']);
    await allowed.close();
    assert.throws(() => sqliteLedger(path, { allowForeignDatabase: 'yes' as unknown as boolean }), (e: unknown) => ConfigError.isInstance(e) && e.field === 'allowForeignDatabase');
  });
});
