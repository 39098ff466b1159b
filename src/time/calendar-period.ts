import { zonedEpoch, zonedFields } from './zoned-time.js';

/**
 * A calendar unit a period can be aligned to.
 *
 * @example
 * ```ts
 * const unit: CalendarUnit = 'month';
 * ```
 */
export type CalendarUnit = 'hour' | 'day' | 'month';

/**
 * How a calendar period is aligned.
 *
 * @example
 * ```ts
 * const billing: CalendarAlignment = { timeZone: 'UTC', anchorDay: 15 };
 * ```
 */
export interface CalendarAlignment {
  /** IANA time zone whose wall clock the period follows. @default 'UTC' */
  readonly timeZone?: string;
  /** Day of the month a month starts on, clamped to the last day of shorter months. @default 1 */
  readonly anchorDay?: number;
  /** Hours per period, for `hour` (counted from local midnight). @default 1 */
  readonly hours?: number;
}

/**
 * A half-open interval of epoch milliseconds, `[start, end)`.
 *
 * @example
 * ```ts
 * const { start, end }: Period = calendarPeriod(Date.now(), 'day');
 * ```
 */
export interface Period {
  readonly start: number;
  readonly end: number;
}

/**
 * The calendar period containing `epochMs`: the hour, the local day (midnight to midnight in `timeZone`, so
 * 23 or 25 hours across DST changes), or the month starting at local midnight on `anchorDay`.
 *
 * @example
 * ```ts
 * calendarPeriod(Date.UTC(2026, 1, 20), 'month', { anchorDay: 31 }); // Jan 31 → Feb 28 (clamped) → Mar 31
 * calendarPeriod(Date.now(), 'day', { timeZone: 'America/Los_Angeles' }); // Gemini's quota day
 * ```
 */
export function calendarPeriod(epochMs: number, unit: CalendarUnit, alignment: CalendarAlignment = {}): Period {
  const timeZone = alignment.timeZone ?? 'UTC';
  const f = zonedFields(epochMs, timeZone);
  const at = (year: number, month: number, day: number, hour = 0): number => zonedEpoch({ year, month, day, hour, minute: 0, second: 0 }, timeZone);
  if (unit === 'hour') {
    const hours = alignment.hours ?? 1;
    const first = f.hour - (f.hour % hours);
    return { start: at(f.year, f.month, f.day, first), end: at(f.year, f.month, f.day, first + hours) };
  }
  if (unit === 'day') return { start: at(f.year, f.month, f.day), end: at(f.year, f.month, f.day + 1) };
  const anchorDay = alignment.anchorDay ?? 1;
  const anchor = (year: number, month: number): number => {
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return at(year, month, Math.min(anchorDay, daysInMonth));
  };
  // `month` may run to 0 or 13: Date.UTC normalizes, and so does the day count above.
  const normalized = (year: number, month: number): [number, number] => {
    const d = new Date(Date.UTC(year, month - 1, 1));
    return [d.getUTCFullYear(), d.getUTCMonth() + 1];
  };
  let [year, month] = [f.year, f.month];
  if (anchor(year, month) > epochMs) [year, month] = normalized(year, month - 1);
  const [nextYear, nextMonth] = normalized(year, month + 1);
  return { start: anchor(year, month), end: anchor(nextYear, nextMonth) };
}
