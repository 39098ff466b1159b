import { ConfigError } from '../errors/config-error.js';
import { editDistance } from './edit-distance.js';

/**
 * The valid name closest to a misspelt one, or undefined when none is close: at most one edit for a name of up
 * to five characters, a third of its length beyond; case differences are free (`maxoutputtokens`).
 *
 * @example
 * ```ts
 * closestName('stroe', ['policies', 'store', 'clock']); // 'store'
 * closestName('colour', ['policies', 'store', 'clock']); // undefined
 * ```
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const allowed = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = allowed + 1;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Throws {@link ConfigError} for the first key of `value` that is not in `known`, naming its path and the
 * closest valid name: `limits.stroe: unknown option; did you mean limits.store?`. A misspelt option must
 * not be ignored: a policy's `scop` would make it apply to every call, `limits.stroe` would count in memory.
 *
 * @param value - the options object (already known to be an object)
 * @param known - every valid key
 * @param path - where the object sits, e.g. `limits` or `limits.policies[2]`; '' at the top level
 *
 * @example
 * ```ts
 * assertKnownKeys({ policies: [], stroe: redisStore() }, ['policies', 'store', 'clock', 'pollMs'], 'limits');
 * // throws ConfigError: limits.stroe: unknown option; did you mean limits.store?
 * ```
 */
export function assertKnownKeys(value: object, known: readonly string[], path: string): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const at = (name: string): string => (path ? `${path}.${name}` : name);
    const closest = closestName(key, known);
    const hint = closest === undefined ? `expected one of ${known.join(', ')}` : `did you mean ${at(closest)}?`;
    throw new ConfigError(at(key), `unknown option; ${hint}`);
  }
}
