import assert from 'node:assert/strict';
import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LedgerCorruptError } from '../../src/errors/ledger-corrupt-error.js';
import { LedgerVersionError } from '../../src/errors/ledger-version-error.js';
import type { JsonlLedgerWarning } from '../../src/ledger/jsonl-ledger-warning.js';
import { readJsonlLedger } from '../../src/ledger/read-jsonl-ledger.js';
import { listJsonlSegments } from '../../src/ledger/jsonl-segments.js';
import type { UsageEvent } from '../../src/usage-event.js';
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

  it('reads back the usage figures without a column: tool-use prompt tokens, modality splits, traffic type', async () => {
    const path = join(dir, 'modalities.jsonl');
    const usage = { requests: 1, inputTokens: { value: 400, provenance: 'reported' as const }, toolUsePromptTokens: { value: 64, provenance: 'reported' as const }, modalities: { input: { text: 142, image: 258 }, output: { audio: 9 } }, trafficType: 'ON_DEMAND' };
    const event = usageEvent({ id: 'm', usage });
    await writeFile(path, `${JSON.stringify(event)}\n`);
    assert.deepEqual(await collect(path), [event]);
  });

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

  describe('a rotated set, given the base path', () => {
    const lines = (...events: UsageEvent[]): string => events.map((e) => `${JSON.stringify(e)}\n`).join('');
    /** A fresh folder holding `files` (name → content). */
    const folder = async (name: string, files: Record<string, string>): Promise<string> => {
      const at = join(dir, name);
      await mkdir(at);
      for (const [file, text] of Object.entries(files)) await writeFile(join(at, file), text);
      return at;
    };

    it('reads the base file, then numbered segments, then day by day, deduplicating ids across segments', async () => {
      const [a, b, c, d, e, f, g] = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => usageEvent({ id }));
      const at = await folder('set', {
        'usage.2026-11-24.jsonl': lines(g!),
        'usage.10.jsonl': lines(d!),
        'usage.jsonl': lines(a!),
        'usage.2026-11-23.1.jsonl': lines(f!, a!),
        'usage.2.jsonl': lines(c!),
        'usage.2026-11-23.jsonl': lines(e!),
        'usage.1.jsonl': lines(b!),
        // Not segments of usage.jsonl:
        'usage.jsonl.bak': 'junk',
        'usage.old.jsonl': 'junk',
        'usage.0.jsonl': 'junk',
        'usage.01.jsonl': 'junk',
        'other.1.jsonl': 'junk',
        'usage.2026-11-23.jsonl.tmp': 'junk',
      });
      const base = join(at, 'usage.jsonl');
      assert.deepEqual((await listJsonlSegments(base)).map((p) => basename(p)), [
        'usage.jsonl',
        'usage.1.jsonl',
        'usage.2.jsonl',
        'usage.10.jsonl',
        'usage.2026-11-23.jsonl',
        'usage.2026-11-23.1.jsonl',
        'usage.2026-11-24.jsonl',
      ]);
      assert.deepEqual((await collect(base)).map((event) => event.id), ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    });

    it('reads daily segments when the base file itself was never written', async () => {
      const at = await folder('daily-only', { 'usage.2026-11-23.jsonl': lines(usageEvent({ id: 'x' })), 'usage.2026-11-24.jsonl': lines(usageEvent({ id: 'y' })) });
      assert.deepEqual((await collect(join(at, 'usage.jsonl'))).map((event) => event.id), ['x', 'y']);
    });

    it('skips a torn final line in any segment, and names the segment and line of a corrupt record', async () => {
      const at = await folder('torn', {
        'usage.jsonl': `${lines(usageEvent({ id: 'whole' }))}{"id":"torn`,
        'usage.1.jsonl': lines(usageEvent({ id: 'next' })),
      });
      assert.deepEqual((await collect(join(at, 'usage.jsonl'))).map((event) => event.id), ['whole', 'next']);
      await writeFile(join(at, 'usage.2.jsonl'), `${lines(usageEvent())}not json\n`);
      await assert.rejects(collect(join(at, 'usage.jsonl')), (error: unknown) => {
        assert.ok(LedgerCorruptError.isInstance(error));
        assert.equal(error.path, join(at, 'usage.2.jsonl'));
        assert.equal(error.line, 2);
        return true;
      });
    });

    it('fails like a missing file when there is neither the file nor a segment', async () => {
      await assert.rejects(collect(join(dir, 'nowhere', 'usage.jsonl')), (error: unknown) => (error as { code?: string }).code === 'ENOENT');
      assert.deepEqual(await listJsonlSegments(join(dir, 'nowhere', 'usage.jsonl')), []);
    });
  });
});

describe('readJsonlLedger after a crash, and its checks of every line', () => {
  let dir: string;
  before(async () => (dir = await mkdtemp(join(tmpdir(), 'aimeter-ledger-checks-'))));
  after(() => rm(dir, { recursive: true, force: true }));

  const read = async (path: string) => {
    const warnings: JsonlLedgerWarning[] = [];
    const events: UsageEvent[] = [];
    for await (const event of readJsonlLedger(path, { onWarning: (warning) => warnings.push(warning) })) events.push(event);
    return { events, warnings };
  };
  const line = (event: object) => `${JSON.stringify(event)}\n`;

  it('skips a torn record that a later append ended, with a warning naming its line, and reads the rest', async () => {
    const path = join(dir, 'repaired.jsonl');
    const torn = line(usageEvent({ id: 'torn' })).slice(0, 60);
    await writeFile(path, `${line(usageEvent({ id: 'a' }))}${torn}\n${line(usageEvent({ id: 'b' }))}`);
    const { events, warnings } = await read(path);
    assert.deepEqual(events.map((e) => e.id), ['a', 'b']);
    assert.deepEqual(warnings.map((w) => [w.path, w.line]), [[path, 2]]);
    assert.match(warnings[0]!.message, /repaired\.jsonl line 2: skipped a record cut short by a crash/);
  });

  it('warns about a torn final line too, and keeps the event an older sink glued to a torn fragment', async () => {
    const path = join(dir, 'glued.jsonl');
    const fragment = line(usageEvent({ id: 'torn' })).slice(0, 90);
    await writeFile(path, `${fragment}${line(usageEvent({ id: 'glued' }))}${fragment}`);
    const { events, warnings } = await read(path);
    assert.deepEqual(events.map((e) => e.id), ['glued']);
    assert.deepEqual(warnings.map((w) => w.line), [1, 2]);
    assert.match(warnings[0]!.message, /the event after it on the line is kept/);
  });

  it('reads lines with schema version 1 or none, and refuses a newer version with LedgerVersionError', async () => {
    const path = join(dir, 'versions.jsonl');
    const a = usageEvent({ id: 'a' });
    await writeFile(path, `${line({ v: 1, ...a })}${line(usageEvent({ id: 'b' }))}`);
    const { events } = await read(path);
    assert.deepEqual(events[0], a); // the version is the line's, not the event's
    assert.equal(events.length, 2);
    await appendFile(path, line({ v: 2, ...usageEvent({ id: 'c' }) }));
    await assert.rejects(read(path), (error: unknown) => LedgerVersionError.isInstance(error) && error.found === 2 && error.supported === 1 && /line 3/.test(error.message));
    await writeFile(path, line({ v: 'one', ...a }));
    await assert.rejects(read(path), (error: unknown) => LedgerCorruptError.isInstance(error) && error.line === 1);
  });

  it('refuses a malformed usage figure or cost with its line number rather than summing NaN', async () => {
    const path = join(dir, 'figures.jsonl');
    const good = line(usageEvent());
    const bad: Record<string, object> = {
      'a string token count': { usage: { requests: 1, inputTokens: { value: '100', provenance: 'reported' } } },
      'a negative token count': { usage: { requests: 1, outputTokens: { value: -5, provenance: 'reported' } } },
      'no token count at all': { usage: { requests: 1, inputTokens: { provenance: 'reported' } } },
      'a string request count': { usage: { requests: '1' } },
      'an unknown provenance': { usage: { requests: 1, inputTokens: { value: 1, provenance: 'guessed' } } },
      'a string cost': { cost: { usd: '0.01', snapshot: { source: 'x', version: '1', rates: {} } } },
      'a negative markup': { cost: { usd: 0.01, markupUsd: -1, snapshot: { source: 'x', version: '1', rates: {} } } },
      'a string tool-use prompt count': { usage: { requests: 1, toolUsePromptTokens: { value: '64', provenance: 'reported' } } },
      'a negative modality count': { usage: { requests: 1, modalities: { input: { image: -258 } } } },
      'a modality split that is not an object': { usage: { requests: 1, modalities: { input: 12 } } },
    };
    for (const [what, overrides] of Object.entries(bad)) {
      await writeFile(path, `${good}${good}${line(usageEvent(overrides))}`);
      await assert.rejects(read(path), (error: unknown) => LedgerCorruptError.isInstance(error) && error.line === 3, what);
    }
  });

  it('still fails on an edited line in the middle that is not a torn record', async () => {
    const path = join(dir, 'edited.jsonl');
    await writeFile(path, `${line(usageEvent())}{"id":"x"} trailing\n${line(usageEvent())}`);
    await assert.rejects(read(path), (error: unknown) => LedgerCorruptError.isInstance(error) && error.line === 2);
  });
});
