// Every OpenAI error row → ProviderError (kind, code, status, retry delay); aborts and cut streams; one request per attempt.
import assert from 'node:assert/strict';
import { before, beforeEach, describe, it } from 'node:test';
import { AbortedError } from '../../../src/errors/aborted-error.js';
import { ProviderError } from '../../../src/errors/provider-error.js';
import { openai } from '../../../src/providers/openai/index.js';
import type { FaultAction } from '../../../src/simulator/types.js';
import { referenceTokens, warmTokenizer } from '../../support/reference-tokens.js';
import { adapterCall, assertNoKey, fakeKey } from '../../support/providers/openai.js';
import { useSimulator } from '../../support/use-simulator.js';

const request = { model: 'openai:gpt-4o-mini' as const, messages: [{ role: 'user' as const, content: 'Hello, world!' }] };

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => assert.fail('expected a failure'),
    (error: unknown) => error,
  );
}

function assertProviderError(error: unknown, expected: Partial<ProviderError>): asserts error is ProviderError {
  assert.ok(ProviderError.isInstance(error), `not a ProviderError: ${String(error)}`);
  assert.equal(error.provider, 'openai');
  for (const [field, value] of Object.entries(expected)) assert.deepEqual(error[field as keyof ProviderError], value, field);
}

describe('openai adapter errors', () => {
  let now = Date.UTC(2026, 0, 5, 12);
  const rejected = fakeKey();
  const broke = fakeKey();
  const sim = useSimulator({ now: () => now, keys: { reject: [rejected] }, quotas: { openai: { rpm: 2, tpm: 1000, insufficientQuotaKeys: [broke] } } });
  beforeEach(() => {
    now += 120_000;
  });

  it('401 invalid_api_key → auth; the key appears nowhere, the masked echo is kept', async () => {
    const error = await failure(openai({ baseURL: sim.openaiBaseURL }).chat(adapterCall('gpt-4o-mini', request, rejected)));
    assertProviderError(error, { kind: 'auth', status: 401, providerCode: 'invalid_api_key' });
    assert.match(error.requestId ?? '', /^req_/);
    assert.match(error.message, /Incorrect API key provided: sk-proj-\*+/);
    assert.equal(error.retryAfterMs, undefined);
    assertNoKey(rejected, error);
  });

  it('404 model_not_found → invalid_request', async () => {
    const error = await failure(openai({ baseURL: sim.openaiBaseURL }).chat(adapterCall('nonexistent-model', request, fakeKey())));
    assertProviderError(error, { kind: 'invalid_request', status: 404, providerCode: 'model_not_found' });
  });

  it('400 (bad request body) → invalid_request with the API code', async () => {
    const key = fakeKey();
    const error = await failure(openai({ baseURL: sim.openaiBaseURL }).chat(adapterCall('gpt-4o-mini', { ...request, messages: [] }, key)));
    assertProviderError(error, { kind: 'invalid_request', status: 400, providerCode: 'invalid_request_error' });
    assertNoKey(key, error);
  });

  it('429 rate_limit_exceeded (requests) → rate_limited per_minute, retryAfterMs from retry-after; one request per attempt', async () => {
    const key = fakeKey();
    const adapter = openai({ baseURL: sim.openaiBaseURL });
    await adapter.chat(adapterCall('gpt-4o-mini', request, key));
    now += 20_000;
    await adapter.chat(adapterCall('gpt-4o-mini', request, key));
    const error = await failure(adapter.chat(adapterCall('gpt-4o-mini', request, key)));
    assertProviderError(error, { kind: 'rate_limited', status: 429, providerCode: 'rate_limit_exceeded', quota: 'per_minute', retryAfterMs: 40_000 });
    assert.ok(error.resetAt instanceof Date);
    assert.equal(sim.requests.length, 3);
    assert.deepEqual(sim.requests.map((r) => [r.status, r.retryCount]), [[200, 0], [200, 0], [429, 0]]);
    assertNoKey(key, error);
  });

  it('429 rate_limit_exceeded (tokens) → rate_limited tokens; "Request too large" → invalid_request', async () => {
    const adapter = openai({ baseURL: sim.openaiBaseURL });
    const key = fakeKey();
    const big = { model: 'openai:text-embedding-3-small' as const, input: 'word '.repeat(600) };
    await adapter.embed(adapterCall('text-embedding-3-small', big, key));
    const limited = await failure(adapter.embed(adapterCall('text-embedding-3-small', big, key)));
    assertProviderError(limited, { kind: 'rate_limited', status: 429, providerCode: 'rate_limit_exceeded', quota: 'tokens' });
    assert.ok((limited.retryAfterMs ?? 0) > 0);
    const huge = await failure(adapter.embed(adapterCall('text-embedding-3-small', { ...big, input: 'word '.repeat(1001) }, fakeKey())));
    assertProviderError(huge, { kind: 'invalid_request', status: 429, providerCode: 'rate_limit_exceeded', retryAfterMs: undefined });
  });

  it('429 insufficient_quota → quota_exhausted (credit), no retry delay, exactly one request', async () => {
    const error = await failure(openai({ baseURL: sim.openaiBaseURL }).chat(adapterCall('gpt-4o-mini', request, broke)));
    assertProviderError(error, { kind: 'quota_exhausted', status: 429, providerCode: 'insufficient_quota', quota: 'credit', retryAfterMs: undefined });
    assert.equal(sim.requests.length, 1);
    assertNoKey(broke, error);
  });

  const faults: [string, FaultAction, Partial<ProviderError>][] = [
    ['500', { status: 500 }, { kind: 'server', status: 500, providerCode: 'server_error' }],
    ['503', { status: 503 }, { kind: 'server', status: 503, providerCode: 'server_error' }],
    ['403', { status: 403 }, { kind: 'auth', status: 403 }],
    ['422', { status: 422 }, { kind: 'invalid_request', status: 422 }],
    ['429 with retry-after-ms', { status: 429, headers: { 'retry-after-ms': '250' } }, { kind: 'rate_limited', status: 429, retryAfterMs: 250 }],
    ['a connection reset', { reset: true }, { kind: 'network', status: undefined }],
    ['a malformed body', { malformed: true }, { kind: 'server', status: undefined }],
  ];
  for (const [name, action, expected] of faults) {
    it(`${name} → ${expected.kind}, after exactly one HTTP request`, async () => {
      const key = fakeKey();
      sim.fault({ times: 1, action });
      const error = await failure(openai({ baseURL: sim.openaiBaseURL }).chat(adapterCall('gpt-4o-mini', request, key)));
      assertProviderError(error, expected);
      assert.equal(sim.requests.length, 1);
      assert.equal(sim.requests[0]!.retryCount, 0);
      assertNoKey(key, error);
    });
  }

  it('a malformed SSE body → server error from the stream, final outcome error', async () => {
    sim.fault({ times: 1, action: { malformed: true } });
    const result = await openai({ baseURL: sim.openaiBaseURL }).streamChat(adapterCall('gpt-4o-mini', request, fakeKey()));
    const error = await failure((async () => {
      for await (const _ of result.stream) continue;
    })());
    assertProviderError(error, { kind: 'server', status: undefined });
    const end = await result.final;
    assert.equal(end.outcome, 'error');
    assert.equal(end.usage.outputTokens?.provenance, 'estimated');
  });

  it('no reply within timeoutMs → timeout', async () => {
    sim.fault({ times: 1, action: { hang: true } });
    const error = await failure(openai({ baseURL: sim.openaiBaseURL, timeoutMs: 100 }).chat(adapterCall('gpt-4o-mini', request, fakeKey())));
    assertProviderError(error, { kind: 'timeout' });
    assert.equal(sim.requests.length, 1);
  });

  it('an AbortSignal before the reply → AbortedError, not a ProviderError', async () => {
    sim.fault({ times: 1, action: { hang: true } });
    const controller = new AbortController();
    // Abort once the simulator holds the request, not on a timer: under load a timer can fire before it arrives.
    const call = failure(openai({ baseURL: sim.openaiBaseURL }).chat(adapterCall('gpt-4o-mini', request, fakeKey(), controller.signal)));
    while (sim.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const error = await call;
    assert.ok(AbortedError.isInstance(error));
    await sim.settled();
    assert.equal(sim.requests[0]!.clientClosedEarly, true);
  });
});

describe('openai adapter: aborted streams', () => {
  const sim = useSimulator({ chunkIntervalMs: 15 });
  before(async () => {
    await warmTokenizer('o200k_base');
  });

  it('a stream cut by the server mid-way → network error, usage estimated for the part received', async () => {
    sim.fault({ times: 1, action: { cutAfterChunks: 5 } });
    const result = await openai({ baseURL: sim.openaiBaseURL }).streamChat(adapterCall('gpt-4o-mini', request, fakeKey()));
    let text = '';
    const error = await failure((async () => {
      for await (const delta of result.stream) text += delta.text ?? '';
    })());
    assertProviderError(error, { kind: 'network' });
    const end = await result.final;
    assert.equal(end.outcome, 'error');
    assert.equal(end.output.text, text);
    assert.ok(text.length > 0);
    // 3 per message + 3 priming, the role and 'Hello, world!': OpenAI's chat format on o200k_base.
    assert.deepEqual(end.usage, { requests: 1, inputTokens: { value: 3 + 3 + 1 + 4, provenance: 'estimated' }, outputTokens: { value: referenceTokens(text), provenance: 'estimated' }, serviceTier: 'default' });
  });

  it('consumer break → outcome aborted, usage estimated for the part received, the simulator sees the connection closed', async () => {
    const result = await openai({ baseURL: sim.openaiBaseURL }).streamChat(adapterCall('gpt-4o-mini', request, fakeKey()));
    let text = '';
    let seen = 0;
    for await (const delta of result.stream) {
      text += delta.text ?? '';
      if (++seen === 3) break;
    }
    const end = await result.final;
    assert.equal(end.outcome, 'aborted');
    assert.equal(end.output.text, text);
    // The prompt by OpenAI's chat format (3 per message and 3 priming, the role, the content), the output as received.
    assert.deepEqual(end.usage, { requests: 1, inputTokens: { value: 3 + 3 + 1 + 4, provenance: 'estimated' }, outputTokens: { value: referenceTokens(text), provenance: 'estimated' }, serviceTier: 'default' });
    await sim.settled();
    assert.equal(sim.requests[0]!.clientClosedEarly, true);
    assert.equal(sim.requests[0]!.usage, undefined);
  });

  it('AbortSignal mid-stream → AbortedError from the iteration, usage estimated, connection closed', async () => {
    const controller = new AbortController();
    const result = await openai({ baseURL: sim.openaiBaseURL }).streamChat(adapterCall('gpt-4o-mini', request, fakeKey(), controller.signal));
    let seen = 0;
    const error = await failure((async () => {
      for await (const _ of result.stream) if (++seen === 4) controller.abort();
    })());
    assert.ok(AbortedError.isInstance(error), String(error));
    const end = await result.final;
    assert.equal(end.outcome, 'aborted');
    assert.equal(end.usage.inputTokens?.provenance, 'estimated');
    assert.equal(end.usage.outputTokens?.provenance, 'estimated');
    assert.ok((end.usage.outputTokens?.value ?? 0) >= 4);
    await sim.settled();
    assert.equal(sim.requests[0]!.clientClosedEarly, true);
  });

  it('streamSpeak: consumer break on gpt-4o-mini-tts → tokens estimated (output from the audio received), characters still counted', async () => {
    const text = 'x'.repeat(300);
    const result = await openai({ baseURL: sim.openaiBaseURL }).streamSpeak(adapterCall('gpt-4o-mini-tts', { model: 'openai:gpt-4o-mini-tts', voice: 'alloy', text }, fakeKey()));
    for await (const _ of result.stream) break;
    const end = await result.final;
    assert.equal(end.outcome, 'aborted');
    assert.equal(end.output.bytes, 4096);
    assert.deepEqual(end.usage, {
      requests: 1,
      characters: { value: 300, provenance: 'estimated' },
      inputTokens: { value: referenceTokens(text), provenance: 'estimated' },
      // One 4 KiB chunk of mp3 (160 kbit/s): 0.2048 s at 20 audio tokens a second, rounded up.
      outputTokens: { value: 5, provenance: 'estimated' },
    });
    await sim.settled();
    assert.equal(sim.requests[0]!.clientClosedEarly, true);
  });
});
