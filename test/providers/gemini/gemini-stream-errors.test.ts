// A Gemini stream that fails after its 200 with a `{"error": …}` event, through createAIClient, the real
// @google/generative-ai SDK (which yields that event as an ordinary chunk) and the simulator.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createAIClient } from '../../../src/client/index.js';
import { ProviderError, type ProviderErrorKind } from '../../../src/errors/provider-error.js';
import { QuotaExhaustedError } from '../../../src/errors/quota-exhausted-error.js';
import type { RetryEvent } from '../../../src/events.js';
import { gemini } from '../../../src/providers/gemini/index.js';
import type { ErrorReply } from '../../../src/simulator/types.js';
import type { UsageEvent } from '../../../src/usage-event.js';
import { referenceTokens, warmTokenizer } from '../../support/reference-tokens.js';
import { assertNoKey, fakeKey } from '../../support/providers/gemini.js';
import { GEMINI_SDKS } from '../../support/sdk-generations.js';
import { useSimulator } from '../../support/use-simulator.js';

const messages = [{ role: 'user' as const, content: 'Hello, world!' }];
const model = 'gemini:gemini-2.0-flash' as const;

for (const sdk of GEMINI_SDKS) {
  describe(`gemini: an error event inside a stream (${sdk})`, () => {
    const sim = useSimulator({ chunkIntervalMs: 2 });
    before(async () => {
      await warmTokenizer('o200k_base');
    });

    function client() {
      const key = fakeKey();
      const ai = createAIClient({
        providers: { gemini: gemini({ sdk, baseURL: sim.geminiBaseUrl }) },
        keys: { byProvider: { gemini: key } },
        retry: { baseDelayMs: 1, maxRetryAfterMs: 5, random: () => 0 },
        flushOnExit: false,
      });
      const retries: RetryEvent[] = [];
      const usage: UsageEvent[] = [];
      ai.on('retry', (e) => retries.push(e));
      ai.on('usage', (e) => usage.push(e));
      return { ai, key, retries, usage };
    }

    /** Reads the whole stream: the text received and the error it ended with, if any. */
    async function consume(stream: AsyncIterable<{ text?: string }>): Promise<{ text: string; deltas: number; error: unknown }> {
      let text = '';
      let deltas = 0;
      try {
        for await (const delta of stream) {
          text += delta.text ?? '';
          deltas += 1;
        }
      } catch (error) {
        return { text, deltas, error };
      }
      return { text, deltas, error: undefined };
    }

    const errorAfter = (chunks: number, error: ErrorReply, times = 1) => sim.fault({ match: { provider: 'gemini', operation: 'streamChat' }, times, action: { errorAfterChunks: chunks, error } });

    const midStream: [number, string, ProviderErrorKind][] = [[503, 'UNAVAILABLE', 'server'], [429, 'RESOURCE_EXHAUSTED', 'rate_limited'], [400, 'INVALID_ARGUMENT', 'invalid_request']];
    for (const [status, code, kind] of midStream) {
      it(`after 3 chunks, ${status} ${code} fails the stream as ${kind}, not retried (the caller has chunks), usage estimated for what came`, async () => {
        const { ai, key, retries, usage } = client();
        errorAfter(3, { status });
        const stream = ai.streamChat({ model, messages });
        const { text, deltas, error } = await consume(stream);
        await sim.settled();
        assert.equal(deltas, 3);
        assert.ok(ProviderError.isInstance(error), `expected a ProviderError, got ${String(error)}`);
        assert.deepEqual([error.provider, error.kind, error.status, error.providerCode], ['gemini', kind, status, code]);
        assert.match(error.message, new RegExp(`^Gemini API ${status} ${code} in stream: `));
        await assert.rejects(stream.final, (e: unknown) => e === error);
        assert.deepEqual(sim.requests.map((r) => [r.status, r.fault]), [[200, 'stream-error']]);
        assert.equal(retries.length, 0);
        assert.equal(usage.length, 1);
        assert.equal(usage[0]!.status, 'error');
        // Prompt from the last usageMetadata received; output: the text received, tokenized.
        assert.deepEqual([usage[0]!.usage.inputTokens, usage[0]!.usage.outputTokens], [{ value: 4, provenance: 'estimated' }, { value: referenceTokens(text), provenance: 'estimated' }]);
        assertNoKey(key, error, usage);
        await ai.close();
      });
    }

    const atHead: [number, string, ProviderErrorKind][] = [[503, 'UNAVAILABLE', 'server'], [500, 'INTERNAL', 'server'], [429, 'RESOURCE_EXHAUSTED', 'rate_limited']];
    for (const [status, code, kind] of atHead) {
      it(`before any chunk, ${status} ${code} is ${kind} and retried: the caller sees one clean stream`, async () => {
        const { ai, retries, usage } = client();
        errorAfter(0, { status });
        const stream = ai.streamChat({ model, messages });
        const { text, error } = await consume(stream);
        assert.equal(error, undefined);
        const end = await stream.final;
        assert.deepEqual([end.outcome, end.output.text, end.output.finishReason], ['ok', text, 'stop']);
        await sim.settled();
        assert.deepEqual(sim.requests.map((r) => [r.status, r.fault]), [[200, 'stream-error'], [200, undefined]]);
        assert.deepEqual(retries.map((r) => [r.attempt, r.reason, (r.error as ProviderError).providerCode]), [[1, kind, code]]);
        assert.deepEqual(usage.map((u) => [u.attempt, u.status, u.httpStatus]), [[1, 'error', status], [2, 'ok', 200]]);
        await ai.close();
      });
    }

    it('before any chunk, 400 INVALID_ARGUMENT is invalid_request and not retried', async () => {
      const { ai, retries } = client();
      errorAfter(0, { status: 400 });
      const { deltas, error } = await consume(ai.streamChat({ model, messages }));
      assert.equal(deltas, 0);
      assert.ok(ProviderError.isInstance(error) && error.kind === 'invalid_request' && error.status === 400, String(error));
      assert.equal(sim.requests.length, 1);
      assert.equal(retries.length, 0);
      await ai.close();
    });

    it('a RetryInfo delay in the event is honoured (capped by maxRetryAfterMs); a per-day quota ends as QuotaExhaustedError', async () => {
      const { ai, retries } = client();
      const event = (quotaId: string): ErrorReply => ({
        status: 429,
        body: {
          error: {
            code: 429,
            message: 'You exceeded your current quota, please check your plan and billing details.',
            status: 'RESOURCE_EXHAUSTED',
            details: [
              { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaId }] },
              { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '7s' },
            ],
          },
        },
      });
      errorAfter(0, event('GenerateRequestsPerMinutePerProjectPerModel-FreeTier'));
      assert.equal((await consume(ai.streamChat({ model, messages }))).error, undefined);
      assert.deepEqual(retries.map((r) => [r.reason, r.delayMs, (r.error as ProviderError).retryAfterMs, (r.error as ProviderError).quota]), [['rate_limited', 5, 7000, 'per_minute']]);
      errorAfter(0, event('GenerateRequestsPerDayPerProjectPerModel-FreeTier'));
      const { error } = await consume(ai.streamChat({ model, messages }));
      assert.ok(QuotaExhaustedError.isInstance(error), String(error));
      assert.equal(error.quota, 'per_day');
      assert.equal(sim.requests.length, 3);
      await ai.close();
    });
  });
}
