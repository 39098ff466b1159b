import { assertKnownKeys } from '../../config/known-keys.js';
import { ConfigError } from '../../errors/config-error.js';
import { systemClock, type Clock } from '../../time/clock.js';
import type { UsageEvent } from '../../usage-event.js';

/**
 * Who an event is billed to: the name of a tag (`'customer'` reads `event.tags.customer`), or a function of the
 * event. An event without one is not sent: it goes to the dead-letter file.
 *
 * @example
 * ```ts
 * const byTag: BillingSubject = 'stripeCustomer';
 * const mapped: BillingSubject = (event) => stripeIds.get(event.tags.customer ?? '');
 * ```
 */
export type BillingSubject = string | ((event: UsageEvent) => string | undefined);

/**
 * What every billing sink ({@link stripeMeterSink}, {@link openMeterSink}, {@link lagoSink}) takes besides its
 * service's own settings: where refused events go, how failures are retried, and how long a request may take.
 *
 * @example
 * ```ts
 * const options: BillingSinkOptions = { deadLetterPath: 'billing/dead-letter.jsonl', retries: 8, timeoutMs: 5_000 };
 * ```
 */
export interface BillingSinkOptions {
  /**
   * The JSON Lines file that keeps every event the service refused for good (a 4xx other than 429), that could
   * not be sent at all (no customer, an unknown figure, too old) or that still failed after every retry: one
   * line per event, `{ "v": 1, "service", "reason", "status"?, "detail", "at", "event" }`, so nothing is lost.
   * Read it back with {@link readBillingDeadLetters}. Required.
   */
  readonly deadLetterPath: string;
  /** Name in `sink-error` events and stats. @default the service: 'stripe', 'openmeter' or 'lago' */
  readonly name?: string;
  /** Further tries of a request the service answered 429 or 5xx, or that failed on the network. @default 5 */
  readonly retries?: number;
  /** Milliseconds before the first retry, doubling each time. @default 500 */
  readonly minRetryDelayMs?: number;
  /** The longest backoff between two tries, in ms. @default 30000 */
  readonly maxRetryDelayMs?: number;
  /**
   * The longest `Retry-After` honoured, in ms: the service's wait when it asks for one (never less than the
   * backoff), capped here.
   * @default 60000
   */
  readonly maxRetryAfterMs?: number;
  /** A request that has not answered after this many ms is abandoned and retried. @default 10000 */
  readonly timeoutMs?: number;
  /** The clock: `now` dates events for the services' time windows, `sleep` waits between retries. @default systemClock */
  readonly clock?: Clock;
}

/** {@link BillingSinkOptions} checked, with the defaults filled in. */
export interface BillingSettings {
  readonly deadLetterPath: string;
  readonly name: string;
  readonly retries: number;
  readonly minRetryDelayMs: number;
  readonly maxRetryDelayMs: number;
  readonly maxRetryAfterMs: number;
  readonly timeoutMs: number;
  readonly clock: Clock;
}

/** The keys of {@link BillingSinkOptions}, which each sink's own option check adds its keys to. */
export const BILLING_OPTION_KEYS = ['deadLetterPath', 'name', 'retries', 'minRetryDelayMs', 'maxRetryDelayMs', 'maxRetryAfterMs', 'timeoutMs', 'clock'] as const;

/**
 * Checks the options every billing sink shares and fills in their defaults; throws {@link ConfigError} naming
 * the first wrong or unknown option (`ownKeys` are the sink's own, checked by the caller).
 */
export function billingSettings(options: unknown, service: string, ownKeys: readonly string[]): BillingSettings {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new ConfigError('options', 'expected an options object');
  assertKnownKeys(options, [...BILLING_OPTION_KEYS, ...ownKeys], '');
  const o = options as BillingSinkOptions;
  if (typeof o.deadLetterPath !== 'string' || o.deadLetterPath.length === 0) {
    throw new ConfigError('deadLetterPath', 'expected the path of a JSON Lines file for the events the service refuses');
  }
  if (o.name !== undefined && (typeof o.name !== 'string' || o.name.length === 0)) throw new ConfigError('name', 'expected a non-empty string');
  const clock = o.clock ?? systemClock;
  if (typeof clock.now !== 'function' || typeof clock.sleep !== 'function') throw new ConfigError('clock', 'expected { now(), sleep(ms) }');
  return {
    deadLetterPath: o.deadLetterPath,
    name: o.name ?? service,
    retries: count(o.retries, 'retries', 5, 0),
    minRetryDelayMs: count(o.minRetryDelayMs, 'minRetryDelayMs', 500, 0),
    maxRetryDelayMs: count(o.maxRetryDelayMs, 'maxRetryDelayMs', 30_000, 0),
    maxRetryAfterMs: count(o.maxRetryAfterMs, 'maxRetryAfterMs', 60_000, 0),
    timeoutMs: count(o.timeoutMs, 'timeoutMs', 10_000, 1),
    clock,
  };
}

/** A whole number ≥ `min`, or `fallback` when absent. */
export function count(value: unknown, field: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) throw new ConfigError(field, `expected a whole number ≥ ${min}`);
  return value;
}

/** A non-empty string option, required or with a default. */
export function text(value: unknown, field: string, fallback?: string): string {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || value.trim().length === 0) throw new ConfigError(field, 'expected a non-empty string');
  return value;
}

/** A {@link BillingSubject} option as a function of the event. */
export function subjectOf(value: unknown, field: string, fallbackTag: string): (event: UsageEvent) => string | undefined {
  if (typeof value === 'function') return value as (event: UsageEvent) => string | undefined;
  const tag = text(value, field, fallbackTag);
  return (event) => event.tags[tag];
}

/** A base URL option without its trailing slash; `http:` and `https:` only. */
export function baseUrl(value: unknown, field: string, fallback: string): string {
  const raw = text(value, field, fallback);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(field, `expected an absolute URL, got ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(field, 'expected an http: or https: URL');
  return raw.replace(/\/+$/, '');
}
