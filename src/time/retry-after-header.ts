/**
 * The wait an HTTP reply's `Retry-After` asks for, in ms: delay-seconds or an HTTP-date (RFC 9110 §10.2.3,
 * https://www.rfc-editor.org/rfc/rfc9110#field.retry-after, read 2026-12-05). Undefined when absent or
 * unreadable; a date in the past gives 0. The providers' reader (`providers/shared/retry-after.ts`) adds their
 * `retry-after-ms` before it; the billing sinks read this standard header alone.
 *
 * @example
 * ```ts
 * retryAfterHeaderMs('2', Date.now()); // 2000
 * ```
 */
export function retryAfterHeaderMs(value: string | null | undefined, now: number): number | undefined {
  const raw = value?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Number.parseFloat(raw) * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
