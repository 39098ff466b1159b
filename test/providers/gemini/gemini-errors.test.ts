import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { AbortedError } from '../../../src/errors/aborted-error.js';
import { ProviderError, type ProviderErrorKind, type QuotaScope } from '../../../src/errors/provider-error.js';
import { gemini } from '../../../src/providers/gemini/index.js';
import { nextPacificDayStart } from '../../../src/time/pacific-day.js';
import type { FaultAction } from '../../../src/simulator/types.js';
import { referenceTokens, warmTokenizer } from '../../support/reference-tokens.js';
import { adapterCall, assertNoKey, fakeKey } from '../../support/providers/gemini.js';
import { GEMINI_SDKS } from '../../support/sdk-generations.js';
import { useSimulator } from '../../support/use-simulator.js';

const request = { model: 'gemini:gemini-2.0-flash' as const, messages: [{ role: 'user' as const, content: 'Hello, world!' }] };

interface Expected {
  readonly kind: ProviderErrorKind;
  readonly providerCode?: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly quota?: QuotaScope;
}

function check(error: unknown, key: string, expected: Expected): ProviderError {
  assert.ok(ProviderError.isInstance(error), `expected a ProviderError, got ${String(error)}`);
  assert.equal(error.provider, 'gemini');
  assert.deepEqual(
    { kind: error.kind, providerCode: error.providerCode, status: error.status, retryAfterMs: error.retryAfterMs, quota: error.quota },
    { providerCode: undefined, status: undefined, retryAfterMs: undefined, quota: undefined, ...expected },
  );
  assertNoKey(key, error);
  return error;
}

for (const sdk of GEMINI_SDKS) {
  describe(`gemini adapter errors (${sdk})`, () => {
    const rejected = fakeKey();
    const now = Date.parse('2025-06-01T12:00:00Z');
    const sim = useSimulator({ now: () => now, keys: { reject: [rejected] }, quotas: { gemini: { rpm: 1, models: { 'gemini-2.5-pro': { rpd: 1 } } } } });

    const fail = async (key: string, model = 'gemini-2.0-flash', stream = false, options = {}): Promise<unknown> => {
      const adapter = gemini({ sdk, baseURL: sim.geminiBaseUrl, ...options });
      const chat = { ...request, model: `gemini:${model}` as const };
      try {
        if (stream) await adapter.streamChat(adapterCall(model, chat, key));
        else await adapter.chat(adapterCall(model, chat, key));
      } catch (error) {
        return error;
      }
      assert.fail('the call succeeded');
    };

    it('bad key: 400 API_KEY_INVALID → auth', async () => {
      check(await fail(rejected), rejected, { kind: 'auth', providerCode: 'API_KEY_INVALID', status: 400 });
      check(await fail(rejected, 'gemini-2.0-flash', true), rejected, { kind: 'auth', providerCode: 'API_KEY_INVALID', status: 400 });
    });

    it('empty key: 403 PERMISSION_DENIED → auth', async () => {
      check(await fail(''), '\u0000', { kind: 'auth', providerCode: 'PERMISSION_DENIED', status: 403 });
    });

    it('unknown model: 404 NOT_FOUND → invalid_request, with the API message', async () => {
      const error = check(await fail(fakeKey(), 'gemini-pro'), 'x'.repeat(40), { kind: 'invalid_request', providerCode: 'NOT_FOUND', status: 404 });
      assert.match(error.message, /^Gemini API 404 NOT_FOUND: models\/gemini-pro is not found for API version v1beta/);
      assert.equal(error.message.includes('[{'), false);
    });

    it('per-minute quota: 429 → rate_limited per_minute, retryAfterMs from RetryInfo; one request per attempt', async () => {
      const key = fakeKey();
      await gemini({ sdk, baseURL: sim.geminiBaseUrl }).chat(adapterCall('gemini-2.0-flash', request, key));
      check(await fail(key), key, { kind: 'rate_limited', providerCode: 'RESOURCE_EXHAUSTED', status: 429, retryAfterMs: 60_000, quota: 'per_minute' });
      check(await fail(key, 'gemini-2.0-flash', true), key, { kind: 'rate_limited', providerCode: 'RESOURCE_EXHAUSTED', status: 429, retryAfterMs: 60_000, quota: 'per_minute' });
      assert.deepEqual(sim.requests.map((r) => r.status), [200, 429, 429]);
    });

    it('per-day quota: 429 → quota_exhausted per_day, resetAt the next midnight Pacific', async () => {
      const key = fakeKey();
      await gemini({ sdk, baseURL: sim.geminiBaseUrl }).chat(adapterCall('gemini-2.5-pro', { ...request, model: 'gemini:gemini-2.5-pro' }, key));
      const before = Date.now();
      // The simulator clock says 05:00 PDT, 19 hours before its next midnight.
      const error = check(await fail(key, 'gemini-2.5-pro'), key, { kind: 'quota_exhausted', providerCode: 'RESOURCE_EXHAUSTED', status: 429, retryAfterMs: 19 * 3_600_000, quota: 'per_day' });
      assert.ok(error.resetAt);
      assert.ok([nextPacificDayStart(before), nextPacificDayStart(Date.now())].includes(error.resetAt.getTime()));
      assert.equal(sim.requests.length, 2);
    });

    for (const [status, code] of [[500, 'INTERNAL'], [503, 'UNAVAILABLE']] as const) {
      it(`${status} ${code} → server, not retried by the SDK`, async () => {
        sim.fault({ match: { provider: 'gemini' }, action: { status } });
        const key = fakeKey();
        check(await fail(key), key, { kind: 'server', providerCode: code, status });
        check(await fail(key, 'gemini-2.0-flash', true), key, { kind: 'server', providerCode: code, status });
        assert.equal(sim.requests.length, 2);
      });
    }

    const transport: [string, FaultAction, ProviderErrorKind][] = [
      ['a connection reset', { reset: true }, 'network'],
      ['a malformed body', { malformed: true }, 'server'],
    ];
    for (const [name, action, kind] of transport) {
      it(`${name} → ${kind}`, async () => {
        sim.fault({ match: { provider: 'gemini' }, action });
        const key = fakeKey();
        check(await fail(key), key, { kind });
        assert.equal(sim.requests.length, 1);
      });
    }

    it('no reply within timeoutMs → timeout, and the timer does not outlive the call', async () => {
      sim.fault({ match: { provider: 'gemini' }, action: { hang: true } });
      const key = fakeKey();
      check(await fail(key, 'gemini-2.0-flash', false, { timeoutMs: 100 }), key, { kind: 'timeout' });
      check(await fail(key, 'gemini-2.0-flash', true, { timeoutMs: 100 }), key, { kind: 'timeout' });
      await sim.settled();
      assert.deepEqual(sim.requests.map((r) => r.clientClosedEarly), [true, true]);
    });

    it('an abort by the caller is an AbortedError, not a ProviderError', async () => {
      sim.fault({ match: { provider: 'gemini' }, action: { hang: true } });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const adapter = gemini({ sdk, baseURL: sim.geminiBaseUrl });
      await assert.rejects(adapter.chat(adapterCall('gemini-2.0-flash', request, fakeKey(), controller.signal)), (e: unknown) => AbortedError.isInstance(e));
      await assert.rejects(adapter.streamChat(adapterCall('gemini-2.0-flash', request, fakeKey(), AbortSignal.abort())), (e: unknown) => AbortedError.isInstance(e));
    });
  });
}

for (const sdk of GEMINI_SDKS) {
  describe(`gemini adapter: interrupted streams (${sdk})`, () => {
    const sim = useSimulator({ chunkIntervalMs: 30 });
    before(async () => {
      await warmTokenizer('o200k_base');
    });

    it('a consumer break yields estimated usage for the part received, and the simulator sees the connection closed', async () => {
      const adapter = gemini({ sdk, baseURL: sim.geminiBaseUrl });
      const result = await adapter.streamChat(adapterCall('gemini-2.5-flash', { ...request, model: 'gemini:gemini-2.5-flash' }, fakeKey()));
      let received = 0;
      let text = '';
      for await (const delta of result.stream) {
        assert.ok(delta.text);
        text += delta.text;
        if (++received === 3) break;
      }
      const end = await result.final;
      assert.equal(end.outcome, 'aborted');
      // Prompt and thoughts from the last usageMetadata; the text received tokenized (o200k_base).
      assert.deepEqual(end.usage, {
        requests: 1,
        inputTokens: { value: 4, provenance: 'estimated' },
        outputTokens: { value: referenceTokens(text) + 26, provenance: 'estimated' },
        cachedInputTokens: { value: 0, provenance: 'estimated' },
        reasoningTokens: { value: 26, provenance: 'estimated' },
        // The prompt's split is known from the last usageMetadata; the output's is not (its total is estimated).
        modalities: { input: { text: 4 } },
      });
      await sim.settled();
      assert.equal(sim.requests[0]!.clientClosedEarly, true);
      assert.ok(sim.requests[0]!.chunksSent < 13);
    });

    it('an AbortSignal mid-stream throws AbortedError, and usage is estimated for the part received', async () => {
      const controller = new AbortController();
      const adapter = gemini({ sdk, baseURL: sim.geminiBaseUrl });
      const result = await adapter.streamChat(adapterCall('gemini-2.0-flash', request, fakeKey(), controller.signal));
      let received = 0;
      let text = '';
      await assert.rejects(
        (async () => {
          for await (const delta of result.stream) {
            assert.ok(delta.text);
            text += delta.text;
            if (++received === 2) controller.abort();
          }
        })(),
        (e: unknown) => AbortedError.isInstance(e),
      );
      const end = await result.final;
      assert.equal(end.outcome, 'aborted');
      assert.equal(end.usage.outputTokens?.provenance, 'estimated');
      assert.equal(end.usage.outputTokens?.value, referenceTokens(text));
      await sim.settled();
      assert.equal(sim.requests[0]!.clientClosedEarly, true);
    });

    it('a stream cut by the server fails with network, usage estimated from the last chunk received', async () => {
      sim.fault({ match: { provider: 'gemini' }, action: { cutAfterChunks: 4 } });
      const key = fakeKey();
      const result = await gemini({ sdk, baseURL: sim.geminiBaseUrl }).streamChat(adapterCall('gemini-2.0-flash', request, key));
      let received = 0;
      let text = '';
      const error = await (async () => {
        try {
          for await (const delta of result.stream) {
            received += delta.text ? 1 : 0;
            text += delta.text ?? '';
          }
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      check(error, key, { kind: 'network' });
      // One request: the successor's automatic continuation, which would resume with another, is off.
      assert.equal(sim.requests.length, 1);
      // Erroring a web stream drops what it had queued, so the SDK may deliver fewer than the 4 chunks sent.
      assert.ok(received >= 1 && received <= 4);
      const end = await result.final;
      assert.equal(end.outcome, 'error');
      assert.deepEqual([end.usage.inputTokens, end.usage.outputTokens], [{ value: 4, provenance: 'estimated' }, { value: referenceTokens(text), provenance: 'estimated' }]);
    });

    it('a break before any chunk estimates the prompt from its text', async () => {
      const adapter = gemini({ sdk, baseURL: sim.geminiBaseUrl });
      const result = await adapter.streamChat(adapterCall('gemini-2.0-flash', request, fakeKey()));
      await result.stream[Symbol.asyncIterator]().return?.();
      const end = await result.final;
      assert.deepEqual(end.usage, { requests: 1, inputTokens: { value: 4, provenance: 'estimated' }, outputTokens: { value: 0, provenance: 'estimated' } });
    });
  });
}
