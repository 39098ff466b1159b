import { assertKnownKeys } from '../config/known-keys.js';
import { ConfigError } from '../errors/config-error.js';
import type { Operation } from '../operations/operation.js';
import { createAdaptiveThrottle, type AdaptiveOptions, type AdaptiveThrottle } from './adaptive/adaptive-throttle.js';
import { createLimiter, type Limiter, type LimiterOptions } from './limiter.js';
import { outputEstimateFor, type OutputEstimate, type ReservationMode } from './policy/output-estimate.js';
import { DEFAULT_RESERVE_FLOORS, resolveReserveFloors, type ReserveFloor, type ReserveFloors } from './policy/reserve-floor.js';
import { LIMITER_OPTIONS } from './limiter/validate-limiter-options.js';

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
   * How a chat's output tokens are reserved. `'exact'`: `maxOutputTokens` (or `defaultOutputTokens`), so no call
   * settles above its reservation and a budget is never overshot: the mode for hard money caps, but a burst of
   * calls whose replies are short is refused or queued far below the cap, each holding its worst case.
   * `'estimate'` (or its options): the 90th percentile of the output tokens the model's replies were billed
   * (256 before the first reply), at most the exact amount; most of a burst fits, and a budget can be overshot
   * by at most (calls in flight when the last call was admitted) × (the most a call settled above its
   * reservation). See {@link ReservationMode}.
   * @default 'exact'
   */
  readonly reservation?: ReservationMode;
  /**
   * What a call reserves, per operation, in a unit its amount cannot be estimated in before it is sent: dollars
   * for a model without a known price (then also settled, its cost staying unknown), tokens for a token-billed
   * call estimated at 0. Merged over the defaults unit by unit.
   * @default DEFAULT_RESERVE_FLOORS (chat $0.01, embed $0.0001, speech $0.015, transcription $0.006)
   */
  readonly reserveFloor?: ReserveFloors;
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
 * const { limiter, owned, reserveFloor, adaptive, outputEstimate }: ClientLimits = limiterFrom({ policies: [], reservation: 'estimate' });
 * ```
 */
export interface ClientLimits {
  readonly limiter: Limiter;
  /** Whether the client closes the limiter. */
  readonly owned: boolean;
  readonly defaultOutputTokens: number | undefined;
  /** The floors of every operation, validated. */
  readonly reserveFloor: Readonly<Record<Operation, ReserveFloor>>;
  /** Undefined when adaptive throttling is off. */
  readonly adaptive: AdaptiveThrottle | undefined;
  /** The `estimate` reservation mode's learned output tokens; undefined in exact mode. */
  readonly outputEstimate: OutputEstimate | undefined;
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
  if (typeof (limits as Limiter).acquire === 'function') {
    return { limiter: limits as Limiter, owned: false, defaultOutputTokens: undefined, reserveFloor: DEFAULT_RESERVE_FLOORS, adaptive: createAdaptiveThrottle(), outputEstimate: undefined };
  }
  assertKnownKeys(limits, [...LIMITER_OPTIONS, 'defaultOutputTokens', 'reservation', 'reserveFloor', 'adaptive'], 'limits');
  const options = limits as LimitsOptions;
  const tokens = options.defaultOutputTokens;
  if (tokens !== undefined && (!Number.isInteger(tokens) || tokens < 0)) throw new ConfigError('limits.defaultOutputTokens', 'expected a non-negative integer');
  const reserveFloor = resolveReserveFloors(options.reserveFloor, 'limits.reserveFloor');
  const outputEstimate = outputEstimateFor(options.reservation, 'limits.reservation');
  // The limiter gets its own options only: it refuses any other key.
  const limiterOptions = Object.fromEntries(LIMITER_OPTIONS.filter((key) => key in options).map((key) => [key, options[key]])) as unknown as LimiterOptions;
  const limiter = createLimiter(limiterOptions);
  return { limiter, owned: true, defaultOutputTokens: tokens, reserveFloor, adaptive: adaptiveFrom(options), outputEstimate };
}

function adaptiveFrom({ adaptive = true, clock }: LimitsOptions): AdaptiveThrottle | undefined {
  if (adaptive === false) return undefined;
  if (adaptive === true) return createAdaptiveThrottle({ ...(clock ? { clock } : {}) });
  if (typeof adaptive !== 'object' || adaptive === null) throw new ConfigError('limits.adaptive', 'expected true, false or { lowWater, maxWaitMs }');
  assertKnownKeys(adaptive, ['lowWater', 'maxWaitMs'], 'limits.adaptive');
  return createAdaptiveThrottle({ ...adaptive, ...(clock ? { clock } : {}) });
}
