import { retryAfterHeaderMs } from '../../time/retry-after-header.js';

/** Reads one header from a `Headers` object or a plain record, case-insensitively. */
export type HeaderSource = Headers | Readonly<Record<string, string | string[] | undefined>> | undefined;

/**
 * Returns a header value from `Headers` or a plain record, case-insensitively.
 *
 * @example
 * ```ts
 * headerValue(error.headers, 'x-request-id');
 * ```
 */
export function headerValue(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (key.toLowerCase() === lower) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/**
 * The wait a reply asks for, in ms: `retry-after-ms`, else `retry-after` as seconds or an HTTP date.
 * Undefined when absent or unreadable; a date in the past gives 0.
 *
 * @example
 * ```ts
 * retryAfterMs(new Headers({ 'retry-after': '2' })); // 2000
 * ```
 */
export function retryAfterMs(headers: HeaderSource, now: number = Date.now()): number | undefined {
  const ms = Number.parseFloat(headerValue(headers, 'retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  return retryAfterHeaderMs(headerValue(headers, 'retry-after'), now);
}

/**
 * A protobuf JSON duration (`"3s"`, `"0.5s"`, `"1.250s"`) in ms, as Gemini's `RetryInfo.retryDelay` sends it.
 *
 * @example
 * ```ts
 * durationMs('1.5s'); // 1500
 * ```
 */
export function durationMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  return match ? Math.round(Number.parseFloat(match[1]!) * 1000) : undefined;
}
