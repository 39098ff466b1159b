import assert from 'node:assert/strict';
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LedgerCorruptError } from '../../src/errors/ledger-corrupt-error.js';
import { readJsonlLedger } from '../../src/ledger/read-jsonl-ledger.js';
import { usageEvent } from '../support/make-usage-event.js';

describe('readJsonlLedger', () => {
  let dir: string;
  before(async () => (dir = await mkdtemp(join(tmpdir(), 'aimeter-ledger-'))));
  after(() => rm(dir, { recursive: true, force: true }));

  const collect = async (path: string) => {
    const events = [];
    for await (const event of readJsonlLedger(path)) events.push(event);
    return events;
  };

  it('reads events in order and drops duplicate ids', async () => {
    const path = join(dir, 'dupes.jsonl');
    const [a, b] = [usageEvent({ id: 'a' }), usageEvent({ id: 'b' })];
    await writeFile(path, [a, b, a].map((e) => `${JSON.stringify(e)}\n`).join(''));
    assert.deepEqual((await collect(path)).map((e) => e.id), ['a', 'b']);
  });

  it('skips a final line a crash cut short, but not a complete one', async () => {
    const path = join(dir, 'torn.jsonl');
    await writeFile(path, `${JSON.stringify(usageEvent({ id: 'whole' }))}\n{"id":"torn","us`);
    assert.deepEqual((await collect(path)).map((e) => e.id), ['whole']);
    await appendFile(path, 'age":{}}\n');
    await assert.rejects(collect(path), (error: unknown) => LedgerCorruptError.isInstance(error) && error.line === 2);
  });

  it('names the line of a corrupt record in the middle', async () => {
    const path = join(dir, 'corrupt.jsonl');
    await writeFile(path, `${JSON.stringify(usageEvent())}\nnot json\n${JSON.stringify(usageEvent())}\n`);
    await assert.rejects(collect(path), (error: unknown) => {
      assert.ok(LedgerCorruptError.isInstance(error));
      assert.equal(error.line, 2);
      assert.equal(error.code, 'ledger_corrupt');
      assert.match(error.message, /corrupt\.jsonl line 2: not valid JSON/);
      return true;
    });
  });

  it('rejects a JSON line that is not a usage event', async () => {
    const path = join(dir, 'foreign.jsonl');
    await writeFile(path, '{"hello":"world"}\n');
    await assert.rejects(collect(path), /usage event without "id"/);
    await writeFile(path, '[1,2]\n');
    await assert.rejects(collect(path), /expected a usage event object/);
  });

  it('reads an empty ledger as no events', async () => {
    const path = join(dir, 'empty.jsonl');
    await writeFile(path, '');
    assert.deepEqual(await collect(path), []);
  });
});
