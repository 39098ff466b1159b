import { assertKnownKeys } from '../config/known-keys.js';
import { ConfigError } from '../errors/config-error.js';
import { createAdaptiveThrottle, type AdaptiveOptions, type AdaptiveThrottle } from './adaptive-throttle.js';
import { createLimiter, type Limiter, type LimiterOptions } from './limiter.js';
import { LIMITER_OPTIONS } from './validate-limiter-options.js';

/**
 * The client's `limits` option: limiter options (the client creates and closes the limiter) plus how
 * reservations are estimated.
 *
 * @example
 * ```ts
 * const limits: LimitsOptions = { policies: [...geminiFreeTier(), ...elevenlabsPlan('creator', { anchorDay: 15 })], defaultOutputTokens: 512 };
 * const ai = createAIClient({ providers, limits });
 * ```
 */
export interface LimitsOptions extends LimiterOptions {
  /** Output tokens reserved for a chat that sets no `maxOutputTokens`. @default 1024 */
  readonly defaultOutputTokens?: number;
  /**
   * Slow calls down before the provider's 429, from the limits its replies announce (`x-ratelimit-*`; today
   * only OpenAI's SDK exposes reply headers). `false` turns it off.
   * @default true
   */
  readonly adaptive?: boolean | AdaptiveOptions;
}

/**
 * What the client builds from its `limits` option.
 *
 * @example
 * ```ts
 * const { limiter, owned, adaptive }: ClientLimits = limiterFrom({ policies: [] });
 * ```
 */
export interface ClientLimits {
  readonly limiter: Limiter;
  /** Whether the client closes the limiter. */
  readonly owned: boolean;
  readonly defaultOutputTokens: number | undefined;
  /** Undefined when adaptive throttling is off. */
  readonly adaptive: AdaptiveThrottle | undefined;
}

/**
 * The limiter for the client's `limits` option: a {@link Limiter} as given (its owner closes it), or one
 * created from {@link LimitsOptions} (closed with the client).
 *
 * @example
 * ```ts
 * const { limiter, owned } = limiterFrom({ policies: [] });
 * ```
 */
export function limiterFrom(limits: LimitsOptions | Limiter): ClientLimits {
  if (typeof limits !== 'object' || limits === null) throw new ConfigError('limits', 'expected limit options { policies } or a limiter from createLimiter()');
  if (typeof (limits as Limiter).acquire === 'function') return { limiter: limits as Limiter, owned: false, defaultOutputTokens: undefined, adaptive: createAdaptiveThrottle() };
  assertKnownKeys(limits, [...LIMITER_OPTIONS, 'defaultOutputTokens', 'adaptive'], 'limits');
  const options = limits as LimitsOptions;
  const tokens = options.defaultOutputTokens;
  if (tokens !== undefined && (!Number.isInteger(tokens) || tokens < 0)) throw new ConfigError('limits.defaultOutputTokens', 'expected a non-negative integer');
  // The limiter gets its own options only: it refuses any other key.
  const limiterOptions = Object.fromEntries(LIMITER_OPTIONS.filter((key) => key in options).map((key) => [key, options[key]])) as unknown as LimiterOptions;
  const limiter = createLimiter(limiterOptions);
  return { limiter, owned: true, defaultOutputTokens: tokens, adaptive: adaptiveFrom(options) };
}

function adaptiveFrom({ adaptive = true, clock }: LimitsOptions): AdaptiveThrottle | undefined {
  if (adaptive === false) return undefined;
  if (adaptive === true) return createAdaptiveThrottle({ ...(clock ? { clock } : {}) });
  if (typeof adaptive !== 'object' || adaptive === null) throw new ConfigError('limits.adaptive', 'expected true, false or { lowWater, maxWaitMs }');
  assertKnownKeys(adaptive, ['lowWater', 'maxWaitMs'], 'limits.adaptive');
  return createAdaptiveThrottle({ ...adaptive, ...(clock ? { clock } : {}) });
}
