import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import type { AdapterCall } from '../../../src/adapter.js';
import type { ResolvedKey } from '../../../src/context.js';
import { keyFingerprint } from '../../../src/keys/fingerprint.js';
import type { Operation, OperationTypes } from '../../../src/operations/operation.js';
import type { Usage } from '../../../src/usage.js';

/** A made-up key, new for every test run. */
export function fakeKey(): string {
  return `AIza${randomBytes(16).toString('hex')}`;
}

/** A key as the keys middleware resolves it. */
export function resolved(value: string): ResolvedKey {
  return { value, fingerprint: keyFingerprint(value), source: 'test' };
}

/** One adapter call. */
export function adapterCall<Op extends Operation>(model: string, request: OperationTypes[Op]['request'], key: string, signal?: AbortSignal): AdapterCall<Op> {
  return { model, request, key: resolved(key), signal };
}

/** Asserts the key appears nowhere in any of the values: messages, stacks, JSON and inspected forms (causes included). */
export function assertNoKey(key: string, ...values: unknown[]): void {
  for (const value of values) {
    const forms = [inspect(value, { depth: 20, showHidden: true }), JSON.stringify(value) ?? ''];
    if (value instanceof Error) forms.push(value.message, value.stack ?? '');
    for (const form of forms) assert.equal(form.includes(key), false, `the key leaked into: ${form.slice(0, 200)}`);
  }
}

/** The usage `usageMetadata` (as the simulator logged it) must normalize to, field by field. */
export function expectedUsage(metadata: unknown): Usage {
  const m = metadata as Record<string, number | undefined>;
  const thoughts = m.thoughtsTokenCount ?? 0;
  return {
    requests: 1,
    inputTokens: { value: m.promptTokenCount ?? 0, provenance: 'reported' },
    outputTokens: { value: (m.candidatesTokenCount ?? 0) + thoughts, provenance: 'reported' },
    cachedInputTokens: { value: m.cachedContentTokenCount ?? 0, provenance: 'reported' },
    reasoningTokens: { value: thoughts, provenance: 'reported' },
  };
}
