import type { AnnouncedConcurrency } from './concurrency-gate.js';

/**
 * One limit a provider announced in its `x-ratelimit-*` reply headers.
 *
 * @example
 * ```ts
 * const requests: AnnouncedLimit = { limit: 60, remaining: 59, resetMs: 1000 };
 * ```
 */
export interface AnnouncedLimit {
  /** The limit, e.g. requests per minute. */
  readonly limit: number;
  /** What is left of it when the reply was sent. */
  readonly remaining: number;
  /** Milliseconds until the limit is whole again. */
  readonly resetMs: number;
}

/**
 * The request and token limits a reply announced; a unit is absent when its three headers are not all there.
 *
 * @example
 * ```ts
 * const announced: AnnouncedLimits = { requests: { limit: 60, remaining: 0, resetMs: 800 } };
 * ```
 */
export interface AnnouncedLimits {
  readonly requests?: AnnouncedLimit;
  readonly tokens?: AnnouncedLimit;
}

const GO_DURATION = /^(?:(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns))+$/;
const GO_PART = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g;
const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 1e-3, µs: 1e-3, ns: 1e-6 };

/**
 * A Go-style duration (`1s`, `6m0s`, `12ms`, `1h2m3.5s`), as OpenAI's `x-ratelimit-reset-*` headers send it,
 * in milliseconds; undefined when it is not one.
 *
 * @example
 * ```ts
 * goDurationMs('6m0s'); // 360000
 * ```
 */
export function goDurationMs(value: string | undefined): number | undefined {
  const text = value?.trim();
  if (!text || !GO_DURATION.test(text)) return undefined;
  let ms = 0;
  for (const [, amount, unit] of text.matchAll(GO_PART)) ms += Number.parseFloat(amount!) * UNIT_MS[unit!]!;
  return ms;
}

/**
 * Reads `x-ratelimit-{limit,remaining,reset}-{requests,tokens}` from lower-cased reply headers (a call
 * result's `headers`). Malformed values are ignored, never guessed: adaptive throttling then simply has
 * nothing to act on.
 *
 * @example
 * ```ts
 * readRateLimitHeaders({ 'x-ratelimit-limit-requests': '60', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '1s' });
 * // { requests: { limit: 60, remaining: 0, resetMs: 1000 } }
 * ```
 */
export function readRateLimitHeaders(headers: Readonly<Record<string, string>> | undefined): AnnouncedLimits | undefined {
  if (!headers) return undefined;
  const requests = announced(headers, 'requests');
  const tokens = announced(headers, 'tokens');
  if (!requests && !tokens) return undefined;
  return { ...(requests ? { requests } : {}), ...(tokens ? { tokens } : {}) };
}

// Header names built once: this runs on every reply.
const NAMES = {
  requests: { limit: 'x-ratelimit-limit-requests', remaining: 'x-ratelimit-remaining-requests', reset: 'x-ratelimit-reset-requests' },
  tokens: { limit: 'x-ratelimit-limit-tokens', remaining: 'x-ratelimit-remaining-tokens', reset: 'x-ratelimit-reset-tokens' },
} as const;

function announced(headers: Readonly<Record<string, string>>, unit: 'requests' | 'tokens'): AnnouncedLimit | undefined {
  const names = NAMES[unit];
  const limit = count(headers[names.limit]);
  if (limit === undefined) return undefined;
  const remaining = count(headers[names.remaining]);
  const resetMs = goDurationMs(headers[names.reset]);
  if (remaining === undefined || resetMs === undefined || limit <= 0) return undefined;
  return { limit, remaining: Math.min(remaining, limit), resetMs };
}

/**
 * Reads the concurrency an ElevenLabs reply announced (`current-concurrent-requests`,
 * `maximum-concurrent-requests`, lower-cased as in a call result's `headers`); undefined unless both are counts
 * and the maximum is positive.
 *
 * @example
 * ```ts
 * readConcurrencyHeaders({ 'current-concurrent-requests': '2', 'maximum-concurrent-requests': '5' }); // { current: 2, maximum: 5 }
 * ```
 */
export function readConcurrencyHeaders(headers: Readonly<Record<string, string>> | undefined): AnnouncedConcurrency | undefined {
  const maximum = count(headers?.['maximum-concurrent-requests']);
  const current = count(headers?.['current-concurrent-requests']);
  if (maximum === undefined || current === undefined || maximum <= 0) return undefined;
  return { current, maximum };
}

function count(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Number.parseInt(value, 10);
}
