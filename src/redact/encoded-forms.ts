/**
 * The forms a secret takes once it has been encoded on its way into a message, a URL or a header: itself,
 * JSON-escaped, URL-encoded (`%20` and `+` for spaces), and the parts of any base64 or base64url text that
 * carry it, at each of the three byte alignments (so it is found inside `Basic base64(user:key)` too).
 * Forms shorter than 8 characters are left out: they would match ordinary text.
 *
 * @example
 * ```ts
 * const forms = encodedForms('sk-proj-abc123…');
 * forms.some((form) => logLine.includes(form)); // the key leaked, encoded or not
 * ```
 */
export function encodedForms(secret: string): string[] {
  const forms = new Set<string>([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, '+')]);
  for (const core of base64Cores(secret)) {
    forms.add(core);
    forms.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...forms].filter((form) => form.length >= 8);
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
