/**
 * A key value as it is sent: without the whitespace around it (the newline a mounted secret file ends with, a
 * byte-order mark, spaces pasted along). HTTP clients drop the spaces and line breaks around a header value
 * anyway, so the key on the wire is the trimmed one: registering and fingerprinting the untrimmed value would
 * miss it in an error that echoes it. `undefined` for a value that is empty once trimmed (it is no key).
 *
 * @param value - the value as a source gave it
 * @returns the key to send, register and fingerprint, or `undefined` when there is none
 *
 * @example
 * ```ts
 * normalizeKey(readFileSync('/run/secrets/openai', 'utf8')); // the key without its trailing newline
 * normalizeKey(' \n'); // undefined
 * ```
 */
export function normalizeKey(value: string | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const key = value.trim();
  return key === '' ? undefined : key;
}
