import { ConfigError } from '../errors/config-error.js';

/**
 * A wall-clock date and time in some time zone; `month` is 1-based. Fields may overflow (`day: 32`), as with
 * `Date.UTC`, which is how "the next day" is written.
 *
 * @example
 * ```ts
 * const newYear: ZonedFields = { year: 2027, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
 * ```
 */
export interface ZonedFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    const options = { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' } as const;
    format = new Intl.DateTimeFormat('en-US', options);
    formatters.set(timeZone, format);
  }
  return format;
}

/**
 * Throws {@link ConfigError} unless `timeZone` is an IANA zone this runtime knows (`UTC`, `America/Los_Angeles`).
 *
 * @example
 * ```ts
 * assertTimeZone('Europe/Berlin', 'window.timeZone');
 * ```
 */
export function assertTimeZone(timeZone: unknown, field: string): asserts timeZone is string {
  try {
    if (typeof timeZone !== 'string') throw new RangeError('not a string');
    formatter(timeZone);
  } catch {
    throw new ConfigError(field, `expected an IANA time zone such as "UTC" or "America/Los_Angeles", got ${JSON.stringify(timeZone)}`);
  }
}

/**
 * The wall-clock fields of an instant in `timeZone`.
 *
 * @example
 * ```ts
 * zonedFields(Date.UTC(2026, 0, 1, 7), 'America/Los_Angeles'); // { year: 2025, month: 12, day: 31, hour: 23, … }
 * ```
 */
export function zonedFields(epochMs: number, timeZone: string): ZonedFields {
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return { year: fields.year!, month: fields.month!, day: fields.day!, hour: fields.hour!, minute: fields.minute!, second: fields.second! };
}

function offsetMs(epochMs: number, timeZone: string): number {
  const f = zonedFields(epochMs, timeZone);
  const wholeSecond = epochMs - (((epochMs % 1000) + 1000) % 1000);
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - wholeSecond;
}

/**
 * The instant at which the wall clock of `timeZone` shows `fields`. Intl knows the DST rules, so a 23- or
 * 25-hour day comes out right. A wall time that a DST jump skips maps to the instant just after the jump.
 *
 * @example
 * ```ts
 * zonedEpoch({ year: 2026, month: 3, day: 9, hour: 0, minute: 0, second: 0 }, 'America/Los_Angeles'); // 08:00 UTC
 * ```
 */
export function zonedEpoch(fields: ZonedFields, timeZone: string): number {
  const asUtc = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
  // One correction step: the offset at the first guess may be the other side of a DST change.
  const guess = asUtc - offsetMs(asUtc, timeZone);
  return asUtc - offsetMs(guess, timeZone);
}
