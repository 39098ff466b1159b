import { assertKnownKeys } from '../../config/known-keys.js';
import { ConfigError } from '../../errors/config-error.js';

/**
 * The keys of the limiter's options (`policies`, `store`, `clock`, `pollMs`): any other key is a misspelling.
 *
 * @example
 * ```ts
 * LIMITER_OPTIONS.includes('store'); // true
 * ```
 */
export const LIMITER_OPTIONS = ['policies', 'store', 'clock', 'pollMs'] as const;

/** What the limiter calls on its store: an object without one of them would fail only at the first call. */
const STORE_METHODS = ['reserve', 'settle', 'read', 'claimOnce', 'close'] as const;

/**
 * Checks the shape of the limiter's options now rather than at the first call: no unknown key (`stroe` would
 * silently count in memory), a store with every method a store has, a clock with `now()`, a positive `pollMs`.
 * Policies are checked by `resolvePolicies`. Throws {@link ConfigError} naming the field under `limits`.
 *
 * @example
 * ```ts
 * validateLimiterOptions({ policies: [], stroe: redisStore({ url }) });
 * // throws ConfigError: limits.stroe: unknown option; did you mean limits.store?
 * ```
 */
export function validateLimiterOptions(options: unknown): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new ConfigError('limits', 'expected limit options { policies }');
  assertKnownKeys(options, LIMITER_OPTIONS, 'limits');
  const { store, clock, pollMs } = options as Record<string, unknown>;
  if (store !== undefined) {
    const shape = (typeof store === 'object' && store !== null ? store : {}) as Record<string, unknown>;
    const missing = STORE_METHODS.filter((method) => typeof shape[method] !== 'function');
    if (missing.length > 0) {
      throw new ConfigError('limits.store', `expected a limit store such as memoryStore() or redisStore({ url }); it has no ${missing.join(', ')}`);
    }
  }
  if (clock !== undefined && !(typeof clock === 'object' && clock !== null && typeof (clock as { now?: unknown }).now === 'function')) throw new ConfigError('limits.clock', 'expected a clock { now() }');
  if (pollMs !== undefined && (typeof pollMs !== 'number' || !(pollMs > 0) || !Number.isFinite(pollMs))) {
    throw new ConfigError('limits.pollMs', 'expected a positive number');
  }
}
