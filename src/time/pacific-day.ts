import { lazy } from './lazy.js';

// Gemini's daily quotas reset at midnight America/Los_Angeles. Intl knows the DST rules, so a 23- or 25-hour
// day comes out right without a hand-written calendar.
const PACIFIC = lazy(() => new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
}));

function pacificFields(epochMs: number): Record<string, number> {
  const fields: Record<string, number> = {};
  for (const part of PACIFIC().formatToParts(epochMs)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return fields;
}

function pacificOffsetMs(epochMs: number): number {
  const f = pacificFields(epochMs);
  const asUtc = Date.UTC(f.year!, f.month! - 1, f.day, f.hour, f.minute, f.second);
  return asUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}

// DST switches at 02:00 local, never at midnight, so one correction step finds the exact instant.
function pacificMidnight(year: number, month: number, day: number): number {
  const utcMidnight = Date.UTC(year, month - 1, day);
  const guess = utcMidnight - pacificOffsetMs(utcMidnight);
  return utcMidnight - pacificOffsetMs(guess);
}

/** Epoch ms of the midnight (America/Los_Angeles) that starts the Pacific day containing `epochMs`. */
export function pacificDayStart(epochMs: number): number {
  const f = pacificFields(epochMs);
  return pacificMidnight(f.year!, f.month!, f.day!);
}

/** Epoch ms of the next midnight America/Los_Angeles after `epochMs`. */
export function nextPacificDayStart(epochMs: number): number {
  const f = pacificFields(epochMs);
  return pacificMidnight(f.year!, f.month!, f.day! + 1);
}
