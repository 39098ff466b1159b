// `aimeter prices update` against a loopback HTTP server serving genai-prices' published data (a real copy, see
// test/fixtures/recorded/genai-prices/SOURCE.md), and `aimeter prices check` on a ledger the client wrote.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runPrices } from '../../src/cli/prices-command.js';
import { createAIClient } from '../../src/client/index.js';
import { CliArgumentError } from '../../src/errors/cli-argument-error.js';
import { PriceDataError } from '../../src/errors/price-data-error.js';
import pg from 'pg';
import { jsonlSink } from '../../src/ledger/jsonl-sink.js';
import { postgresLedger } from '../../src/ledger/postgres-ledger.js';
import type { Sink } from '../../src/sinks/sink.js';
import { gemini } from '../../src/providers/gemini/index.js';
import { openai } from '../../src/providers/openai/index.js';
import type { UsageEvent } from '../../src/usage-event.js';
import { POSTGRES_URL, postgresUnavailable } from '../support/postgres-available.js';
import { googleKey, openaiKey } from '../support/secrets-keys.js';
import { useSimulator } from '../support/use-simulator.js';

const DATA = readFileSync(new URL('../fixtures/recorded/genai-prices/data-openai-google.json', import.meta.url));
const LAST_MODIFIED = 'Fri, 21 Aug 2026 20:02:24 GMT';
// gemma-4-26b-a4b-it: the bundled genai-prices 0.1.8 data has no price for it, the served data $0.06 in, $0.33
// out per million tokens. gpt-5.6-sol: bundled $4 in, $20 out; served $5 in, $30 out (below 272k input tokens).
const GEMMA = 'gemma-4-26b-a4b-it';
const SOL = 'gpt-5.6-sol';

/** A loopback server: `/data.json` is the data, `/broken` 500, `/not-json` a page of HTML. */
async function startDataServer(): Promise<{ server: Server; url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url === '/data.json') res.writeHead(200, { 'content-type': 'application/json', 'last-modified': LAST_MODIFIED }).end(DATA);
    else if (req.url === '/not-json') res.writeHead(200, { 'content-type': 'text/html' }).end('<html>rate limited</html>');
    else res.writeHead(500).end('boom');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

function capture(): { io: Parameters<typeof runPrices>[1] & object; out: () => string; exitCode: () => number | undefined } {
  let text = '';
  let code: number | undefined;
  return {
    io: { stdout: { write: (s: string) => (text += s) }, setExitCode: (c: number) => (code = c) },
    out: () => text,
    exitCode: () => code,
  };
}

function assertCost(event: UsageEvent, inputPerMillion: number, outputPerMillion: number): void {
  const input = event.usage.inputTokens?.value ?? 0;
  const output = event.usage.outputTokens?.value ?? 0;
  assert.ok(input > 0 && output > 0, 'the simulator reported tokens');
  const expected = (input * inputPerMillion + output * outputPerMillion) / 1e6;
  assert.ok(Math.abs((event.cost?.usd ?? Number.NaN) - expected) < 1e-9, `${event.model}: ${event.cost?.usd} ≠ ${expected}`);
}

describe('aimeter prices update / check', () => {
  const sim = useSimulator();
  let dir: string;
  let data: Awaited<ReturnType<typeof startDataServer>>;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aimeter-i18-prices-'));
    data = await startDataServer();
  });
  after(async () => {
    await new Promise<void>((resolve) => data.server.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
  });

  const chat = async (model: `${'openai' | 'gemini'}:${string}`, dataFile: string | undefined, ledger?: string | Sink): Promise<UsageEvent> => {
    const events: UsageEvent[] = [];
    const ai = createAIClient({
      providers: { openai: openai({ baseURL: sim.openaiBaseURL }), gemini: gemini({ baseURL: sim.geminiBaseURL }) },
      keys: { byProvider: { openai: openaiKey(), gemini: googleKey() } },
      pricing: dataFile === undefined ? {} : { dataFile },
      sinks: ledger === undefined ? [] : [typeof ledger === 'string' ? jsonlSink(ledger) : ledger],
      retry: false,
      flushOnExit: false,
    });
    ai.on('usage', (event) => events.push(event));
    await ai.chat({ model, messages: [{ role: 'user', content: 'Price me with newer data, please.' }] });
    await ai.close();
    assert.equal(events.length, 1);
    return events[0]!;
  };

  it('update writes the data with its version (a hash of the bytes) and date; the client then prices a model the bundled data lacks', async () => {
    const file = join(dir, 'update', 'genai-prices.json');
    const { io, out } = capture();
    await runPrices(['update', '--url', `${data.url}/data.json`, '--file', file], io);
    const version = `sha256:${createHash('sha256').update(DATA).digest('hex').slice(0, 16)}`;
    assert.match(out(), new RegExp(`wrote .*genai-prices\\.json: genai-prices data ${version} of 2026-08-21T20:02:24\\.000Z, 2 providers`));
    const stored = JSON.parse(await readFile(file, 'utf8')) as { version: string; date: string; source: string };
    assert.deepEqual([stored.version, stored.date, stored.source], [version, '2026-08-21T20:02:24.000Z', `${data.url}/data.json`]);

    const unknown = await chat(`gemini:${GEMMA}`, undefined);
    assert.equal(unknown.cost?.usd, undefined);
    assert.equal(unknown.cost?.unpriced, 'unknown_model');
    const priced = await chat(`gemini:${GEMMA}`, file);
    assertCost(priced, 0.06, 0.33);
    assert.equal(priced.cost?.snapshot.source, 'genai-prices');
    assert.equal(priced.cost?.snapshot.version, version, 'the snapshot names the new data');
    assert.equal(priced.cost?.snapshot.dataDate, '2026-08-21T20:02:24.000Z');

    const old = await chat(`openai:${SOL}`, undefined);
    assertCost(old, 4, 20);
    assert.equal(old.cost?.snapshot.version, '0.1.8');
    assert.equal(old.cost?.snapshot.dataDate, undefined);
    const changed = await chat(`openai:${SOL}`, file);
    assertCost(changed, 5, 30);
    assert.equal(changed.cost?.snapshot.version, version);
  });

  it('a failed or wrong download throws PriceDataError and leaves the previous file as it was', async () => {
    const file = join(dir, 'keep.json');
    await runPrices(['update', '--url', `${data.url}/data.json`, '--file', file], capture().io);
    const previous = await readFile(file, 'utf8');
    await assert.rejects(runPrices(['update', '--url', `${data.url}/broken`, '--file', file], capture().io), (e: unknown) => PriceDataError.isInstance(e) && /HTTP 500/.test((e as Error).message));
    await assert.rejects(runPrices(['update', '--url', `${data.url}/not-json`, '--file', file], capture().io), (e: unknown) => PriceDataError.isInstance(e) && /not JSON/.test((e as Error).message));
    assert.equal(await readFile(file, 'utf8'), previous);
  });

  it('a data file that is not price data is refused at createAIClient, never during a call', async () => {
    const file = join(dir, 'bogus.json');
    await writeFile(file, JSON.stringify({ format: 'something-else' }));
    await assert.rejects(chat(`gemini:${GEMMA}`, file), (e: unknown) => PriceDataError.isInstance(e) && e.message.includes('aimeter-genai-prices/1'));
  });

  it('check lists the models of a ledger that get no price, and none once the data file prices them', async () => {
    const file = join(dir, 'check', 'genai-prices.json');
    await runPrices(['update', '--url', `${data.url}/data.json`, '--file', file], capture().io);
    const ledger = join(dir, `usage-${randomBytes(4).toString('hex')}.jsonl`);
    await chat(`gemini:${GEMMA}`, undefined, ledger);
    await chat(`gemini:${GEMMA}`, undefined, ledger);
    await chat(`openai:${SOL}`, undefined, ledger);

    await assert.rejects(runPrices(['check', '--ledger', ledger, '--data-file', join(dir, 'missing.json')], capture().io), (e: unknown) =>
      PriceDataError.isInstance(e) && /run `aimeter prices update`/.test((e as Error).message),
    );
    const plain = capture();
    await runPrices(['check', '--ledger', ledger], plain.io);
    assert.match(plain.out(), /3 events, 2 models; 1 without a price \(with the bundled genai-prices data\)/);
    assert.ok(plain.out().includes(`gemini:${GEMMA}  chat  2 events, 2 stored without a price`), plain.out());
    assert.equal(plain.exitCode(), 1);

    const updated = capture();
    await runPrices(['check', '--ledger', ledger, '--data-file', file, '--json'], updated.io);
    const report = JSON.parse(updated.out()) as { events: number; unpriced: unknown[] };
    assert.deepEqual([report.events, report.unpriced], [3, []]);
    assert.equal(updated.exitCode(), undefined);
  });

  it('check reads a PostgreSQL ledger in its own table (--table)', async (t) => {
    const unavailable = await postgresUnavailable();
    if (unavailable) return t.skip(unavailable);
    const table = `i18p_prices_${randomBytes(4).toString('hex')}`;
    try {
      await chat(`gemini:${GEMMA}`, undefined, postgresLedger(POSTGRES_URL, { table }));
      const out = capture();
      await runPrices(['check', '--ledger', POSTGRES_URL, '--table', table, '--json'], out.io);
      const report = JSON.parse(out.out()) as { events: number; unpriced: { model: string; storedUnpriced: number }[] };
      assert.deepEqual([report.events, report.unpriced], [1, [{ provider: 'gemini', model: GEMMA, operation: 'chat', events: 1, storedUnpriced: 1 }]]);
      assert.equal(out.exitCode(), 1);
    } finally {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`DROP TABLE IF EXISTS ${table}, ${table}_schema`);
      await client.end();
    }
  });

  it('refuses a missing subcommand, a missing --ledger and unknown options with CliArgumentError', async () => {
    const usage = (e: unknown) => CliArgumentError.isInstance(e) && /usage: aimeter prices/.test((e as Error).message);
    await assert.rejects(runPrices([], capture().io), usage);
    await assert.rejects(runPrices(['check'], capture().io), usage);
    await assert.rejects(runPrices(['update', '--nope'], capture().io), usage);
    assert.equal(data.hits.filter((h) => h === '/nope').length, 0);
  });
});
