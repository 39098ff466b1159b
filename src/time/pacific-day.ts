import { zonedEpoch, zonedFields } from './zoned-time.js';

// Gemini's daily quotas reset at midnight America/Los_Angeles. DST switches at 02:00 local, never at midnight,
// so every Pacific day has a midnight for zonedEpoch to find.
const PACIFIC = 'America/Los_Angeles';

function pacificMidnight(year: number, month: number, day: number): number {
  return zonedEpoch({ year, month, day, hour: 0, minute: 0, second: 0 }, PACIFIC);
}

/** Epoch ms of the midnight (America/Los_Angeles) that starts the Pacific day containing `epochMs`. */
export function pacificDayStart(epochMs: number): number {
  const f = zonedFields(epochMs, PACIFIC);
  return pacificMidnight(f.year, f.month, f.day);
}

/** Epoch ms of the next midnight America/Los_Angeles after `epochMs`. */
export function nextPacificDayStart(epochMs: number): number {
  const f = zonedFields(epochMs, PACIFIC);
  return pacificMidnight(f.year, f.month, f.day + 1);
}
