import { ConfigError } from '../errors/config-error.js';
import { assertTimeZone, zonedEpoch, zonedFields } from '../time/zoned-time.js';

/**
 * When {@link jsonlSink} starts a new segment file. Rotation never renames a file: each segment's name is
 * derived from the day and a counter, so processes appending to one ledger at once agree on where a batch
 * goes without locks, and no line is lost, split or written twice.
 *
 * @example
 * ```ts
 * const rotate: JsonlRotateOptions = { maxBytes: 64 * 1024 * 1024, daily: { timeZone: 'America/Los_Angeles' } };
 * const ai = createAIClient({ providers, sinks: [jsonlSink('logs/usage.jsonl', { rotate })] });
 * ```
 */
export interface JsonlRotateOptions {
  /**
   * Start the next segment once the current one holds this many bytes. Checked before each batch, so a segment
   * ends with the batch that crossed the size (and whatever other processes appended meanwhile).
   * @default undefined (no size limit)
   */
  readonly maxBytes?: number;
  /**
   * One segment (or, with `maxBytes`, one series) per calendar day, named by the date: `true` counts days in
   * UTC, `{ timeZone }` in that IANA zone (e.g. the Pacific day that Gemini quotas reset on).
   * @default false
   */
  readonly daily?: boolean | { readonly timeZone: string };
}

/** Validated rotation settings. */
export interface Rotation {
  /** Infinity without a size limit. */
  readonly maxBytes: number;
  /** The `YYYY-MM-DD` an instant falls on, or undefined without daily rotation. */
  readonly day: ((epochMs: number) => string) | undefined;
}

/** Reads `options.rotate`, or throws {@link ConfigError} naming the bad field. */
export function rotation(options: JsonlRotateOptions | undefined): Rotation {
  if (options === undefined) return { maxBytes: Infinity, day: undefined };
  if (typeof options !== 'object' || options === null) throw new ConfigError('rotate', 'expected an object such as { maxBytes: 67108864, daily: true }');
  const { maxBytes = Infinity, daily = false } = options;
  if (maxBytes !== Infinity && (!Number.isSafeInteger(maxBytes) || maxBytes < 1)) {
    throw new ConfigError('rotate.maxBytes', 'expected a whole number of bytes, 1 or more');
  }
  if (daily === false) return { maxBytes, day: undefined };
  if (daily === true) return { maxBytes, day: calendarDay('UTC') };
  if (typeof daily !== 'object' || daily === null) throw new ConfigError('rotate.daily', 'expected true, false or { timeZone }');
  assertTimeZone(daily.timeZone, 'rotate.daily.timeZone');
  return { maxBytes, day: calendarDay(daily.timeZone) };
}

/** The day of an instant in `timeZone`, worked out again only when an instant falls outside the last day seen. */
function calendarDay(timeZone: string): (epochMs: number) => string {
  let from = Infinity;
  let until = -Infinity;
  let day = '';
  return (epochMs) => {
    if (epochMs < from || epochMs >= until) {
      const f = zonedFields(epochMs, timeZone);
      day = `${String(f.year).padStart(4, '0')}-${String(f.month).padStart(2, '0')}-${String(f.day).padStart(2, '0')}`;
      from = zonedEpoch({ ...f, hour: 0, minute: 0, second: 0 }, timeZone);
      until = zonedEpoch({ ...f, day: f.day + 1, hour: 0, minute: 0, second: 0 }, timeZone);
    }
    return day;
  };
}
