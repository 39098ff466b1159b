// Checks shared by the scrubber's tests: a scrubber with one key registered, and text that must hold no form of it.
import assert from 'node:assert/strict';
import { encodedForms } from '../../src/redact/encoded-forms.js';
import { Scrubber } from '../../src/redact/scrubber.js';
import { openaiKey } from './secrets-keys.js';

/** Fails when `text` holds `key` in any of the forms the scrubber masks. */
export function assertClean(text: string, key: string): void {
  for (const form of encodedForms(key)) assert.equal(text.includes(form), false, `leaked form ${form.slice(0, 6)}… in ${text.slice(0, 300)}`);
}

/** A fresh scrubber with `key` (a new fake OpenAI key unless given) registered. */
export function registered(key = openaiKey()): { key: string; scrubber: Scrubber } {
  const scrubber = new Scrubber();
  scrubber.register(key);
  return { key, scrubber };
}
