import { assertKnownKeys, closestName } from '../../config/known-keys.js';
import { ConfigError } from '../../errors/config-error.js';
import { OPERATIONS, type Operation } from '../../operations/operation.js';
import type { Tags } from '../../tags.js';

/**
 * A call as limits see it.
 *
 * @example
 * ```ts
 * const subject: LimitSubject = { provider: 'elevenlabs', model: 'eleven_flash_v2_5', tags: { customer: 'acme' } };
 * const left = await limiter.headroom(subject);
 * ```
 */
export interface LimitSubject {
  readonly provider: string;
  readonly model: string;
  readonly operation?: Operation;
  /** Fingerprint of the key the call uses (never the key). */
  readonly keyFingerprint?: string;
  readonly tags?: Readonly<Tags>;
}

/**
 * A dimension that splits a policy into separate counters: `provider`, `model`, `operation`, `key` (the key
 * fingerprint) or `tag:<name>`. A call without the tag counts under the value `-`.
 *
 * @example
 * ```ts
 * const perCustomer: ScopeDimension = 'tag:customer';
 * ```
 */
export type ScopeDimension = 'provider' | 'model' | 'operation' | 'key' | `tag:${string}`;

/**
 * Which calls a policy applies to, and what it counts separately. Every given filter must match.
 *
 * @example
 * ```ts
 * // One monthly budget per customer, for ElevenLabs only:
 * const scope: LimitScope = { provider: 'elevenlabs', per: ['tag:customer'] };
 * ```
 */
export interface LimitScope {
  /** Only calls to this provider. @default every provider */
  readonly provider?: string;
  /** Only these models. @default every model */
  readonly model?: string | readonly string[];
  /** Only these operations. @default every operation */
  readonly operation?: Operation | readonly Operation[];
  /** Only calls carrying these tag values. @default no tag filter */
  readonly tags?: Readonly<Tags>;
  /** Separate counters per value of these dimensions. @default [] (one counter) */
  readonly per?: readonly ScopeDimension[];
}

const listed = <T>(value: T | readonly T[] | undefined, item: T): boolean =>
  value === undefined || (Array.isArray(value) ? (value as readonly T[]).includes(item) : value === item);

/**
 * Whether a policy with `scope` applies to `subject`.
 *
 * @example
 * ```ts
 * inScope({ provider: 'gemini' }, { provider: 'gemini', model: 'gemini-2.5-flash' }); // true
 * ```
 */
export function inScope(scope: LimitScope | undefined, subject: LimitSubject): boolean {
  if (!scope) return true;
  if (scope.provider !== undefined && scope.provider !== subject.provider) return false;
  if (!listed(scope.model, subject.model)) return false;
  if (scope.operation !== undefined && (subject.operation === undefined || !listed(scope.operation, subject.operation))) return false;
  return Object.entries(scope.tags ?? {}).every(([name, value]) => subject.tags?.[name] === value);
}

/**
 * The counter a subject falls in, as `dimension=value` pairs (`customer=acme,model=gemini-2.5-flash`); empty
 * for a policy with one counter. Used in counter keys and in events.
 *
 * @example
 * ```ts
 * partitionOf({ per: ['tag:customer'] }, { provider: 'openai', model: 'gpt-4o-mini', tags: { customer: 'acme' } }); // 'customer=acme'
 * ```
 */
export function partitionOf(scope: LimitScope | undefined, subject: LimitSubject): string {
  return (scope?.per ?? [])
    .map((dimension) => {
      if (dimension.startsWith('tag:')) {
        const name = dimension.slice(4);
        return `${name}=${subject.tags?.[name] ?? '-'}`;
      }
      const value = dimension === 'key' ? subject.keyFingerprint : subject[dimension as 'provider' | 'model' | 'operation'];
      return `${dimension}=${value ?? '-'}`;
    })
    .join(',');
}

/**
 * Throws {@link ConfigError} unless `scope` is a valid {@link LimitScope}.
 *
 * @example
 * ```ts
 * validateScope({ provider: 'openai', per: ['tag:customer'] }, 'limits.policies[0].scope');
 * ```
 */
export function validateScope(scope: unknown, field: string): void {
  if (scope === undefined) return;
  if (typeof scope !== 'object' || scope === null || Array.isArray(scope)) throw new ConfigError(field, 'expected an object');
  assertKnownKeys(scope, ['provider', 'model', 'operation', 'tags', 'per'], field);
  const s = scope as Record<string, unknown>;
  if (s.provider !== undefined && (typeof s.provider !== 'string' || s.provider === '')) throw new ConfigError(`${field}.provider`, 'expected a provider name');
  oneOrMany(s.model, `${field}.model`, (model) => typeof model === 'string' && model !== '', 'expected a model id or an array of them');
  oneOrMany(s.operation, `${field}.operation`, (operation) => OPERATIONS.includes(operation as Operation), `expected one or an array of ${OPERATIONS.join(', ')}`, OPERATIONS);
  if (s.tags !== undefined) {
    if (typeof s.tags !== 'object' || s.tags === null || Array.isArray(s.tags)) throw new ConfigError(`${field}.tags`, 'expected an object of tag values');
    for (const [name, value] of Object.entries(s.tags)) {
      if (typeof value !== 'string') throw new ConfigError(`${field}.tags.${name}`, 'expected a string: tags are strings, so no call would match');
    }
  }
  if (s.per !== undefined) {
    if (!Array.isArray(s.per)) throw new ConfigError(`${field}.per`, 'expected an array of dimensions');
    s.per.forEach((d: unknown, i) => {
      const ok = typeof d === 'string' && (['provider', 'model', 'operation', 'key'].includes(d) || /^tag:.+/.test(d));
      if (!ok) throw new ConfigError(`${field}.per[${i}]`, 'expected provider, model, operation, key or tag:<name>');
    });
  }
}

/** Checks a filter that takes one value or an array of them; an array names the bad item by its index. */
function oneOrMany(value: unknown, field: string, ok: (item: unknown) => boolean, expected: string, names: readonly string[] = []): void {
  if (value === undefined) return;
  const check = (item: unknown, at: string): void => {
    if (ok(item)) return;
    const closest = typeof item === 'string' ? closestName(item, names) : undefined;
    throw new ConfigError(at, `${expected}; got ${JSON.stringify(item)}${closest === undefined ? '' : `; did you mean "${closest}"?`}`);
  };
  if (!Array.isArray(value)) return check(value, field);
  if (value.length === 0) throw new ConfigError(field, `${expected}; an empty array would match no call`);
  value.forEach((item: unknown, i) => check(item, `${field}[${i}]`));
}
