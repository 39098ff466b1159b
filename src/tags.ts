import { ConfigError } from './errors/config-error.js';

/**
 * Attribution labels carried by every call and usage event. The well-known keys are typed; any other string
 * key is allowed. Per-call tags merge over the client's default tags.
 *
 * @example
 * ```ts
 * const tags: Tags = { customer: 'acme', session: 's-1', turn: '3', plan: 'pro' };
 * ```
 */
export interface Tags {
  /** Your customer (tenant) the call is billed to. */
  customer?: string;
  /** Your project or product area. */
  project?: string;
  /** The end user. */
  user?: string;
  /** A conversation or session. */
  session?: string;
  /** A turn within the session. */
  turn?: string;
  /** Any other label. */
  [key: string]: string | undefined;
}

/**
 * A call's tags merged over `defaults` into a new plain object: own enumerable string keys only (a symbol key is
 * not a tag and is left out), so usage events and log records hold plain strings the scrubber checks quickly.
 * Throws {@link ConfigError} naming the tag when a value is neither a string nor undefined.
 *
 * @example
 * ```ts
 * mergeTags({ project: 'bot' }, { customer: 'acme' }, 'request.tags'); // { project: 'bot', customer: 'acme' }
 * ```
 */
export function mergeTags(defaults: Readonly<Tags>, tags: unknown, field: string): Tags {
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) throw new ConfigError(field, 'expected an object of strings');
  const merged: Tags = { ...defaults };
  for (const key of Object.keys(tags)) {
    const value = (tags as Record<string, unknown>)[key];
    if (value !== undefined && typeof value !== 'string') throw new ConfigError(`${field}.${key}`, 'expected a string');
    merged[key] = value;
  }
  return merged;
}
