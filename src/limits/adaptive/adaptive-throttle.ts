import { ConfigError } from '../../errors/config-error.js';
import { systemClock, type Clock } from '../../time/clock.js';
import { createConcurrencyGate, type AnnouncedConcurrency, type ConcurrencyGate } from './concurrency-gate.js';
import type { AnnouncedLimit, AnnouncedLimits } from './rate-limit-headers.js';

/**
 * Options of adaptive throttling (the `adaptive` limits option).
 *
 * @example
 * ```ts
 * const adaptive: AdaptiveOptions = { lowWater: 0.2, maxWaitMs: 10_000 };
 * ```
 */
export interface AdaptiveOptions {
  /**
   * Share of an announced limit below which calls are paced: the rest of the limit is spread evenly over the
   * time until it resets, instead of being spent in a burst that ends in a 429.
   * @default 0.1
   */
  readonly lowWater?: number;
  /**
   * Longest a call waits on announced limits. A call that would wait longer goes out at once: the provider's
   * own 429 and the retry layer then decide, so a stale header never parks calls for minutes.
   * @default 60_000
   */
  readonly maxWaitMs?: number;
}

/**
 * How long a call waits, and on which announced limit.
 *
 * @example
 * ```ts
 * const { waitMs, unit } = throttle.admit('openai|ab12|gpt-4o-mini', 900);
 * ```
 */
export interface AdmitDecision {
  readonly waitMs: number;
  /** The limit that set the wait; undefined when there is no wait. */
  readonly unit?: 'requests' | 'tokens';
}

/**
 * Slows calls down before a provider's 429, from the limits its replies announce (`x-ratelimit-*`, and
 * ElevenLabs' concurrency pair).
 *
 * @example
 * ```ts
 * const throttle = createAdaptiveThrottle();
 * throttle.observe(scope, readRateLimitHeaders(result.headers));
 * const { waitMs } = throttle.admit(scope, estimatedTokens);
 * ```
 */
export interface AdaptiveThrottle {
  /** Takes one request and `tokens` from what is left of `scope`'s announced limits; returns the wait. */
  admit(scope: string, tokens: number): AdmitDecision;
  /** Records what a reply announced; the newest reply is the truth. */
  observe(scope: string, limits: AnnouncedLimits | undefined): void;
  /** Waits `ms` on the throttle's clock; rejects with `AbortedError` when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal | undefined): Promise<void>;
  /**
   * Takes a concurrency slot of `scope` (a provider account: provider and key) once a reply announced its
   * maximum (ElevenLabs' `maximum-concurrent-requests`), waiting at most `maxWaitMs` for one to free up; see
   * {@link ConcurrencyGate.enter}. The slot is freed by calling what it returns.
   */
  enter: ConcurrencyGate['enter'];
  /** Records the concurrency a reply announced for `scope`. */
  observeConcurrency(scope: string, announced: AnnouncedConcurrency | undefined): void;
}

interface UnitState {
  limit: number;
  remaining: number;
  resetAt: number;
  /** Pacing cursor: when the next paced call may go. */
  next: number;
}

/**
 * Creates an {@link AdaptiveThrottle}. Each reply resets a scope's counts to what the provider announced; each
 * admitted call then takes its share locally until the next reply, so a burst of concurrent calls sees the
 * limit shrink before any of them is answered. A call is held back when its amount no longer fits (until the
 * announced reset) or paced when the limit runs low. Calls answered after a newer reply was observed are
 * counted twice at most; that errs on the side of waiting, never of a 429.
 *
 * @example
 * ```ts
 * const throttle = createAdaptiveThrottle({ lowWater: 0.2 });
 * ```
 */
export function createAdaptiveThrottle(options: AdaptiveOptions & { readonly clock?: Clock } = {}): AdaptiveThrottle {
  const lowWater = options.lowWater ?? 0.1;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  if (typeof lowWater !== 'number' || !(lowWater >= 0 && lowWater < 1)) throw new ConfigError('limits.adaptive.lowWater', 'expected a share from 0 (inclusive) to 1');
  if (typeof maxWaitMs !== 'number' || !(maxWaitMs >= 0)) throw new ConfigError('limits.adaptive.maxWaitMs', 'expected a non-negative number of ms');
  const clock = options.clock ?? systemClock;
  const scopes = new Map<string, { requests?: UnitState; tokens?: UnitState }>();
  const gate = createConcurrencyGate(clock, maxWaitMs);

  const take = (state: UnitState | undefined, amount: number, now: number): number => {
    if (!state || amount <= 0) return 0;
    if (now >= state.resetAt) return 0;
    if (state.remaining < amount) return state.resetAt - now;
    state.remaining -= amount;
    if (state.remaining >= state.limit * lowWater) return 0;
    const spacing = (state.resetAt - now) / Math.max(1, state.remaining / amount + 1);
    const at = Math.max(now, state.next);
    state.next = at + spacing;
    return at - now;
  };

  return {
    admit(scope, tokens) {
      const units = scopes.get(scope);
      if (!units) return { waitMs: 0 };
      const now = clock.now();
      const requests = take(units.requests, 1, now);
      const spent = take(units.tokens, tokens, now);
      const waitMs = Math.min(maxWaitMs, Math.max(requests, spent));
      if (waitMs <= 0) return { waitMs: 0 };
      return { waitMs, unit: requests >= spent ? 'requests' : 'tokens' };
    },
    observe(scope, limits) {
      if (!limits) return;
      const now = clock.now();
      const units = scopes.get(scope) ?? {};
      if (limits.requests) units.requests = fresh(limits.requests, units.requests, now);
      if (limits.tokens) units.tokens = fresh(limits.tokens, units.tokens, now);
      scopes.set(scope, units);
    },
    sleep: (ms, signal) => clock.sleep(ms, signal),
    enter: (scope, signal) => gate.enter(scope, signal),
    observeConcurrency(scope, announced) {
      if (announced) gate.observe(scope, announced);
    },
  };
}

function fresh(announced: AnnouncedLimit, previous: UnitState | undefined, now: number): UnitState {
  return { limit: announced.limit, remaining: announced.remaining, resetAt: now + announced.resetMs, next: previous?.next ?? now };
}
