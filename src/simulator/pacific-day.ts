/**
 * The simulated Gemini quota day: per-day request quotas reset at midnight Pacific time (America/Los_Angeles),
 * as the Gemini API's rate-limit page states. Pacific midnight is 08:00 UTC in standard time (UTC-8) and
 * 07:00 UTC in daylight time (UTC-7); DST switches at 02:00 local, never at midnight, so each Pacific date has
 * exactly one midnight. The simulator's own statement: test/simulator/facts-agree.test.ts compares it with the
 * library's `time/pacific-day.ts`.
 */
const HOUR_MS = 3_600_000;

const pacificDate = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
});

interface PacificWallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
}

function wallClock(epochMs: number): PacificWallClock {
  const fields: Record<string, number> = {};
  for (const part of pacificDate.formatToParts(epochMs)) if (part.type !== 'literal') fields[part.type] = Number(part.value);
  return { year: fields.year!, month: fields.month!, day: fields.day!, hour: fields.hour! };
}

/** Epoch ms of midnight Pacific time on the Pacific date `year-month-day` (`day` may overflow the month). */
function pacificMidnight(year: number, month: number, day: number): number {
  const standard = Date.UTC(year, month - 1, day, 8);
  return wallClock(standard).hour === 0 ? standard : standard - HOUR_MS;
}

/** Epoch ms of the Pacific midnight that starts the quota day containing `now`. */
export function pacificDayStart(now: number): number {
  const { year, month, day } = wallClock(now);
  return pacificMidnight(year, month, day);
}

/** Epoch ms of the next Pacific midnight after `now`, when the day's quotas reset. */
export function nextPacificDayStart(now: number): number {
  const { year, month, day } = wallClock(now);
  return pacificMidnight(year, month, day + 1);
}
