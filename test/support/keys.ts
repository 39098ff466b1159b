import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import type { ResolvedKey } from '../../src/context.js';
import { keyFingerprint } from '../../src/keys/fingerprint.js';

/** A key as the keys middleware resolves it. */
export function resolved(value: string): ResolvedKey {
  return { value, fingerprint: keyFingerprint(value), source: 'test' };
}

/** Asserts the key appears nowhere in any of the values: messages, stacks, JSON and inspected forms (causes included). */
export function assertNoKey(key: string, ...values: unknown[]): void {
  for (const value of values) {
    const forms = [inspect(value, { depth: 20, showHidden: true }), JSON.stringify(value) ?? ''];
    if (value instanceof Error) forms.push(value.message, value.stack ?? '');
    for (const form of forms) assert.equal(form.includes(key), false, `the key leaked into: ${form.slice(0, 200)}`);
  }
}
