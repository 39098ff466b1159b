import { inspect } from 'node:util';
import { Scrubber } from '../../redact/scrubber.js';

/**
 * A scrubber for one request's key: the key in every encoded form the client's scrubber masks (raw,
 * JSON-escaped, URL- and percent-encoded, hex, base64 and `Basic`), plus every secret-shaped value. The
 * adapters put each error they build through it, so an error is as clean when the adapter is called directly
 * (`gemini().countTokens`, `elevenlabs().subscription`) as when it leaves the client. A key shorter than
 * 8 characters is no provider's key and is not looked for: masking it would mangle the message.
 *
 * @param key - the key the request was sent with, if any
 * @returns a scrubber with the key registered
 *
 * @example
 * ```ts
 * throw keyScrubber(call.key?.value).scrub(new ProviderError(text, { provider: 'gemini', kind: 'auth' }));
 * ```
 */
export function keyScrubber(key: string | undefined): Scrubber {
  const scrubber = new Scrubber();
  if (key !== undefined) scrubber.register(key);
  return scrubber;
}

/**
 * `{ cause: error }` for a {@link ProviderError} built from an SDK error, or `undefined` when the SDK error
 * holds the key anywhere `util.inspect` can see (hidden properties included): such an error is not kept at
 * all (a cause that is kept is still scrubbed with the error). A key too short to be looked for (see
 * {@link keyScrubber}) never drops the cause.
 *
 * @example
 * ```ts
 * new ProviderError(message, fields, causeWithoutKey(error, call.key?.value));
 * ```
 */
export function causeWithoutKey(error: unknown, key: string | undefined): ErrorOptions | undefined {
  if (key === undefined || key.trim().length < MIN_KEY) return { cause: error };
  return holdsKey(error, key.trim()) ? undefined : { cause: error };
}

/** Shortest key looked for, as the scrubber's own minimum. */
const MIN_KEY = 8;

function holdsKey(error: unknown, key: string): boolean {
  try {
    if (error instanceof Error && `${error.message}\n${error.stack ?? ''}`.includes(key)) return true;
    return inspect(error, { depth: 8, showHidden: true }).includes(key);
  } catch {
    return true; // what cannot be inspected cannot be shown to be clean
  }
}
