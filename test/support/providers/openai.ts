import { silentWav } from '../../../src/audio/silent-wav.js';
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
  return `sk-proj-${randomBytes(16).toString('hex')}`;
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

interface WireChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
  completion_tokens_details: { reasoning_tokens: number };
}

/**
 * The usage a chat `usage` object (as the simulator logged it) must normalize to, field by field; the simulator's
 * replies say `service_tier: "default"`, as OpenAI's do.
 */
export function expectedChatUsage(logged: unknown, serviceTier = 'default'): Usage {
  const u = logged as WireChatUsage;
  return {
    requests: 1,
    inputTokens: { value: u.prompt_tokens, provenance: 'reported' },
    outputTokens: { value: u.completion_tokens, provenance: 'reported' },
    cachedInputTokens: { value: u.prompt_tokens_details.cached_tokens, provenance: 'reported' },
    reasoningTokens: { value: u.completion_tokens_details.reasoning_tokens, provenance: 'reported' },
    serviceTier,
  };
}

/** A 16 kHz mono 16-bit WAV of silence lasting `seconds`. */
export function wav(seconds: number): Uint8Array {
  return silentWav(seconds, 16_000);
}
