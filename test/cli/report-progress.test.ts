import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reportProgress } from '../../src/cli/report-progress.js';
import { usageEvent } from '../support/make-usage-event.js';

describe('report progress', () => {
  const event = usageEvent();
  const lineBytes = Buffer.byteLength(JSON.stringify(event)) + 1;

  it('writes at most once per interval, and a final line', () => {
    let time = 0;
    const lines: string[] = [];
    const progress = reportProgress({ output: { write: (s) => lines.push(s) }, intervalMs: 200, now: () => time });
    for (let i = 0; i < 1000; i += 1) {
      time += 1; // 1 ms per event: an update every 200 events
      progress.event(event);
    }
    progress.done();
    assert.deepEqual(lines, [200, 400, 600, 800, 1000].map((n) => `aimeter report: ${n.toLocaleString('en-US')} events read\n`).concat('aimeter report: 1,000 events read\n'));
  });

  it('estimates the percentage of a file from sampled event sizes, and redraws one line on a terminal', () => {
    let time = 0;
    let out = '';
    const progress = reportProgress({ output: { write: (s) => (out += s), isTTY: true }, totalBytes: lineBytes * 400, intervalMs: 10, now: () => time });
    for (let i = 0; i < 100; i += 1) progress.event(event);
    time = 10;
    progress.event(event);
    progress.done();
    assert.equal(out, `\raimeter report: 101 events read, ~25 % of ${Math.ceil((lineBytes * 400) / 1e3)} kB\x1b[K\raimeter report: 101 events read, 100 % of ${Math.ceil((lineBytes * 400) / 1e3)} kB\x1b[K\n`);
  });

  it('never claims 100 % before the end, even when the estimate overshoots', () => {
    let time = 0;
    let out = '';
    const progress = reportProgress({ output: { write: (s) => (out = s) }, totalBytes: 10, intervalMs: 1, now: () => (time += 1) });
    progress.event(event);
    progress.event(event);
    assert.match(out, /~99 %/);
  });

  it('ends a drawn terminal line when the read fails, so the error starts a line of its own', () => {
    let time = 0;
    let out = '';
    const tty = reportProgress({ output: { write: (s) => (out += s), isTTY: true }, intervalMs: 1, now: () => (time += 1) });
    tty.interrupt();
    assert.equal(out, '', 'nothing drawn, nothing to end');
    tty.event(event);
    tty.interrupt();
    assert.ok(out.endsWith('\u001b[K\n'));
  });
});
