import { ConfigError } from '../errors/config-error.js';
import { isRecord } from '../is-record.js';
import type { Tags } from '../tags.js';

/**
 * What `ai.session()` takes: the session id, and any other tags to preset on every call of the session
 * (`customer`, `user`, `project`, your own). `turn` is not an option: the session numbers its turns.
 *
 * @example
 * ```ts
 * const options: SessionOptions = { session: 'call-7f3a', customer: 'acme', user: 'u-42', channel: 'phone' };
 * const session = ai.session(options);
 * ```
 */
export interface SessionOptions extends Tags {
  /** The session id, written to every call's `session` tag; a non-empty string. */
  session: string;
  /** The customer the session is billed to. @default none (the client's default tags apply) */
  customer?: string;
  /** `turn` is set by the session itself. */
  turn?: never;
}

/**
 * The session's preset tags from its options: a frozen plain object of strings. Throws {@link ConfigError}
 * (code `config_invalid`) naming the bad field: options not an object, `session` missing or empty, a tag that is
 * not a string, or a `turn` given.
 */
export function sessionTags(options: unknown): Readonly<Tags> {
  if (!isRecord(options)) throw new ConfigError('session', 'expected the session options { session, customer, ...tags }');
  const tags: Tags = {};
  for (const key of Object.keys(options)) {
    const value = options[key];
    if (value === undefined) continue;
    if (key === 'turn') throw new ConfigError('session.turn', 'the session numbers its turns: call session.turn() to advance');
    if (typeof value !== 'string') throw new ConfigError(`session.${key}`, 'expected a string');
    tags[key] = value;
  }
  if (!tags.session) throw new ConfigError('session.session', 'expected a non-empty session id');
  return Object.freeze(tags);
}
