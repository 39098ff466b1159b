/**
 * Whether a line that is not valid JSON is what a torn write leaves: the start of an event object that never
 * closes. An edited or foreign line (an object that closes and then has more, or no object at all) is not.
 */
export function isTornRecord(text: string): boolean {
  if (!text.startsWith('{')) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth += 1;
    else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
      if (depth === 0) return false;
    }
  }
  return true;
}

/**
 * The complete record glued after a torn fragment on one line, as older sinks wrote it when they appended to a
 * file whose last line a crash had cut short: the first suffix starting with `{"` that parses as an object with
 * every field of `required`. Undefined when there is none.
 */
export function gluedRecord(text: string, required: readonly string[]): Record<string, unknown> | undefined {
  for (let i = text.indexOf('{"', 1); i > 0; i = text.indexOf('{"', i + 1)) {
    let value: unknown;
    try {
      value = JSON.parse(text.slice(i));
    } catch {
      continue;
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && required.every((field) => field in value)) {
      return value as Record<string, unknown>;
    }
  }
  return undefined;
}
