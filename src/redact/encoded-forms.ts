/** Shortest secret, and shortest form of one, that is looked for: anything shorter is ordinary text. */
const MIN_LENGTH = 8;

/**
 * The forms a secret takes once it has been encoded on its way into a message, a URL or a header: itself,
 * JSON-escaped, URL-encoded (`%20` and `+` for spaces), every byte percent-encoded (`%73%6B…`, upper and lower
 * case), its UTF-8 bytes in hex (upper and lower case), and the parts of any base64 or base64url text that
 * carry it, at each of the three byte alignments (so it is found inside `Basic base64(user:key)` too). A
 * secret with whitespace around it also gets every form of its trimmed value, which is what HTTP clients send.
 * A secret shorter than 8 characters (trimmed) has no forms, and forms shorter than 8 characters are left out:
 * they would match, and mangle, ordinary text (no provider issues keys that short).
 *
 * @example
 * ```ts
 * const forms = encodedForms('sk-proj-abc123…');
 * forms.some((form) => logLine.includes(form)); // the key leaked, encoded or not
 * ```
 */
export function encodedForms(secret: string): string[] {
  const trimmed = secret.trim();
  if (trimmed.length < MIN_LENGTH) return [];
  const forms = new Set<string>();
  for (const value of trimmed === secret ? [secret] : [secret, trimmed]) addForms(value, forms);
  return [...forms].filter((form) => form.length >= MIN_LENGTH);
}

function addForms(secret: string, forms: Set<string>): void {
  const uri = encodeURIComponent(secret);
  forms.add(secret).add(JSON.stringify(secret).slice(1, -1)).add(uri).add(uri.replace(/%20/g, '+'));
  const hex = Buffer.from(secret, 'utf8').toString('hex');
  const percent = hex.replace(/../g, '%$&');
  forms.add(hex).add(hex.toUpperCase()).add(percent).add(percent.toUpperCase());
  for (const core of base64Cores(secret)) {
    forms.add(core);
    forms.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
}

// For a secret starting at byte offset k (mod 3) of a larger buffer, the base64 characters that depend only on
// the secret's bytes: skip the group shared with the preceding bytes and the partial group at the end.
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores: string[] = [];
  for (let lead = 0; lead < 3; lead++) {
    const padded = Buffer.concat([Buffer.alloc(lead), bytes]);
    const whole = Math.floor(padded.length / 3);
    const start = lead === 0 ? 0 : 1;
    if (whole > start) cores.push(padded.toString('base64').slice(start * 4, whole * 4));
  }
  return cores;
}
