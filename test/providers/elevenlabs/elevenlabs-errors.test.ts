import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AbortedError } from '../../../src/errors/aborted-error.js';
import { ProviderError, type ProviderErrorKind, type QuotaScope } from '../../../src/errors/provider-error.js';
import { elevenlabs, type ElevenLabsOptions } from '../../../src/providers/elevenlabs/index.js';
import type { Simulator } from '../../../src/simulator/types.js';
import { assertNoKey, expectedUsage, fakeKey, speechCall } from '../../support/providers/elevenlabs.js';
import { ELEVENLABS_SDKS, type ElevenLabsSdkName } from '../../support/sdk-generations.js';
import { useSimulator } from '../../support/use-simulator.js';

interface Expected {
  readonly kind: ProviderErrorKind;
  readonly providerCode?: string;
  readonly status?: number;
  readonly quota?: QuotaScope;
}

function check(error: unknown, key: string, expected: Expected): ProviderError {
  assert.ok(ProviderError.isInstance(error), `expected a ProviderError, got ${String(error)}`);
  assert.equal(error.provider, 'elevenlabs');
  assert.deepEqual(
    { kind: error.kind, providerCode: error.providerCode, status: error.status, quota: error.quota, retryAfterMs: error.retryAfterMs, requestId: error.requestId },
    // ElevenLabs sends no retry-after and no request-id on errors; 1.59 would hide them anyway.
    { providerCode: undefined, status: undefined, quota: undefined, retryAfterMs: undefined, requestId: undefined, ...expected },
  );
  assertNoKey(key, error);
  return error;
}

type Mode = 'speak' | 'streamSpeak';

async function fail(sim: Simulator, sdk: ElevenLabsSdkName, mode: Mode, key: string, text = 'hello', extra = {}, options: ElevenLabsOptions = {}): Promise<unknown> {
  const adapter = elevenlabs({ sdk, baseURL: sim.elevenlabsBaseUrl, ...options });
  const call = speechCall('eleven_flash_v2_5', text, key, extra);
  try {
    if (mode === 'speak') await adapter.speak(call);
    else await adapter.streamSpeak(call);
  } catch (error) {
    return error;
  }
  return assert.fail('the call succeeded');
}

for (const sdk of ELEVENLABS_SDKS) {
  describe(`elevenlabs adapter errors (${sdk})`, () => {
    const rejected = fakeKey();
    const scoped = fakeKey();
    const now = Date.parse('2025-06-20T12:00:00Z');
    const sim = useSimulator({
      now: () => now,
      keys: { reject: [rejected], elevenlabsWithoutUserRead: [scoped] },
      quotas: { elevenlabs: { characterLimit: 10, anchorDay: 3 } },
    });

    for (const mode of ['speak', 'streamSpeak'] as const) {
      it(`${mode}: 401 invalid_api_key → auth`, async () => {
        const error = check(await fail(sim, sdk, mode, rejected), rejected, { kind: 'auth', providerCode: 'invalid_api_key', status: 401 });
        assert.equal(error.message, 'ElevenLabs API 401 invalid_api_key: Invalid API key');
      });

      it(`${mode}: 401 quota_exceeded → quota_exhausted monthly_characters; resetAt once a subscription read told it`, async () => {
        const key = fakeKey();
        const first = check(await fail(sim, sdk, mode, key, 'x'.repeat(21)), key, { kind: 'quota_exhausted', providerCode: 'quota_exceeded', status: 401, quota: 'monthly_characters' });
        assert.equal(first.resetAt, undefined);
        assert.match(first.message, /You have 10 credits remaining, while 11 credits are required/);
        const adapter = elevenlabs({ sdk, baseURL: sim.elevenlabsBaseUrl });
        const subscription = await adapter.subscription({ key });
        assert.equal(subscription.resetAt?.toISOString(), '2025-07-03T00:00:00.000Z');
        const call = speechCall('eleven_flash_v2_5', 'x'.repeat(21), key);
        const second = await (mode === 'speak' ? adapter.speak(call) : adapter.streamSpeak(call)).then(() => assert.fail('succeeded'), (e: unknown) => e);
        check(second, key, { kind: 'quota_exhausted', providerCode: 'quota_exceeded', status: 401, quota: 'monthly_characters' });
        assert.equal((second as ProviderError).resetAt?.toISOString(), '2025-07-03T00:00:00.000Z');
        assert.deepEqual(sim.requests.map((r) => r.status), [401, 200, 401]);
      });

      it(`${mode}: 429 system_busy → rate_limited with no quota, and the SDK does not retry it`, async () => {
        sim.fault({ match: { provider: 'elevenlabs' }, action: { status: 429 } });
        const key = fakeKey();
        check(await fail(sim, sdk, mode, key), key, { kind: 'rate_limited', providerCode: 'system_busy', status: 429 });
        assert.equal(sim.requests.length, 1);
      });

      it(`${mode}: 404 voice_not_found, 400 max_character_limit_exceeded, 422 validation → invalid_request`, async () => {
        const key = fakeKey();
        check(await fail(sim, sdk, mode, key, 'hello', { voice: 'no-such-voice' }), key, { kind: 'invalid_request', providerCode: 'voice_not_found', status: 404 });
        check(await fail(sim, sdk, mode, key, 'x'.repeat(40_001)), key, { kind: 'invalid_request', providerCode: 'max_character_limit_exceeded', status: 400 });
        const invalid = check(await fail(sim, sdk, mode, key, 'hello', { format: 'wav' }), key, { kind: 'invalid_request', providerCode: 'enum', status: 422 });
        assert.match(invalid.message, /^ElevenLabs API 422 enum: query\.output_format: Input should be one of/);
      });

      it(`${mode}: 500 → server, one request (SDK retries off)`, async () => {
        sim.fault({ match: { provider: 'elevenlabs' }, action: { status: 500 } });
        const key = fakeKey();
        check(await fail(sim, sdk, mode, key), key, { kind: 'server', providerCode: 'internal_server_error', status: 500 });
        assert.equal(sim.requests.length, 1);
      });

      it(`${mode}: a connection reset → network; no reply within timeoutMs → timeout`, async () => {
        const key = fakeKey();
        sim.fault({ match: { provider: 'elevenlabs' }, times: 1, action: { reset: true } });
        // A short timeout: 1.59 leaves its timer running after a failure before the reply head.
        check(await fail(sim, sdk, mode, key, 'hello', {}, { timeoutMs: 500 }), key, { kind: 'network' });
        sim.fault({ match: { provider: 'elevenlabs' }, times: 1, action: { hang: true } });
        check(await fail(sim, sdk, mode, key, 'hello', {}, { timeoutMs: 100 }), key, { kind: 'timeout' });
        await sim.settled();
        assert.deepEqual(sim.requests.map((r) => r.fault), ['reset', 'hang']);
        assert.equal(sim.requests[1]!.clientClosedEarly, true);
      });
    }

    it('subscription: 401 missing_permissions for a key without user_read → auth; 401 invalid_api_key → auth', async () => {
      const adapter = elevenlabs({ sdk, baseURL: sim.elevenlabsBaseUrl });
      const denied = await adapter.subscription({ key: scoped }).catch((e: unknown) => e);
      const error = check(denied, scoped, { kind: 'auth', providerCode: 'missing_permissions', status: 401 });
      assert.match(error.message, /missing the permission user_read/);
      check(await adapter.subscription({ key: rejected }).catch((e: unknown) => e), rejected, { kind: 'auth', providerCode: 'invalid_api_key', status: 401 });
      assert.deepEqual(sim.requests.map((r) => r.operation), ['subscription', 'subscription']);
    });

    it('a caller abort before the reply is an AbortedError, not a ProviderError', async () => {
      sim.fault({ match: { provider: 'elevenlabs' }, action: { hang: true } });
      // A short timeout: the SDK's own timer (armed until the reply head) is not cleared when the fetch aborts.
      const adapter = elevenlabs({ sdk, baseURL: sim.elevenlabsBaseUrl, timeoutMs: 300 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      await assert.rejects(adapter.speak(speechCall('eleven_flash_v2_5', 'hi', fakeKey(), {}, controller.signal)), (e: unknown) => AbortedError.isInstance(e));
      await assert.rejects(adapter.streamSpeak(speechCall('eleven_flash_v2_5', 'hi', fakeKey(), {}, AbortSignal.abort())), (e: unknown) => AbortedError.isInstance(e));
    });
  });

  describe(`elevenlabs adapter: limits and cut streams (${sdk})`, () => {
    const sim = useSimulator({ chunkIntervalMs: 20, quotas: { elevenlabs: { concurrency: 1 } } });

    it('429 too_many_concurrent_requests → rate_limited concurrency, one request (SDK retries off)', async () => {
      const key = fakeKey();
      const adapter = elevenlabs({ sdk, baseURL: sim.elevenlabsBaseUrl });
      const running = await adapter.streamSpeak(speechCall('eleven_flash_v2_5', 'a long text to keep the slot busy '.repeat(5), key));
      for (const mode of ['speak', 'streamSpeak'] as const) {
        check(await fail(sim, sdk, mode, key), key, { kind: 'rate_limited', providerCode: 'too_many_concurrent_requests', status: 429, quota: 'concurrency' });
      }
      for await (const _ of running.stream) void _;
      assert.deepEqual(sim.requests.map((r) => r.status), [200, 429, 429]);
    });

    it('a stream cut by the server fails with network; usage estimated, as billed on request', async () => {
      sim.fault({ match: { provider: 'elevenlabs' }, action: { cutAfterChunks: 2 } });
      const key = fakeKey();
      const text = 'cut me off '.repeat(20);
      const result = await elevenlabs({ sdk, baseURL: sim.elevenlabsBaseUrl }).streamSpeak(speechCall('eleven_flash_v2_5', text, key));
      const error = await (async () => {
        try {
          for await (const _ of result.stream) void _;
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      check(error, key, { kind: 'network' });
      const end = await result.final;
      assert.equal(end.outcome, 'error');
      assert.deepEqual(end.usage, expectedUsage(sim.requests[0]!.usage, text.length, false, sdk));
    });

    it('speak with the body cut mid-way → network', async () => {
      sim.fault({ match: { provider: 'elevenlabs' }, action: { cutAfterChunks: 1 } });
      const key = fakeKey();
      check(await fail(sim, sdk, 'speak', key, 'cut me off '.repeat(20)), key, { kind: 'network' });
    });
  });
}
