import { assertKnownKeys } from '../../config/known-keys.js';
import { ConfigError } from '../../errors/config-error.js';
import { calendarPeriod, type Period } from '../../time/calendar-period.js';
import { assertTimeZone } from '../../time/zoned-time.js';

/**
 * A window's length unit.
 *
 * @example
 * ```ts
 * const unit: WindowUnit = 'day';
 * ```
 */
export type WindowUnit = 'second' | 'minute' | 'hour' | 'day' | 'month';

/**
 * A window in full. `sliding` counts the last `count × unit` (a rolling minute, as providers count RPM);
 * `fixed` counts per period: seconds and minutes aligned to the epoch, hours, days and months to the
 * calendar of `timeZone`, months starting on `anchorDay`.
 *
 * @example
 * ```ts
 * const geminiDay: WindowOptions = { unit: 'day', type: 'fixed', timeZone: 'America/Los_Angeles' };
 * const billingMonth: WindowOptions = { unit: 'month', anchorDay: 15 };
 * const tenSeconds: WindowOptions = { unit: 'second', count: 10, type: 'sliding' };
 * ```
 */
export interface WindowOptions {
  /** Length unit. */
  readonly unit: WindowUnit;
  /** Units per window (not for days and months). @default 1 */
  readonly count?: number;
  /** Rolling or calendar-aligned. @default 'sliding' for second, minute and hour; 'fixed' for day and month */
  readonly type?: 'sliding' | 'fixed';
  /** Time zone of a fixed hour, day or month. @default 'UTC' */
  readonly timeZone?: string;
  /** Day of the month a fixed month starts on (clamped to short months). @default 1 */
  readonly anchorDay?: number;
}

/**
 * A window: a unit (with its default type) or {@link WindowOptions}.
 *
 * @example
 * ```ts
 * const rpm: WindowSpec = 'minute';
 * const rpd: WindowSpec = { unit: 'day', timeZone: 'America/Los_Angeles' };
 * ```
 */
export type WindowSpec = WindowUnit | WindowOptions;

/**
 * A window resolved for counting: a rolling length, calendar periods, or (for `concurrent`) a lease that
 * frees a slot its holder never released.
 *
 * @example
 * ```ts
 * const window: LimitWindow = resolveWindow('minute', 'policies[0].window'); // { type: 'sliding', ms: 60000 }
 * ```
 */
export type LimitWindow =
  | { readonly type: 'sliding'; readonly ms: number }
  | { readonly type: 'fixed'; readonly period: (now: number) => Period }
  | { readonly type: 'lease'; readonly ms: number };

const UNIT_MS: Readonly<Record<Exclude<WindowUnit, 'month'>, number>> = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/**
 * Validates a {@link WindowSpec} and resolves it; throws {@link ConfigError} naming `field`.
 *
 * @example
 * ```ts
 * const day = resolveWindow({ unit: 'day', timeZone: 'America/Los_Angeles' }, 'window');
 * day.type === 'fixed' && day.period(Date.now()).end; // the next midnight Pacific
 * ```
 */
export function resolveWindow(spec: WindowSpec, field: string): LimitWindow {
  const options: WindowOptions = typeof spec === 'string' ? { unit: spec } : spec;
  if (typeof options !== 'object' || options === null) throw new ConfigError(field, 'expected a unit such as "minute" or window options');
  assertKnownKeys(options, ['unit', 'count', 'type', 'timeZone', 'anchorDay'], field);
  const { unit } = options;
  if (!['second', 'minute', 'hour', 'day', 'month'].includes(unit)) throw new ConfigError(`${field}.unit`, 'expected second, minute, hour, day or month');
  const count = options.count ?? 1;
  if (!Number.isInteger(count) || count < 1) throw new ConfigError(`${field}.count`, 'expected a positive integer');
  const type = options.type ?? (unit === 'day' || unit === 'month' ? 'fixed' : 'sliding');
  if (type !== 'sliding' && type !== 'fixed') throw new ConfigError(`${field}.type`, 'expected "sliding" or "fixed"');
  if (unit === 'month' && type === 'sliding') throw new ConfigError(`${field}.type`, 'a month has no fixed length; use a fixed month or a sliding day count');
  const timeZone = options.timeZone ?? 'UTC';
  assertTimeZone(timeZone, `${field}.timeZone`);
  const anchorDay = options.anchorDay ?? 1;
  if (!Number.isInteger(anchorDay) || anchorDay < 1 || anchorDay > 31) throw new ConfigError(`${field}.anchorDay`, 'expected a day of the month, 1 to 31');
  if (options.anchorDay !== undefined && unit !== 'month') throw new ConfigError(`${field}.anchorDay`, 'only a month has an anchor day');
  if (type === 'sliding') return { type, ms: UNIT_MS[unit as Exclude<WindowUnit, 'month'>] * count };
  if (unit === 'second' || unit === 'minute') {
    const ms = UNIT_MS[unit] * count;
    return { type, period: (now) => ({ start: now - (((now % ms) + ms) % ms), end: now - (((now % ms) + ms) % ms) + ms }) };
  }
  if ((unit === 'day' || unit === 'month') && count !== 1) throw new ConfigError(`${field}.count`, `a fixed ${unit} window counts one ${unit}`);
  if (unit === 'hour' && 24 % count !== 0) throw new ConfigError(`${field}.count`, 'fixed hours must divide a day (1, 2, 3, 4, 6, 8, 12 or 24)');
  return { type, period: (now) => calendarPeriod(now, unit, { timeZone, anchorDay, hours: count }) };
}
