// SIGTERM under load, end to end: a child process makes many concurrent calls (chats, streams, retried chats)
// through the real OpenAI SDK against the simulator in this process, with a JSONL ledger and nothing but the
// client's exit hook to save it. After SIGTERM, every request the simulator answered must be in the ledger, and
// no provider request may have been sent after the signal.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../../src/simulator/start-simulator.js';
import type { Simulator } from '../../src/simulator/types.js';

const CHILD = fileURLToPath(new URL('../support/children/sigterm-load-child.ts', import.meta.url));
/** A hung child is a failure, not a hung test run. */
const CHILD_LIMIT_MS = 60_000;

interface ChildEnd {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the child and sends it SIGTERM once it printed "ready". */
function runChild(args: string[]): Promise<ChildEnd> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    const limit = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child did not exit within ${CHILD_LIMIT_MS} ms; stderr: ${stderr}`));
    }, CHILD_LIMIT_MS);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!signalled && stdout.includes('ready\n')) {
        signalled = true;
        child.kill('SIGTERM');
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(limit);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** How many times each key occurs. */
function tally(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** The call number the child put in a chat request's only message. */
function callOf(body: unknown): string {
  const content = (body as { messages?: { content?: unknown }[] } | undefined)?.messages?.[0]?.content;
  const match = typeof content === 'string' ? /^call (\d+)$/.exec(content) : null;
  assert.ok(match, `a request the child did not make: ${JSON.stringify(body)}`);
  return match[1]!;
}

describe('SIGTERM under load (child process, real OpenAI SDK, simulator)', () => {
  let dir: string;
  let sim: Simulator;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aimeter-sigterm-'));
    // Latency and chunk pacing keep calls in flight; the failing model keeps retries waiting out their backoff.
    sim = await startSimulator({ latencyMs: 15, chunkIntervalMs: 5 });
    sim.fault({ match: { provider: 'openai', model: 'gpt-4o' }, action: { status: 503 } });
  });
  after(async () => {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('every request the simulator answered is in the ledger, and none was sent after the signal', async () => {
    const file = join(dir, 'usage.jsonl');
    const end = await runChild([sim.openaiBaseURL, file]);
    assert.equal(end.signal, 'SIGTERM', `expected death by SIGTERM; code ${end.code}; stderr: ${end.stderr}`);
    await sim.settled();

    const lines = end.stdout.split('\n');
    const signalAt = lines.indexOf('signal');
    assert.ok(signalAt > 0, `the child saw no signal: ${end.stdout.slice(-500)}`);
    const sentBefore = tally(lines.slice(0, signalAt).filter((l) => l.startsWith('request ')).map((l) => l.slice('request '.length)));
    const sentAfter = lines.slice(signalAt).filter((l) => l.startsWith('request '));
    assert.deepEqual(sentAfter, [], 'the client sent provider requests after the signal');

    // Every request that reached the simulator was sent before the signal (per call, attempts included).
    const arrived = tally(sim.requests.map((r) => callOf(r.body)));
    for (const [call, count] of arrived) {
      assert.ok(count <= (sentBefore.get(call) ?? 0), `call ${call}: ${count} requests arrived, ${sentBefore.get(call) ?? 0} sent before the signal`);
    }

    // Every request the simulator answered (a response head went out) is in the ledger, attempts included.
    const answered = sim.requests.filter((r) => r.status !== undefined);
    const ledger = (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { tags: { call: string }; status: string });
    const recorded = tally(ledger.map((e) => e.tags.call));
    const missing = [...tally(answered.map((r) => callOf(r.body)))].filter(([call, count]) => (recorded.get(call) ?? 0) < count);
    assert.deepEqual(missing, [], `answered by the simulator but not in the ledger ([call, answered attempts]); ${ledger.length} ledger lines`);
    assert.equal(ledger.length, answered.length, 'one ledger line per answered request');

    // The test is not vacuous: calls of every kind were in flight when the signal came, and retries were failing.
    const afterSignal = new Set(lines.slice(signalAt).filter((l) => l.startsWith('usage ')).map((l) => l.slice('usage '.length)));
    const inFlightAtSignal = [...sentBefore.keys()].filter((call) => afterSignal.has(call));
    assert.ok(answered.length >= 40, `too little traffic: ${answered.length} answered`);
    assert.ok(inFlightAtSignal.length >= 10, `only ${inFlightAtSignal.length} calls were in flight when the signal came`);
    assert.ok(answered.some((r) => r.operation === 'streamChat') && answered.some((r) => r.status === 503), 'streams and failing attempts were part of the load');
    assert.ok(ledger.every((e) => e.status !== 'aborted'), 'with closeTimeoutMs ample, no stream had to be cut');
    assert.ok(sim.requests.every((r) => !r.clientClosedEarly), 'no response was cut off by the shutdown');
  });
});
