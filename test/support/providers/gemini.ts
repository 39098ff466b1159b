import { randomBytes } from 'node:crypto';
import type { AdapterCall } from '../../../src/adapter.js';
import { resolved } from '../keys.js';
import type { Operation, OperationTypes } from '../../../src/operations/operation.js';
import type { Usage } from '../../../src/usage.js';

export { assertNoKey, resolved } from '../keys.js';

/** A made-up key, new for every test run. */
export function fakeKey(): string {
  return `AIza${randomBytes(16).toString('hex')}`;
}

/** One adapter call. */
export function adapterCall<Op extends Operation>(model: string, request: OperationTypes[Op]['request'], key: string, signal?: AbortSignal): AdapterCall<Op> {
  return { model, request, key: resolved(key), signal };
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
