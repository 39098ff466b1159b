import { assertKnownKeys } from '../../config/known-keys.js';
import { ConfigError } from '../../errors/config-error.js';
import { LIMIT_UNITS, type LimitUnit } from './limit-unit.js';
import { resolveWindow, type LimitWindow, type WindowSpec } from './limit-window.js';
import { validateScope, type LimitScope } from './limit-scope.js';
import { validateDegrade, type DegradeRule } from './degrade-rule.js';

/**
 * One limit: scope × unit × window × action × alerts. Plain data, so presets are easy to copy and override.
 *
 * @example
 * ```ts
 * const acmeBudget: LimitPolicy = {
 *   name: 'acme-monthly-usd',
 *   scope: { tags: { customer: 'acme' } },
 *   unit: 'usd',
 *   limit: 50,
 *   window: { unit: 'month', anchorDay: 1, timeZone: 'Europe/Berlin' },
 *   action: 'reject',
 *   alerts: [0.5, 0.8, 1],
 * };
 * ```
 */
export interface LimitPolicy {
  /** Unique name, used in counter keys, events and errors. */
  readonly name: string;
  /** What is counted. */
  readonly unit: LimitUnit;
  /** Most allowed per window (or at once, for `concurrent`). */
  readonly limit: number;
  /** The window; not used by `concurrent`. */
  readonly window?: WindowSpec;
  /** Which calls count, and per what. @default every call, one counter */
  readonly scope?: LimitScope;
  /**
   * Over the limit: wait for room (in arrival order) or refuse with `RateLimitedError`. Either way a call whose
   * counter is full only because of reservations still in flight (a calendar period whose settled amount leaves
   * room for it) waits for them to settle, for at most `maxWaitMs`.
   * @default 'wait'
   */
  readonly action?: 'wait' | 'reject';
  /** Longest wait before refusing anyway (for `reject`, the wait for reservations in flight; 0 refuses at once). @default 60000 */
  readonly maxWaitMs?: number;
  /** Fractions of the limit that emit a `quota` event, each once per window, when the amount spent (settled) reaches them. @default [] */
  readonly alerts?: readonly number[];
  /** `concurrent`: a slot whose holder died is freed after this long. @default 600000 */
  readonly leaseMs?: number;
  /** Cheaper model, voice or output length once the counter is a share spent; see {@link DegradeRule}. @default undefined (never) */
  readonly degrade?: DegradeRule | readonly DegradeRule[];
}

/**
 * A validated policy with its defaults filled in and its window resolved.
 *
 * @example
 * ```ts
 * const [rpm]: ResolvedPolicy[] = resolvePolicies([{ name: 'rpm', unit: 'requests', limit: 60, window: 'minute' }], 'policies');
 * rpm.resolved; // { type: 'sliding', ms: 60000 }
 * ```
 */
export interface ResolvedPolicy extends LimitPolicy {
  readonly action: 'wait' | 'reject';
  readonly maxWaitMs: number;
  readonly alerts: readonly number[];
  readonly resolved: LimitWindow;
}

/** The fields of a {@link LimitPolicy}: any other is a misspelling (a `scop` would make the policy global). */
const POLICY_FIELDS = ['name', 'unit', 'limit', 'window', 'scope', 'action', 'maxWaitMs', 'alerts', 'leaseMs', 'degrade'];

/**
 * Validates policies (names unique, numbers positive, windows well-formed); throws {@link ConfigError} naming
 * the field, e.g. `limits.policies[2].window.timeZone`.
 *
 * @example
 * ```ts
 * const resolved = resolvePolicies([{ name: 'rpm', unit: 'requests', limit: 60, window: 'minute' }], 'limits.policies');
 * ```
 */
export function resolvePolicies(policies: unknown, field: string): ResolvedPolicy[] {
  if (!Array.isArray(policies)) throw new ConfigError(field, 'expected an array of policies');
  const names = new Set<string>();
  return policies.map((policy: unknown, i) => {
    const at = `${field}[${i}]`;
    if (typeof policy !== 'object' || policy === null) throw new ConfigError(at, 'expected a policy object');
    assertKnownKeys(policy, POLICY_FIELDS, at);
    const p = policy as LimitPolicy;
    if (typeof p.name !== 'string' || !p.name || names.has(p.name)) throw new ConfigError(`${at}.name`, 'expected a unique non-empty name');
    names.add(p.name);
    if (!LIMIT_UNITS.includes(p.unit)) throw new ConfigError(`${at}.unit`, `expected one of ${LIMIT_UNITS.join(', ')}`);
    positive(p.limit, `${at}.limit`);
    if (p.action !== undefined && p.action !== 'wait' && p.action !== 'reject') throw new ConfigError(`${at}.action`, 'expected "wait" or "reject"');
    if (p.maxWaitMs !== undefined) positive(p.maxWaitMs, `${at}.maxWaitMs`, true);
    if (p.alerts !== undefined && (!Array.isArray(p.alerts) || p.alerts.some((a) => typeof a !== 'number' || !(a > 0)))) {
      throw new ConfigError(`${at}.alerts`, 'expected fractions of the limit, e.g. [0.5, 0.8, 1]');
    }
    validateScope(p.scope, `${at}.scope`);
    validateDegrade(p.degrade, p.unit, `${at}.degrade`);
    let resolved: LimitWindow;
    if (p.unit === 'concurrent') {
      if (p.leaseMs !== undefined) positive(p.leaseMs, `${at}.leaseMs`);
      resolved = { type: 'lease', ms: p.leaseMs ?? 600_000 };
    } else {
      if (p.window === undefined) throw new ConfigError(`${at}.window`, `a ${p.unit} limit needs a window, e.g. "minute"`);
      resolved = resolveWindow(p.window, `${at}.window`);
    }
    return { ...p, action: p.action ?? 'wait', maxWaitMs: p.maxWaitMs ?? 60_000, alerts: [...((p.alerts ?? []) as readonly number[])].sort((a, b) => a - b), resolved };
  });
}

function positive(value: unknown, field: string, allowZero = false): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new ConfigError(field, `expected a ${allowZero ? 'non-negative' : 'positive'} number`);
  }
}
