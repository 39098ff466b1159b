// Four processes, each with createAIClient and a Redis limit store (with the local fallback), share a limit of
// N OpenAI chat requests per minute and a monthly ElevenLabs character quota, all against one simulator. The
// simulator's own log is the measure. The test runs its own redis-server so it can kill and restart it:
// while Redis is down every child counts alone (and says so), and once it is back they count together again.
// A restarted Redis without persistence starts from zero, so each shared phase is checked on its own.
import assert from 'node:assert/strict';
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { startSimulator } from '../../../src/simulator/index.js';
import type { Simulator, SimulatedRequest } from '../../../src/simulator/types.js';
import { SPEECH, type FleetConfig, type FleetRound, type FromChild, type RoundResult } from '../../support/redis-fleet.js';
import { assertNoKey } from '../../support/keys.js';

const CHILDREN = 4;
const RPM = 20;
const CHARACTERS = 1_000;
const WAIT_MS = 30_000;
const CHILD = fileURLToPath(new URL('../../support/children/redis-fleet-child.ts', import.meta.url));

/** Why the fleet cannot run here (no redis-server), or undefined. Under CI that is a failure. */
function redisServerMissing(): string | undefined {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (!probe.error && probe.status === 0) return undefined;
  const reason = `redis-server is not runnable (${probe.error?.message ?? probe.stderr}); set CI to make this a failure`;
  if (process.env.CI) throw new Error(reason);
  return reason;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** A throwaway redis-server: no snapshot, no AOF, so a restart starts empty. Resolves once it answers. */
async function startRedis(port: number): Promise<ChildProcess> {
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let attempt = 0; ; attempt += 1) {
    const client = new Redis({ port, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
      return server;
    } catch (error) {
      if (attempt > 100 || server.exitCode !== null) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      client.disconnect();
    }
  }
}

async function stopRedis(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  server.kill('SIGKILL');
  await once(server, 'exit');
}

/** One child process and what it said. */
class Member {
  readonly messages: FromChild[] = [];
  output = '';
  readonly #process: ChildProcess;
  readonly #waiters = new Set<() => void>();

  constructor(config: FleetConfig, keys: Record<string, string>) {
    this.#process = fork(CHILD, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, AIMETER_FLEET: JSON.stringify(config), AIMETER_FLEET_OPENAI_KEY: keys.openai, AIMETER_FLEET_ELEVENLABS_KEY: keys.elevenlabs },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const collect = (chunk: Buffer): void => void (this.output += chunk.toString());
    this.#process.stdout!.on('data', collect);
    this.#process.stderr!.on('data', collect);
    this.#process.on('message', (message: FromChild) => {
      this.messages.push(message);
      for (const wake of this.#waiters) wake();
    });
    this.#process.on('exit', () => {
      for (const wake of this.#waiters) wake();
    });
  }

  get alive(): boolean {
    return this.#process.exitCode === null && this.#process.signalCode === null;
  }

  send(message: { round: FleetRound } | { close: true }): void {
    this.#process.send(message);
  }

  /** The first message (from `from` on) that matches, waiting for it. */
  async until<T extends FromChild>(match: (message: FromChild) => message is T, what: string, from = 0): Promise<T> {
    for (const started = Date.now(); ; ) {
      const found = this.messages.slice(from).find(match);
      if (found) return found;
      if (!this.alive) throw new Error(`a child died waiting for ${what}: ${this.output}`);
      if (Date.now() - started > WAIT_MS) throw new Error(`no ${what} within ${WAIT_MS} ms: ${this.output}`);
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          this.#waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, 1_000);
        this.#waiters.add(wake);
      });
    }
  }

  kill(): void {
    if (this.alive) this.#process.kill('SIGKILL');
  }

  async exit(): Promise<number | null> {
    if (this.alive) await once(this.#process, 'exit');
    return this.#process.exitCode;
  }
}

const isResult = (tag: string) => (m: FromChild): m is { result: RoundResult } => 'result' in m && m.result.tag === tag;
const isState = (state: string) => (m: FromChild): m is Extract<FromChild, { event: unknown }> => 'event' in m && m.event.state === state;
const isReady = (m: FromChild): m is { ready: true } => 'ready' in m;
const isClosed = (m: FromChild): m is { closed: true } => 'closed' in m;

const skip = redisServerMissing();

describe('a fleet of 4 processes sharing limits in Redis', { skip, timeout: 180_000 }, () => {
  let redis: ChildProcess | undefined;
  let sim: Simulator | undefined;
  const fleet: Member[] = [];
  after(async () => {
    for (const member of fleet) member.kill();
    if (redis) await stopRedis(redis);
    await sim?.close();
  });

  it('never lets the simulator serve more than the shared limits, falls back while Redis is down, and shares again after', async () => {
    const port = await freePort();
    redis = await startRedis(port);
    sim = await startSimulator();
    const keys = { openai: `sk-proj-${randomBytes(16).toString('hex')}`, elevenlabs: `sk_${randomBytes(24).toString('hex')}` };
    const prefix = `fleet:${randomBytes(4).toString('hex')}:`;
    const config: FleetConfig = { openaiBaseURL: sim.openaiBaseURL, elevenlabsBaseUrl: sim.elevenlabsBaseUrl, redisUrl: `redis://127.0.0.1:${port}`, prefix, rpm: RPM, characters: CHARACTERS };
    for (let i = 0; i < CHILDREN; i += 1) fleet.push(new Member(config, keys));
    await Promise.all(fleet.map((m) => m.until(isReady, 'ready')));

    const round = async (tag: string, chats: number, speaks: number): Promise<{ results: RoundResult[]; served: SimulatedRequest[] }> => {
      const mark = sim!.requests.length;
      for (const m of fleet) m.send({ round: { tag, chats, speaks } });
      const results = (await Promise.all(fleet.map((m) => m.until(isResult(tag), `round ${tag}`)))).map((m) => m.result);
      await sim!.settled();
      for (const r of results) assert.deepEqual(r.failures, [], `round ${tag}: only limits may refuse a call`);
      return { results, served: sim!.requests.slice(mark).filter((r) => r.status === 200) };
    };
    const admin = async <T>(work: (client: Redis) => Promise<T>): Promise<T> => {
      const client = new Redis({ port });
      try {
        return await work(client);
      } finally {
        client.disconnect();
      }
    };
    const charactersOf = (served: SimulatedRequest[]) =>
      served.filter((r) => r.operation === 'speak').reduce((sum, r) => sum + String((r.body as { text?: unknown }).text).length, 0);

    // Shared: 40 chat attempts for 20 per minute, 40 speeches of 51 characters for 1000 a month.
    const shared = await round('shared', 10, 10);
    const chats = shared.served.filter((r) => r.operation === 'chat').length;
    assert.equal(chats, RPM, 'the simulator served exactly the shared per-minute limit');
    assert.equal(charactersOf(shared.served), Math.floor(CHARACTERS / SPEECH.length) * SPEECH.length, 'and the monthly quota to the last whole speech');
    assert.equal(shared.results.reduce((n, r) => n + r.served + r.limited, 0), CHILDREN * 20);
    const rpmKey = `${prefix}c:openai-rpm|`;
    assert.equal(await admin((c) => c.hget(rpmKey, '')), String(RPM));
    const [monthKey] = await admin((c) => c.keys(`${prefix}c:elevenlabs-characters|@*`));
    assert.equal(Number(await admin((c) => c.hget(monthKey!, ''))), charactersOf(shared.served));

    assert.deepEqual(fleet.flatMap((m) => m.messages.filter((msg) => 'event' in msg)), [], 'no switch while Redis was up');

    // Redis dies: every child switches to local counting, says so, and keeps serving.
    await stopRedis(redis);
    const alone = await round('alone', 3, 0);
    await Promise.all(fleet.map((m) => m.until(isState('fallback'), 'the fallback event')));
    assert.deepEqual(alone.results.map((r) => r.served), [3, 3, 3, 3], 'each child admits alone, up to its own copy of the limit');
    const marks = fleet.map((m) => m.messages.length);

    // Redis is back (empty): every child resumes, and the counters in Redis move again.
    redis = await startRedis(port);
    await Promise.all(fleet.map((m, i) => m.until(isState('shared'), 'the resume event', marks[i])));
    const again = await round('again', 10, 0);
    assert.equal(again.served.filter((r) => r.operation === 'chat').length, RPM, 'shared counting holds the fleet to the limit again');
    assert.equal(await admin((c) => c.hget(rpmKey, '')), String(RPM));

    for (const m of fleet) m.send({ close: true });
    await Promise.all(fleet.map((m) => m.until(isClosed, 'close')));
    assert.deepEqual(await Promise.all(fleet.map((m) => m.exit())), [0, 0, 0, 0]);
    const events = fleet.flatMap((m) => m.messages.filter((msg) => 'event' in msg));
    assert.deepEqual(new Set(events.map((e) => ('event' in e ? e.event.state : ''))), new Set(['fallback', 'shared']));
    assertNoKey(keys.openai, ...fleet.map((m) => m.output), ...fleet.map((m) => m.messages));
    assertNoKey(keys.elevenlabs, ...fleet.map((m) => m.output), ...fleet.map((m) => m.messages));
  });
});
