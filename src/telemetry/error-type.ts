import { AIMeterError } from '../errors/aimeter-error.js';
import { ProviderError } from '../errors/provider-error.js';

/**
 * The `error.type` of a failure, low in cardinality and free of any text the failure carries: a provider error's
 * `kind` (`rate_limited`, `auth`, `server`, …), another aimeter error's `code` (`missing_key`, `aborted`, …), any
 * other error's class name, and `_OTHER` for what is not an error. Never the message (it may echo a prompt or a
 * key).
 *
 * @example
 * ```ts
 * errorType(new ProviderError('slow down', { kind: 'rate_limited', provider: 'openai', status: 429 })); // 'rate_limited'
 * ```
 */
export function errorType(error: unknown): string {
  if (ProviderError.isInstance(error)) return error.kind;
  if (AIMeterError.isInstance(error)) return error.code;
  if (error instanceof Error && /^[A-Za-z_$][\w$]{0,63}$/.test(error.name)) return error.name;
  return '_OTHER';
}
