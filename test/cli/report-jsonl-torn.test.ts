import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, open, readFile, rm, stat, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runReport } from '../../src/cli/report-command.js';
import { jsonlSink } from '../../src/ledger/jsonl-sink.js';
import { usageEvent } from '../support/make-usage-event.js';

const WRITER = fileURLToPath(new URL('../support/children/jsonl-torn-writer.ts', import.meta.url));

/** Runs `aimeter report --format json` on the ledger; its JSON and what it wrote on stderr. */
async function report(path: string): Promise<{ json: { totals: { requests: number } }; stderr: string }> {
  let stdout = '';
  let stderr = '';
  await runReport(['--ledger', path, '--format', 'json'], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { json: JSON.parse(stdout) as { totals: { requests: number } }, stderr };
}

/** The requests a report counted. */
const requests = (json: { totals: { requests: number } }): number => json.totals.requests;

/** Whether the file's last byte is not a newline: its last line was cut short. */
async function endsMidLine(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const { buffer } = await handle.read(Buffer.alloc(1), 0, 1, size - 1);
    return buffer[0] !== 0x0a;
  } finally {
    await handle.close();
  }
}

/** Runs the torn writer on `path` and SIGKILLs it as soon as its second batch starts landing in the file. */
async function killMidWrite(path: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, path, '100000'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ended = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  const started = new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('writing') && resolve()));
  await Promise.race([started, ended.then(() => Promise.reject(new Error('the writer ended before writing')))]);
  const first = (await stat(path)).size;
  while ((await stat(path)).size === first) await new Promise((resolve) => setTimeout(resolve, 1));
  child.kill('SIGKILL');
  assert.equal(await ended, 'SIGKILL');
}

describe('a JSON Lines ledger whose last line a crash cut short', () => {
  let dir: string;
  before(async () => (dir = await mkdtemp(join(tmpdir(), 'aimeter-torn-'))));
  after(() => rm(dir, { recursive: true, force: true }));

  it('is repaired by the restarted sink: report counts every whole event and warns about the fragment', async () => {
    const path = join(dir, 'usage.jsonl');
    const before = jsonlSink(path);
    await before.writeBatch!([1, 2, 3, 4, 5].map((n) => usageEvent({ id: `before-${n}` })));
    await before.close!();
    // What a kill during the last write leaves: line 5 cut in the middle, no newline.
    await truncate(path, (await stat(path)).size - 40);
    const restarted = jsonlSink(path);
    await restarted.writeBatch!([usageEvent({ id: 'after-1' }), usageEvent({ id: 'after-2' })]);
    await restarted.close!();

    const lines = (await readFile(path, 'utf8')).split('\n');
    assert.equal(lines.length, 8); // 4 whole, the fragment, 2 new, and the empty string after the last newline
    assert.equal((JSON.parse(lines[5]!) as { id: string; v: number }).id, 'after-1');
    const { json, stderr } = await report(path);
    assert.equal(requests(json), 6);
    assert.match(stderr, /usage\.jsonl line 5: skipped a record cut short by a crash/);
  });

  it('survives a real writer killed with SIGKILL in the middle of a large batch', async () => {
    const path = join(dir, 'killed.jsonl');
    let torn = false;
    // Killed once the file grows past the first batch: while the second batch's write() is under way.
    for (let round = 0; round < 5 && !torn; round++) {
      await killMidWrite(path);
      torn = await endsMidLine(path);
    }
    assert.ok(torn, 'no round left a torn line: the test would test nothing');
    const restarted = jsonlSink(path);
    await restarted.write(usageEvent({ id: 'after-kill' }));
    await restarted.close!();
    const { json, stderr } = await report(path);
    // The writer's ids repeat from batch to batch: 100 000 distinct ones at most, all whole, plus the new event.
    assert.ok(requests(json) >= 2);
    assert.match(stderr, /skipped a record cut short by a crash/);
    const last = (await readFile(path, 'utf8')).trimEnd().split('\n').at(-1)!;
    assert.equal((JSON.parse(last) as { id: string }).id, 'after-kill');
  });
});
