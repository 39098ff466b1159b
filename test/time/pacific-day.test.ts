import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextPacificDayStart, pacificDayStart } from '../../src/time/pacific-day.js';
import { PacificDayCounter } from '../../src/simulator/quotas.js';

const HOUR = 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString();

describe('pacificDayStart / nextPacificDayStart', () => {
  it('finds midnight at UTC-8 in winter and UTC-7 in summer', () => {
    assert.equal(iso(pacificDayStart(Date.parse('2025-01-15T20:00:00Z'))), '2025-01-15T08:00:00.000Z');
    assert.equal(iso(nextPacificDayStart(Date.parse('2025-01-15T20:00:00Z'))), '2025-01-16T08:00:00.000Z');
    assert.equal(iso(pacificDayStart(Date.parse('2025-07-04T06:59:59Z'))), '2025-07-03T07:00:00.000Z');
    assert.equal(iso(nextPacificDayStart(Date.parse('2025-07-04T06:59:59Z'))), '2025-07-04T07:00:00.000Z');
  });

  it('treats the exact midnight instant as the start of the new day', () => {
    const midnight = Date.parse('2025-01-16T08:00:00Z');
    assert.equal(pacificDayStart(midnight), midnight);
    assert.equal(pacificDayStart(midnight - 1), Date.parse('2025-01-15T08:00:00Z'));
    assert.equal(nextPacificDayStart(midnight), Date.parse('2025-01-17T08:00:00Z'));
  });

  it('gives the 23-hour day of the spring change (2025-03-09) and the 25-hour day of the autumn change (2025-11-02)', () => {
    const spring = Date.parse('2025-03-09T12:00:00Z'); // 05:00 PDT, after the 02:00 jump
    assert.equal(iso(pacificDayStart(spring)), '2025-03-09T08:00:00.000Z');
    assert.equal(iso(nextPacificDayStart(spring)), '2025-03-10T07:00:00.000Z');
    assert.equal(nextPacificDayStart(spring) - pacificDayStart(spring), 23 * HOUR);

    const autumn = Date.parse('2025-11-02T10:30:00Z'); // 02:30 PST, the repeated hour is over
    assert.equal(iso(pacificDayStart(autumn)), '2025-11-02T07:00:00.000Z');
    assert.equal(iso(nextPacificDayStart(autumn)), '2025-11-03T08:00:00.000Z');
    assert.equal(nextPacificDayStart(autumn) - pacificDayStart(autumn), 25 * HOUR);
  });

  it('crosses month and year ends', () => {
    assert.equal(iso(nextPacificDayStart(Date.parse('2025-12-31T20:00:00Z'))), '2026-01-01T08:00:00.000Z');
    assert.equal(iso(nextPacificDayStart(Date.parse('2024-02-28T20:00:00Z'))), '2024-02-29T08:00:00.000Z');
  });
});

describe('PacificDayCounter', () => {
  it('counts within a Pacific day and resets at midnight America/Los_Angeles, not at midnight UTC', () => {
    const counter = new PacificDayCounter();
    const evening = Date.parse('2025-01-15T23:30:00Z'); // 15:30 PST
    counter.spend(evening);
    counter.spend(Date.parse('2025-01-16T01:00:00Z')); // past UTC midnight, still the 15th in Los Angeles
    assert.equal(counter.used(Date.parse('2025-01-16T07:59:59Z')), 2);
    assert.equal(counter.resetInMs(evening), Date.parse('2025-01-16T08:00:00Z') - evening);
    assert.equal(counter.used(Date.parse('2025-01-16T08:00:00Z')), 0);
  });

  it('resets 23 hours after the previous midnight across the spring change', () => {
    const counter = new PacificDayCounter();
    const start = Date.parse('2025-03-09T08:00:00Z'); // midnight PST
    counter.spend(start);
    assert.equal(counter.resetInMs(start), 23 * HOUR);
    assert.equal(counter.used(start + 23 * HOUR - 1), 1);
    assert.equal(counter.used(start + 23 * HOUR), 0);
  });

  it('resets 25 hours after the previous midnight across the autumn change', () => {
    const counter = new PacificDayCounter();
    const start = Date.parse('2025-11-02T07:00:00Z'); // midnight PDT
    counter.spend(start);
    counter.spend(start + 24 * HOUR); // 23:00 PST, same Pacific day
    assert.equal(counter.used(start + 25 * HOUR - 1), 2);
    assert.equal(counter.resetInMs(start + 24 * HOUR), HOUR);
    assert.equal(counter.used(start + 25 * HOUR), 0);
  });
});
