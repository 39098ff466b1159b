import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('../support/children/exit-flush-child.ts', import.meta.url));
/** A hung child is a failure, not a hung test run. */
const CHILD_LIMIT_MS = 30_000;

interface ChildEnd {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

function runChild(args: string[], killWith?: NodeJS.Signals): Promise<ChildEnd> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    const limit = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child did not exit within ${CHILD_LIMIT_MS} ms; stdout: ${stdout} stderr: ${stderr}`));
    }, CHILD_LIMIT_MS);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (killWith && stdout.includes('ready\n')) child.kill(killWith);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(limit);
      resolve({ code, signal, stderr });
    });
  });
}

async function linesOf(file: string): Promise<{ tags: { turn: string } }[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { tags: { turn: string } });
}

describe('flush on exit (child processes)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aimeter-exit-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal}: events a sink only persists on flush() reach the file, and the process still dies of the signal`, async () => {
      const file = join(dir, `${signal}.jsonl`);
      const end = await runChild(['signal', 'buffer', file], signal);
      assert.equal(end.signal, signal, `expected death by ${signal}; code ${end.code}; stderr: ${end.stderr}`);
      assert.deepEqual((await linesOf(file)).map((e) => e.tags.turn), ['0', '1', '2']);
    });
  }

  it('beforeExit: a process that just ends flushes its events and exits with code 0', async () => {
    const file = join(dir, 'end-buffer.jsonl');
    const end = await runChild(['end', 'buffer', file]);
    assert.equal(end.code, 0, end.stderr);
    assert.deepEqual((await linesOf(file)).map((e) => e.tags.turn), ['0', '1', '2']);
  });

  it('beforeExit: a process that just ends with a file sink doing I/O on flush still exits (no flush loop)', async () => {
    const file = join(dir, 'end-jsonl.jsonl');
    const end = await runChild(['end', 'jsonl', file]);
    assert.equal(end.code, 0, end.stderr);
    assert.deepEqual((await linesOf(file)).map((e) => e.tags.turn), ['0', '1', '2']);
  });
});
