import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { readJsonlLedger } from '../../src/ledger/read-jsonl-ledger.js';
import type { UsageEvent } from '../../src/usage-event.js';

const run = promisify(execFile);
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

describe('aimeter demo', () => {
  let dir: string;
  before(async () => (dir = await mkdtemp(join(tmpdir(), 'aimeter-demo-'))));
  after(() => rm(dir, { recursive: true, force: true }));

  it('runs a voice turn with no keys set, writes the ledger and prints the report', async () => {
    const ledger = join(dir, 'usage.jsonl');
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/_API_KEY/.test(name)));
    const { stdout } = await run(process.execPath, ['--import', 'tsx', MAIN, 'demo', '--ledger', ledger], { env });
    const events: UsageEvent[] = [];
    for await (const event of readJsonlLedger(ledger)) events.push(event);
    assert.deepEqual(
      events.map((e) => `${e.provider}:${e.operation}:${e.status}`),
      ['openai:transcribe:ok', 'gemini:streamChat:ok', 'elevenlabs:streamSpeak:ok', 'openai:streamChat:aborted'],
    );
    assert.equal(events[0]!.usage.audioSeconds?.provenance, 'reported');
    assert.equal(events[3]!.usage.outputTokens?.provenance, 'estimated');
    assert.match(stdout, /usage of each call:/);
    assert.match(stdout, /^gemini\s+gemini-2\.5-flash\s+1\s+0\s+0\s+\d+/m);
    assert.match(stdout, /^openai\s+gpt-4o-mini\s+1\s+0\s+1\s+~\d+\s+~\d+/m);
    // A totals row under the table: the four requests of this (fresh) ledger, one of them aborted, priced.
    assert.match(stdout, /^total\s+4\s+0\s+1\s+~\d+.*\s~?\d+\.\d+$/m);
    // The legend says what ~ means (any estimated figure, a cut stream being one reason), not "an interrupted stream".
    assert.match(stdout, /^~ the total includes figures aimeter estimated/m);
    assert.doesNotMatch(stdout, /interrupted stream/);
  });
});
