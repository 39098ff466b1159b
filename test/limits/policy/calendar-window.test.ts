// Every window kind against a fixed instant: epoch-aligned seconds and minutes, calendar hours, days and months
// in a time zone, anchor days clamped to short months, and the midnight-Pacific day across both DST changes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../src/errors/config-error.js';
import { resolveWindow, type WindowSpec } from '../../../src/limits/policy/limit-window.js';

const HOUR = 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString();

function period(spec: WindowSpec, at: string): [string, string] {
  const window = resolveWindow(spec, 'window');
  assert.equal(window.type, 'fixed');
  if (window.type !== 'fixed') throw new Error('unreachable');
  const { start, end } = window.period(Date.parse(at));
  return [iso(start), iso(end)];
}

describe('limit windows', () => {
  it('sliding windows are a length; second, minute and hour slide by default', () => {
    assert.deepEqual(resolveWindow('second', 'w'), { type: 'sliding', ms: 1_000 });
    assert.deepEqual(resolveWindow('minute', 'w'), { type: 'sliding', ms: 60_000 });
    assert.deepEqual(resolveWindow({ unit: 'hour', count: 2 }, 'w'), { type: 'sliding', ms: 2 * HOUR });
    assert.deepEqual(resolveWindow({ unit: 'day', type: 'sliding' }, 'w'), { type: 'sliding', ms: 24 * HOUR });
  });

  it('fixed seconds and minutes align to the epoch', () => {
    assert.deepEqual(period({ unit: 'second', count: 10, type: 'fixed' }, '2026-05-01T12:00:17.250Z'), ['2026-05-01T12:00:10.000Z', '2026-05-01T12:00:20.000Z']);
    assert.deepEqual(period({ unit: 'minute', type: 'fixed' }, '2026-05-01T12:34:56Z'), ['2026-05-01T12:34:00.000Z', '2026-05-01T12:35:00.000Z']);
  });

  it('fixed hours follow the local clock, including a half-hour zone', () => {
    assert.deepEqual(period({ unit: 'hour', type: 'fixed', timeZone: 'Asia/Kolkata' }, '2026-05-01T12:10:00Z'), ['2026-05-01T11:30:00.000Z', '2026-05-01T12:30:00.000Z']);
    assert.deepEqual(period({ unit: 'hour', count: 6, type: 'fixed' }, '2026-05-01T13:10:00Z'), ['2026-05-01T12:00:00.000Z', '2026-05-01T18:00:00.000Z']);
  });

  it('a Pacific day runs midnight to midnight: 23 hours in spring, 25 in autumn', () => {
    const pacific = { unit: 'day', timeZone: 'America/Los_Angeles' } as const;
    assert.deepEqual(period(pacific, '2026-03-08T12:00:00Z'), ['2026-03-08T08:00:00.000Z', '2026-03-09T07:00:00.000Z']);
    assert.deepEqual(period(pacific, '2026-11-01T12:00:00Z'), ['2026-11-01T07:00:00.000Z', '2026-11-02T08:00:00.000Z']);
    assert.deepEqual(period(pacific, '2026-03-09T06:59:59.999Z'), ['2026-03-08T08:00:00.000Z', '2026-03-09T07:00:00.000Z']);
    assert.deepEqual(period(pacific, '2026-03-09T07:00:00Z'), ['2026-03-09T07:00:00.000Z', '2026-03-10T07:00:00.000Z']);
  });

  it('months start on the anchor day, clamped to short months, in the time zone', () => {
    assert.deepEqual(period({ unit: 'month', anchorDay: 31 }, '2026-02-20T00:00:00Z'), ['2026-01-31T00:00:00.000Z', '2026-02-28T00:00:00.000Z']);
    assert.deepEqual(period({ unit: 'month', anchorDay: 31 }, '2028-02-29T12:00:00Z'), ['2028-02-29T00:00:00.000Z', '2028-03-31T00:00:00.000Z']);
    assert.deepEqual(period({ unit: 'month', anchorDay: 15 }, '2026-01-03T00:00:00Z'), ['2025-12-15T00:00:00.000Z', '2026-01-15T00:00:00.000Z']);
    assert.deepEqual(period('month', '2026-12-31T23:59:59Z'), ['2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
    // Berlin is UTC+1 in winter, UTC+2 from the last Sunday of March.
    assert.deepEqual(period({ unit: 'month', anchorDay: 1, timeZone: 'Europe/Berlin' }, '2026-03-31T22:30:00Z'), ['2026-03-31T22:00:00.000Z', '2026-04-30T22:00:00.000Z']);
    assert.deepEqual(period({ unit: 'month', anchorDay: 1, timeZone: 'Europe/Berlin' }, '2026-03-31T21:30:00Z'), ['2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z']);
  });

  it('consecutive anchored months tile time with no gap or overlap', () => {
    const window = resolveWindow({ unit: 'month', anchorDay: 30, timeZone: 'America/Los_Angeles' }, 'w');
    if (window.type !== 'fixed') throw new Error('expected fixed');
    let at = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < 24; i += 1) {
      const p: { start: number; end: number } = window.period(at);
      assert.ok(p.start <= at && at < p.end);
      assert.equal(window.period(p.end).start, p.end);
      at = p.end;
    }
  });

  it('rejects impossible windows with ConfigError naming the field', () => {
    const field = (spec: unknown): string | undefined => {
      try {
        resolveWindow(spec as WindowSpec, 'w');
      } catch (error) {
        return ConfigError.isInstance(error) ? error.field : 'not a ConfigError';
      }
      return undefined;
    };
    assert.equal(field('fortnight'), 'w.unit');
    assert.equal(field({ unit: 'month', type: 'sliding' }), 'w.type');
    assert.equal(field({ unit: 'day', timeZone: 'Mars/Olympus' }), 'w.timeZone');
    assert.equal(field({ unit: 'month', anchorDay: 32 }), 'w.anchorDay');
    assert.equal(field({ unit: 'day', anchorDay: 3 }), 'w.anchorDay');
    assert.equal(field({ unit: 'hour', count: 5, type: 'fixed' }), 'w.count');
    assert.equal(field({ unit: 'minute', count: 0 }), 'w.count');
  });
});
