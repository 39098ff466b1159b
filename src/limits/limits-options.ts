import { ConfigError } from '../errors/config-error.js';
import { createLimiter, type Limiter, type LimiterOptions } from './limiter.js';

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
export function limiterFrom(limits: LimitsOptions | Limiter): { limiter: Limiter; owned: boolean; defaultOutputTokens: number | undefined } {
  if (typeof limits !== 'object' || limits === null) throw new ConfigError('limits', 'expected limit options { policies } or a limiter from createLimiter()');
  if (typeof (limits as Limiter).acquire === 'function') return { limiter: limits as Limiter, owned: false, defaultOutputTokens: undefined };
  const options = limits as LimitsOptions;
  const tokens = options.defaultOutputTokens;
  if (tokens !== undefined && (!Number.isInteger(tokens) || tokens < 0)) throw new ConfigError('limits.defaultOutputTokens', 'expected a non-negative integer');
  return { limiter: createLimiter(options), owned: true, defaultOutputTokens: tokens };
}
