import { RateLimitedError } from '../../errors/rate-limited-error.js';
import type { Planned } from '../policy/limit-plan.js';
import type { LimitUnit } from '../policy/limit-unit.js';

/**
 * What the limiter knows about a refused call's counter: how much is used (and how much of that is held by
 * reservations in flight), and when the call could fit.
 *
 * @example
 * ```ts
 * const facts: RefusalFacts = { used: 2, inFlight: 0, retryAfterMs: 65_599_836, resetAt: new Date('2026-12-06T00:00:00Z') };
 * ```
 */
export interface RefusalFacts {
  /** Reserved and settled in the window; absent for a call bigger than the whole limit. */
  readonly used?: number;
  /** The limit the counter was checked against, when not the policy's (a fallback store's local share). */
  readonly limit?: number;
  /** The part of `used` held by reservations in flight. */
  readonly inFlight?: number;
  /** The earliest the call could fit, in ms. */
  readonly retryAfterMs?: number;
  /** When the counter's calendar period resets. */
  readonly resetAt?: Date;
}

/**
 * The error of a call refused by policy `p`, its message in human units: which limit, how much did not fit,
 * what is used, and when room comes (not for a call larger than the whole limit, which never fits).
 *
 * @example
 * ```ts
 * throw refusal(blocked, { used: 2, inFlight: 0, retryAfterMs: 65_599_836 });
 * // RateLimitedError: limit "rpd": 1 request does not fit: 2 of 2 used; room in 18 h 13 min
 * ```
 */
export function refusal(p: Planned, facts: RefusalFacts): RateLimitedError {
  const { unit, limit, name } = p.policy;
  const amount = p.request.amount;
  const where = p.scope ? ` for ${p.scope}` : '';
  const never = amount > limit;
  let why: string;
  if (never) why = `the call alone needs ${quantity(amount, unit)}, more than the whole limit of ${quantity(limit, unit)}`;
  else {
    const used = facts.used === undefined ? '' : `: ${figure(facts.used, unit)} of ${quantity(facts.limit ?? limit, unit)} ${unit === 'concurrent' ? 'in flight' : 'used'}`;
    const inFlight = facts.inFlight ? ` (${figure(facts.inFlight, unit)} of it reserved by calls in flight)` : '';
    why = `${quantity(amount, unit)} ${amount === 1 || unit === 'usd' ? 'does' : 'do'} not fit${used}${inFlight}`;
  }
  const retryAfterMs = never || facts.retryAfterMs === undefined ? undefined : Math.max(0, Math.ceil(facts.retryAfterMs));
  const when = retryAfterMs === undefined ? '' : `; room in ${humanDuration(retryAfterMs)}`;
  const reset = never || facts.resetAt === undefined ? '' : ` (the period resets at ${facts.resetAt.toISOString()})`;
  return new RateLimitedError(`limit "${name}"${where}: ${why}${when}${reset}`, {
    policy: name,
    scope: p.scope,
    unit,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(never || facts.resetAt === undefined ? {} : { resetAt: facts.resetAt }),
  });
}

const NAMES: Readonly<Record<LimitUnit, readonly [string, string]>> = {
  requests: ['request', 'requests'],
  inputTokens: ['input token', 'input tokens'],
  outputTokens: ['output token', 'output tokens'],
  tokens: ['token', 'tokens'],
  characters: ['character', 'characters'],
  credits: ['credit', 'credits'],
  usd: ['', ''],
  concurrent: ['call at once', 'calls at once'],
};

/** An amount with its unit: `1 request`, `900 tokens`, `$0.00062`. */
function quantity(amount: number, unit: LimitUnit): string {
  if (unit === 'usd') return figure(amount, unit);
  return `${figure(amount, unit)} ${NAMES[unit][amount === 1 ? 0 : 1]}`;
}

/** A number as people read it: whole numbers as they are, fractions to 4 significant digits, dollars with `$`. */
function figure(amount: number, unit: LimitUnit): string {
  const digits = Number.isInteger(amount) ? String(amount) : String(Number(amount.toPrecision(4)));
  return unit === 'usd' ? `$${digits}` : digits;
}

/**
 * A duration as people read it, to its two largest units: `812 ms`, `4.2 s`, `3 min 5 s`, `18 h 13 min`,
 * `26 d 19 h`.
 *
 * @example
 * ```ts
 * humanDuration(65_599_836); // '18 h 13 min'
 * ```
 */
export function humanDuration(ms: number): string {
  if (ms < 1_000) return `${Math.ceil(ms)} ms`;
  if (ms < 10_000) return `${Math.ceil(ms / 100) / 10} s`;
  const s = Math.ceil(ms / 1_000);
  if (s < 60) return `${s} s`;
  const two = (big: number, bigUnit: string, small: number, smallUnit: string): string => (small ? `${big} ${bigUnit} ${small} ${smallUnit}` : `${big} ${bigUnit}`);
  if (s < 3_600) return two(Math.floor(s / 60), 'min', s % 60, 's');
  const min = Math.ceil(s / 60);
  if (min < 1_440) return two(Math.floor(min / 60), 'h', min % 60, 'min');
  const h = Math.ceil(min / 60);
  return two(Math.floor(h / 24), 'd', h % 24, 'h');
}
