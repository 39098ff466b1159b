import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../src/errors/config-error.js';
import { readJsonlLedger } from '../../src/ledger/read-jsonl-ledger.js';
import { jsonlSink, type JsonlSinkOptions } from '../../src/ledger/jsonl-sink.js';
import { listJsonlSegments } from '../../src/ledger/jsonl-segments.js';
import type { UsageEvent } from '../../src/usage-event.js';
import { usageEvent } from '../support/make-usage-event.js';

const WRITER = fileURLToPath(new URL('../support/children/rotating-jsonl-writer.ts', import.meta.url));
/** Bytes of one line of `usageEvent({ id: 'e-NN' })`, near enough: sizes below are in events. */
const LINE = Buffer.byteLength(`${JSON.stringify(usageEvent({ id: 'e-00' }))}\n`);

const batch = (from: number, count: number): UsageEvent[] => Array.from({ length: count }, (_, i) => usageEvent({ id: `e-${from + i}` }));
const names = async (path: string): Promise<string[]> => (await listJsonlSegments(path)).map((p) => basename(p));
const ids = async (path: string): Promise<string[]> => {
  const out: string[] = [];
  for await (const event of readJsonlLedger(path)) out.push(event.id);
  return out;
};
const idsIn = async (file: string): Promise<string[]> =>
  (await readFile(file, 'utf8')).split('\n').filter(Boolean).map((line) => (JSON.parse(line) as UsageEvent).id);

describe('jsonlSink rotation', () => {
  let dir: string;
  let n = 0;
  const ledger = (): string => join(dir, `l${++n}`, 'usage.jsonl');
  before(async () => (dir = await mkdtemp(join(tmpdir(), 'aimeter-rotate-'))));
  after(() => rm(dir, { recursive: true, force: true }));

  it('by size: a segment takes batches until it holds maxBytes, then the next numbered name takes over', async () => {
    const path = ledger();
    const sink = jsonlSink(path, { rotate: { maxBytes: 5 * LINE } });
    for (let i = 0; i < 12; i++) await sink.writeBatch!(batch(i * 2, 2));
    await sink.close!();
    assert.deepEqual(await names(path), ['usage.jsonl', 'usage.1.jsonl', 'usage.2.jsonl', 'usage.3.jsonl']);
    // Checked before each batch: 2 + 2 + 2 lines reach 5 lines' worth, so every full segment holds 6.
    for (const [i, file] of (await listJsonlSegments(path)).entries()) assert.deepEqual(await idsIn(file), batch(i * 6, 6).map((e) => e.id));
    assert.deepEqual(await ids(path), batch(0, 24).map((e) => e.id));
  });

  it('by day: one file per date of the time zone, switching at its midnight by the injected clock', async () => {
    const path = ledger();
    let now = Date.parse('2026-11-24T07:59:59.000Z'); // 23:59:59 on Nov 23 in Los Angeles
    const sink = jsonlSink(path, { rotate: { daily: { timeZone: 'America/Los_Angeles' } }, clock: { now: () => now } });
    await sink.writeBatch!(batch(0, 2));
    now += 1000;
    await sink.writeBatch!(batch(2, 2));
    await sink.close!();
    assert.deepEqual(await names(path), ['usage.2026-11-23.jsonl', 'usage.2026-11-24.jsonl'], 'no base file: every line has a day');
    assert.deepEqual(await idsIn(join(dir, `l${n}`, 'usage.2026-11-23.jsonl')), ['e-0', 'e-1']);
    assert.deepEqual(await ids(path), ['e-0', 'e-1', 'e-2', 'e-3']);
  });

  it('daily: true counts days in UTC; with maxBytes, each day has its own numbered series', async () => {
    const path = ledger();
    let now = Date.parse('2026-11-23T23:00:00.000Z');
    const sink = jsonlSink(path, { rotate: { daily: true, maxBytes: 3 * LINE }, clock: { now: () => now } });
    for (let i = 0; i < 3; i++) await sink.writeBatch!(batch(i * 2, 2));
    now = Date.parse('2026-11-24T00:00:00.000Z');
    for (let i = 3; i < 6; i++) await sink.writeBatch!(batch(i * 2, 2));
    await sink.close!();
    assert.deepEqual(await names(path), ['usage.2026-11-23.jsonl', 'usage.2026-11-23.1.jsonl', 'usage.2026-11-24.jsonl', 'usage.2026-11-24.1.jsonl']);
    assert.deepEqual(await ids(path), batch(0, 12).map((e) => e.id));
  });

  it('a sink opened later joins the newest segment instead of appending to a full one', async () => {
    const path = ledger();
    const first = jsonlSink(path, { rotate: { maxBytes: 3 * LINE } });
    for (let i = 0; i < 3; i++) await first.writeBatch!(batch(i * 2, 2));
    await first.close!();
    assert.deepEqual(await names(path), ['usage.jsonl', 'usage.1.jsonl']);
    const later = jsonlSink(path, { rotate: { maxBytes: 3 * LINE } });
    await later.writeBatch!(batch(6, 1));
    await later.close!();
    assert.deepEqual(await idsIn(join(dir, `l${n}`, 'usage.1.jsonl')), ['e-4', 'e-5', 'e-6']);
    assert.deepEqual(await idsIn(path), ['e-0', 'e-1', 'e-2', 'e-3'], 'the full first segment was not touched');
  });

  it('four processes rotating one ledger at once lose, split and duplicate no line', async () => {
    const path = ledger();
    // About two batches per segment: every process crosses segment boundaries again and again.
    const writers = [0, 1, 2, 3].map((w) => spawn(process.execPath, ['--import', 'tsx', WRITER, path, `w${w}`, '500', String(50 * LINE)], { stdio: 'inherit' }));
    const codes = await Promise.all(writers.map((child) => new Promise((resolve) => child.once('exit', resolve))));
    assert.deepEqual(codes, [0, 0, 0, 0]);
    const files = await listJsonlSegments(path);
    assert.ok(files.length >= 10, `${files.length} segments`);
    const lines: string[] = [];
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      assert.ok(text.endsWith('\n'), `${basename(file)} ends with a whole line`);
      lines.push(...text.slice(0, -1).split('\n'));
    }
    const seen = lines.map((line) => (JSON.parse(line) as UsageEvent).id); // a split line would not parse
    assert.equal(seen.length, 2000, 'no line lost or written twice');
    assert.equal(new Set(seen).size, 2000);
    for (const w of [0, 1, 2, 3]) {
      const own = seen.filter((id) => id.startsWith(`w${w}-`)).map((id) => Number(id.split('-')[1]));
      assert.deepEqual(own, Array.from({ length: 500 }, (_, i) => i), `writer ${w}'s lines are in its order across segments`);
    }
  });

  describe('fsync policies with rotation', () => {
    let datasyncs = 0;
    let restore: () => void;
    before(async () => {
      // FileHandle is not exported: take its prototype from a handle, and count datasync() calls on every handle.
      const probe = await open(join(dir, 'probe'), 'w');
      const proto = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> };
      await probe.close();
      const original = proto.datasync;
      proto.datasync = function (this: unknown) {
        datasyncs++;
        return original.call(this);
      };
      restore = () => (proto.datasync = original);
    });
    after(() => restore());

    /** datasync() calls while writing `batches` batches, on flush, while writing one more, and on close. */
    const run = async (options: JsonlSinkOptions, batches: number): Promise<number[]> => {
      const sink = jsonlSink(ledger(), options);
      const counts: number[] = [];
      const step = async (work: () => void | Promise<void>): Promise<void> => {
        datasyncs = 0;
        await work();
        counts.push(datasyncs);
      };
      await step(async () => {
        for (let i = 0; i < batches; i++) await sink.writeBatch!(batch(i * 2, 2));
      });
      await step(() => sink.flush!());
      await step(() => sink.writeBatch!(batch(100, 2)));
      await step(() => sink.close!());
      return counts;
    };

    it("'batch' forces every batch to disk, in whichever segment it went to; flush and close find nothing left", async () => {
      assert.deepEqual(await run({ rotate: { maxBytes: LINE } }, 4), [4, 0, 1, 0]);
    });

    it("'close' forces a segment to disk on flush, on close and when it is left for the next, never per batch", async () => {
      assert.deepEqual(await run({ fsync: 'close' }, 4), [0, 1, 0, 1]);
      // Every batch after the first finds a full segment: three segments are left behind while writing, and the
      // one flushed before the fifth batch has nothing left to sync when that batch leaves it.
      assert.deepEqual(await run({ fsync: 'close', rotate: { maxBytes: LINE } }, 4), [3, 1, 0, 1]);
    });
  });

  it('refuses bad rotation options with a ConfigError naming the field', () => {
    const field = (name: string) => (e: unknown) => ConfigError.isInstance(e) && e.field === name;
    for (const maxBytes of [0, -1, 1.5, Number.NaN]) assert.throws(() => jsonlSink('x.jsonl', { rotate: { maxBytes } }), field('rotate.maxBytes'));
    // @ts-expect-error: not a number
    assert.throws(() => jsonlSink('x.jsonl', { rotate: { maxBytes: '1mb' } }), field('rotate.maxBytes'));
    // @ts-expect-error: not a boolean or an object
    assert.throws(() => jsonlSink('x.jsonl', { rotate: { daily: 'yes' } }), field('rotate.daily'));
    assert.throws(() => jsonlSink('x.jsonl', { rotate: { daily: { timeZone: 'Mars/Olympus' } } }), field('rotate.daily.timeZone'));
    // @ts-expect-error: not an object
    assert.throws(() => jsonlSink('x.jsonl', { rotate: 5 }), field('rotate'));
    // @ts-expect-error: no now()
    assert.throws(() => jsonlSink('x.jsonl', { clock: {} }), field('clock'));
  });
});
