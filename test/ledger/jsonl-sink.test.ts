import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../src/errors/config-error.js';
import { readJsonlLedger } from '../../src/ledger/read-jsonl-ledger.js';
import { jsonlSink } from '../../src/ledger/jsonl-sink.js';
import { usageEvent } from '../support/make-usage-event.js';

const WRITER = fileURLToPath(new URL('../support/children/jsonl-writer.ts', import.meta.url));

describe('jsonlSink', () => {
  let dir: string;
  before(async () => (dir = await mkdtemp(join(tmpdir(), 'aimeter-jsonl-'))));
  after(() => rm(dir, { recursive: true, force: true }));

  it('appends one line per event, creating the folder, and keeps earlier content', async () => {
    const path = join(dir, 'nested', 'usage.jsonl');
    const first = jsonlSink(path);
    await first.writeBatch!([usageEvent({ id: '1' }), usageEvent({ id: '2' })]);
    await first.close!();
    const second = jsonlSink(path, { fsync: 'close' });
    await second.write(usageEvent({ id: '3' }));
    await second.close!();
    const lines = (await readFile(path, 'utf8')).split('\n');
    assert.equal(lines.at(-1), '');
    assert.deepEqual(lines.slice(0, -1).map((l) => (JSON.parse(l) as { id: string }).id), ['1', '2', '3']);
  });

  it('ends a line that a crash cut short before appending, so the new events are whole; each line carries "v":1', async () => {
    const path = join(dir, 'torn.jsonl');
    await writeFile(path, `${JSON.stringify(usageEvent({ id: 'old' }))}\n{"id":"torn","usage":{"req`);
    const sink = jsonlSink(path);
    await sink.writeBatch!([usageEvent({ id: 'new-1' }), usageEvent({ id: 'new-2' })]);
    await sink.close!();
    const lines = (await readFile(path, 'utf8')).split('\n');
    assert.deepEqual(lines.slice(1), ['{"id":"torn","usage":{"req', lines[2], lines[3], '']);
    assert.deepEqual([lines[2], lines[3]].map((l) => JSON.parse(l!) as { id: string; v: number }).map((e) => [e.v, e.id]), [[1, 'new-1'], [1, 'new-2']]);
    const ids: string[] = [];
    for await (const event of readJsonlLedger(path, { onWarning: () => undefined })) ids.push(event.id);
    assert.deepEqual(ids, ['old', 'new-1', 'new-2']);
  });

  it('loses nothing when four processes append to one file at once', async () => {
    const path = join(dir, 'shared.jsonl');
    const writers = [0, 1, 2, 3].map((n) => spawn(process.execPath, ['--import', 'tsx', WRITER, path, `w${n}`, '500'], { stdio: 'inherit' }));
    const codes = await Promise.all(writers.map((child) => new Promise((resolve) => child.once('exit', resolve))));
    assert.deepEqual(codes, [0, 0, 0, 0]);
    const ids = new Set<string>();
    for await (const event of readJsonlLedger(path)) ids.add(event.id);
    assert.equal(ids.size, 2000);
  });

  it('refuses bad options with a ConfigError naming the field', () => {
    assert.throws(() => jsonlSink(''), (e: unknown) => ConfigError.isInstance(e) && e.field === 'path');
    // @ts-expect-error: not a policy
    assert.throws(() => jsonlSink('x.jsonl', { fsync: 'sometimes' }), (e: unknown) => ConfigError.isInstance(e) && e.field === 'fsync');
  });
});
