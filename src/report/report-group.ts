import type { UsageEvent } from '../usage-event.js';

/**
 * The named groupings of a report: event fields, the well-known tags, and the UTC day or month.
 *
 * @example
 * ```ts
 * if (!(REPORT_GROUPS as readonly string[]).includes(name)) throw new Error(`unknown grouping ${name}`);
 * ```
 */
export const REPORT_GROUPS = ['provider', 'model', 'operation', 'environment', 'customer', 'project', 'user', 'session', 'day', 'month', 'serviceTier'] as const;

/**
 * What a report can group by: one of {@link REPORT_GROUPS}, or any tag as `tag:<name>`. `customer`, `project`,
 * `user` and `session` are the tags of those names; `day` (`2026-11-23`) and `month` (`2026-11`) are UTC;
 * `serviceTier` is the processing tier the provider reported (`default`, `flex`, `priority`, Gemini's
 * `standard`…; `(none)` when it said none).
 *
 * @example
 * ```ts
 * const by: ReportGroup[] = ['month', 'customer', 'tag:team'];
 * console.log(formatReport(await summarizeUsage(readJsonlLedger('usage.jsonl'), by), by));
 * ```
 */
export type ReportGroup = (typeof REPORT_GROUPS)[number] | `tag:${string}`;

/**
 * The value an event shows in a group column; `(none)` for an event without that tag.
 *
 * @example
 * ```ts
 * groupValue(event, 'month'); // '2026-11'
 * ```
 */
export function groupValue(event: UsageEvent, group: ReportGroup): string {
  switch (group) {
    case 'day':
      return utcTime(event.time).slice(0, 10);
    case 'month':
      return utcTime(event.time).slice(0, 7);
    case 'customer':
    case 'project':
    case 'user':
    case 'session':
      return event.tags?.[group] ?? '(none)';
    case 'serviceTier':
      return event.usage.serviceTier ?? '(none)';
    case 'provider':
    case 'model':
    case 'operation':
    case 'environment':
      return event[group];
    default:
      return event.tags?.[group.slice(4)] ?? '(none)';
  }
}

// Events carry `toISOString()` times; a time written with an offset is moved to UTC so days never split.
function utcTime(time: string): string {
  if (time.endsWith('Z')) return time;
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? time : new Date(ms).toISOString();
}
