import { formatWithOptions, inspect } from 'node:util';
import { encodedForms } from '../../src/redact/encoded-forms.js';

const PROBE = 8;
/** A run of this many characters of a key is a leak too: what is left of a key cut in two (a body cut to 500 characters). */
export const FRAGMENT = 16;

/**
 * Finds any of many keys, in any encoded form (hex and per-byte percent included), or any run of {@link FRAGMENT} of its characters, in a large
 * text in one pass: every form and fragment is indexed by its first 8 characters, and each position of the
 * text is looked up once.
 */
export class LeakScanner {
  readonly #byProbe = new Map<string, { form: string; key: string }[]>();

  add(key: string): void {
    const trimmed = key.trim();
    const fragments = Array.from({ length: Math.max(0, trimmed.length - FRAGMENT + 1) }, (_, i) => trimmed.slice(i, i + FRAGMENT));
    // Spelt out here as well, so the scan does not depend on the list of forms of the code under test.
    const hex = Buffer.from(trimmed).toString('hex');
    const byteForms = [hex, hex.toUpperCase(), hex.replace(/../g, '%$&'), hex.toUpperCase().replace(/../g, '%$&')];
    for (const form of new Set([...encodedForms(key), ...byteForms, ...fragments])) {
      const probe = form.slice(0, PROBE);
      const list = this.#byProbe.get(probe) ?? [];
      list.push({ form, key });
      this.#byProbe.set(probe, list);
    }
  }

  /** Every (key, form) found in `text`. */
  scan(text: string): { key: string; form: string; at: number }[] {
    const hits: { key: string; form: string; at: number }[] = [];
    for (let i = 0; i + PROBE <= text.length; i++) {
      const candidates = this.#byProbe.get(text.slice(i, i + PROBE));
      if (!candidates) continue;
      for (const { form, key } of candidates) if (text.startsWith(form, i)) hits.push({ key, form, at: i });
    }
    return hits;
  }
}

/** Every serialized form of a value: inspect (hidden, getters, deep), JSON, and for errors message and stack. */
export function serialized(value: unknown): string {
  const forms = [inspect(value, { depth: 30, showHidden: true, getters: true, maxArrayLength: null, maxStringLength: null })];
  try {
    forms.push(JSON.stringify(value) ?? '');
  } catch {
    // A circular value has no JSON form; inspect covered it.
  }
  if (value instanceof Error) forms.push(value.message, value.stack ?? '', String(value));
  return forms.join('\n');
}

/** Captures everything written through the console's methods, formatted deeper than the console would. */
/* eslint-disable no-console -- replacing the console's methods is the point */
export function captureConsole(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const originals = methods.map((name) => console[name].bind(console));
  for (const name of methods) {
    console[name] = (...args: unknown[]) => void lines.push(formatWithOptions({ depth: 30, showHidden: true }, ...args));
  }
  return {
    lines,
    restore: () =>
      methods.forEach((name, i) => {
        console[name] = originals[i]!;
      }),
  };
}
/* eslint-enable no-console */
