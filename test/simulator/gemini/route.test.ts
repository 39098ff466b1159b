import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { startSimulator } from '../../../src/simulator/index.js';
import { simulatedTokenCount } from '../../../src/simulator/tokens.js';
import type { Simulator, SimulatorOptions } from '../../../src/simulator/types.js';
import { useSimulator } from '../../support/use-simulator.js';

const fakeKey = (): string => `AIza${randomBytes(16).toString('hex')}`;

function post(sim: Simulator, path: string, body: unknown, key: string | null = fakeKey(), viaQuery = false): Promise<Response> {
  const url = `${sim.geminiBaseUrl}${path}${viaQuery && key ? `${path.includes('?') ? '&' : '?'}key=${key}` : ''}`;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key && !viaQuery) headers['x-goog-api-key'] = key;
  return fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
}

const hello = { contents: [{ role: 'user', parts: [{ text: 'Hello, world!' }] }] };

describe('Gemini simulator route', () => {
  const sim = useSimulator({ keys: { reject: ['AIzaREJECTED'] } });

  it('answers generateContent with proto3 usage: zero fields left out, no thoughts for a non-thinking model', async () => {
    const res = await post(sim, '/v1beta/models/gemini-2.0-flash:generateContent', hello);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const body = (await res.json()) as { candidates: { content: { parts: { text: string }[]; role: string }; finishReason: string }[]; usageMetadata: Record<string, unknown>; modelVersion: string };
    const text = body.candidates[0]!.content.parts[0]!.text;
    assert.equal(body.candidates[0]!.content.role, 'model');
    assert.equal(body.candidates[0]!.finishReason, 'STOP');
    assert.equal(body.modelVersion, 'gemini-2.0-flash');
    assert.deepEqual(body.usageMetadata, {
      promptTokenCount: 4,
      candidatesTokenCount: simulatedTokenCount(text),
      totalTokenCount: 4 + simulatedTokenCount(text),
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: 4 }],
      candidatesTokensDetails: [{ modality: 'TEXT', tokenCount: simulatedTokenCount(text) }],
    });
    assert.deepEqual(sim.requests[0]?.usage, body.usageMetadata);
    assert.equal(sim.requests[0]?.operation, 'chat');
    assert.equal(sim.requests[0]?.model, 'gemini-2.0-flash');
  });

  it('counts thoughts outside the candidates but inside the total for gemini-2.5, capped by thinkingBudget; maxOutputTokens caps both together', async () => {
    const res = await post(sim, '/v1beta/models/gemini-2.5-flash:generateContent', hello);
    const usage = ((await res.json()) as { usageMetadata: Record<string, number> }).usageMetadata;
    assert.equal(usage.candidatesTokenCount, 13); // 12 words and a full stop
    assert.equal(usage.thoughtsTokenCount, 26);
    assert.equal(usage.totalTokenCount, 4 + 13 + 26);
    const capped = await post(sim, '/v1beta/models/gemini-2.5-flash:generateContent', { ...hello, generationConfig: { thinkingConfig: { thinkingBudget: 5 }, maxOutputTokens: 8 } });
    const cappedBody = (await capped.json()) as { usageMetadata: Record<string, number>; candidates: { finishReason: string }[] };
    assert.deepEqual([cappedBody.usageMetadata.thoughtsTokenCount, cappedBody.usageMetadata.candidatesTokenCount], [5, 3]);
    assert.equal(cappedBody.candidates[0]!.finishReason, 'MAX_TOKENS');
    // Thinking first: a cap below the thoughts leaves the answer nothing, and nothing is billed beyond the cap.
    const starved = await post(sim, '/v1beta/models/gemini-2.5-flash:generateContent', { ...hello, generationConfig: { maxOutputTokens: 10 } });
    const starvedBody = (await starved.json()) as { usageMetadata: Record<string, number>; candidates: { finishReason: string }[] };
    assert.deepEqual([starvedBody.usageMetadata.thoughtsTokenCount, starvedBody.usageMetadata.candidatesTokenCount ?? 0], [10, 0]);
    assert.equal(starvedBody.candidates[0]!.finishReason, 'MAX_TOKENS');
    const off = await post(sim, '/v1beta/models/gemini-2.5-flash:generateContent', { ...hello, generationConfig: { thinkingConfig: { thinkingBudget: 0 } } });
    assert.equal('thoughtsTokenCount' in ((await off.json()) as { usageMetadata: object }).usageMetadata, false);
  });

  it('splits the prompt by modality, and counts the API\'s own tools (Google Search, URL context) as tool-use prompt tokens outside the prompt', async () => {
    const parts = [{ text: 'Hello, world!' }, { inlineData: { mimeType: 'image/png', data: 'AAAA' } }, { inlineData: { mimeType: 'audio/wav', data: 'AAAA' } }, { inlineData: { mimeType: 'application/pdf', data: 'AAAA' } }];
    const request = { contents: [{ role: 'user', parts }], tools: [{ googleSearch: {} }, { urlContext: {} }, { functionDeclarations: [{ name: 'f' }] }] };
    const res = await post(sim, '/v1beta/models/gemini-2.0-flash:generateContent', request);
    const usage = ((await res.json()) as { usageMetadata: Record<string, unknown> }).usageMetadata;
    assert.equal(usage.promptTokenCount, 4 + 3 * 258);
    assert.deepEqual(usage.promptTokensDetails, [
      { modality: 'TEXT', tokenCount: 4 },
      { modality: 'IMAGE', tokenCount: 258 },
      { modality: 'AUDIO', tokenCount: 258 },
      { modality: 'DOCUMENT', tokenCount: 258 },
    ]);
    assert.equal(usage.toolUsePromptTokenCount, 128);
    assert.deepEqual(usage.toolUsePromptTokensDetails, [{ modality: 'TEXT', tokenCount: 128 }]);
    assert.equal(usage.totalTokenCount, 4 + 3 * 258 + 128 + (usage.candidatesTokenCount as number));
    const counted = await post(sim, '/v1beta/models/gemini-2.0-flash:countTokens', { contents: request.contents });
    assert.deepEqual(((await counted.json()) as { promptTokensDetails: unknown }).promptTokensDetails, usage.promptTokensDetails);
  });

  it('serves the same methods under /v1 (the default of @google/genai 3.x)', async () => {
    const res = await post(sim, '/v1/models/gemini-2.0-flash:generateContent', hello);
    assert.equal(res.status, 200);
    assert.equal(sim.requests[0]?.operation, 'chat');
  });

  it('streams only `data: <one-line JSON>` CRLF events with cumulative usage', async () => {
    const res = await post(sim, '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse', hello);
    assert.equal(res.headers.get('content-type'), 'text/event-stream');
    const raw = await res.text();
    const events = raw.split('\r\n\r\n');
    assert.equal(events.pop(), '');
    assert.equal(events.length, 13);
    const usages = events.map((event) => {
      assert.match(event, /^data: \{[^\r\n]*\}$/);
      return (JSON.parse(event.slice(6)) as { usageMetadata: Record<string, number> }).usageMetadata;
    });
    usages.forEach((usage, i) => {
      assert.equal(usage.candidatesTokenCount, i + 1);
      assert.equal(usage.thoughtsTokenCount, 26);
      assert.equal(usage.totalTokenCount, 4 + i + 1 + 26);
    });
    assert.deepEqual(sim.requests[0]?.usage, usages.at(-1));
    assert.equal(sim.requests[0]?.chunksSent, 13);
  });

  it('accepts the key as ?key= and redacts it in the log', async () => {
    const key = fakeKey();
    const res = await post(sim, '/v1beta/models/gemini-2.0-flash:countTokens', hello, key, true);
    assert.deepEqual(await res.json(), { totalTokens: 4, promptTokensDetails: [{ modality: 'TEXT', tokenCount: 4 }] });
    assert.equal(sim.requests[0]?.path, '/v1beta/models/gemini-2.0-flash:countTokens?key=REDACTED');
    assert.equal(JSON.stringify(sim.requests).includes(key), false);
  });

  it('counts tokens of a generateContentRequest like generateContent does, system instruction included', async () => {
    const request = { ...hello, systemInstruction: { role: 'system', parts: [{ text: 'Be brief.' }] } };
    const count = await post(sim, '/v1beta/models/gemini-2.0-flash:countTokens', { generateContentRequest: { model: 'models/gemini-2.0-flash', ...request } });
    const generated = await post(sim, '/v1beta/models/gemini-2.0-flash:generateContent', request);
    const { usageMetadata } = (await generated.json()) as { usageMetadata: { promptTokenCount: number } };
    assert.equal(((await count.json()) as { totalTokens: number }).totalTokens, usageMetadata.promptTokenCount);
    assert.equal(usageMetadata.promptTokenCount, 7);
  });

  it('embeds one or several texts, deterministically and without usage', async () => {
    const one = (await (await post(sim, '/v1beta/models/text-embedding-004:embedContent', { content: { parts: [{ text: 'hi' }] } })).json()) as { embedding: { values: number[] } };
    assert.equal(one.embedding.values.length, 768);
    const batch = await post(sim, '/v1beta/models/text-embedding-004:batchEmbedContents', {
      requests: [{ model: 'models/text-embedding-004', content: { parts: [{ text: 'hi' }] }, outputDimensionality: 8 }, { model: 'models/text-embedding-004', content: { parts: [{ text: 'yo' }] } }],
    });
    const { embeddings } = (await batch.json()) as { embeddings: { values: number[] }[] };
    assert.deepEqual(embeddings[0]!.values, one.embedding.values.slice(0, 8));
    assert.equal(embeddings[1]!.values.length, 768);
    assert.equal(sim.requests[0]?.usage, undefined);
    assert.equal(sim.requests[1]?.operation, 'batchEmbed');
  });

  it('calls a declared function the user mentions, and answers in text once it has the result', async () => {
    const tools = [{ functionDeclarations: [{ name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } } } }] }];
    const ask = { contents: [{ role: 'user', parts: [{ text: 'Use get_weather for Paris' }] }], tools };
    const res = (await (await post(sim, '/v1beta/models/gemini-2.0-flash:generateContent', ask)).json()) as { candidates: { content: { parts: { functionCall: { name: string; args: Record<string, unknown> } }[] } }[]; usageMetadata: Record<string, number> };
    const call = res.candidates[0]!.content.parts[0]!.functionCall;
    assert.equal(call.name, 'get_weather');
    assert.equal(typeof call.args.city, 'string');
    assert.equal(call.args.days, 1);
    assert.equal(res.usageMetadata.candidatesTokenCount, simulatedTokenCount(`get_weather ${JSON.stringify(call.args)}`));
    const answered = { ...ask, contents: [...ask.contents, { role: 'model', parts: [{ functionCall: call }] }, { role: 'function', parts: [{ functionResponse: { name: 'get_weather', response: { temp: 21 } } }] }] };
    const text = (await (await post(sim, '/v1beta/models/gemini-2.0-flash:generateContent', answered)).json()) as { candidates: { content: { parts: { text?: string }[] } }[] };
    assert.equal(typeof text.candidates[0]!.content.parts[0]!.text, 'string');
  });

  it('reads a repeated long prompt prefix from the implicit cache on gemini-2.5 (cached ⊂ prompt)', async () => {
    const key = fakeKey();
    const long = { role: 'user', parts: [{ text: 'word '.repeat(1100) }] };
    const first = await post(sim, '/v1beta/models/gemini-2.5-flash:generateContent', { contents: [long] }, key);
    assert.equal('cachedContentTokenCount' in ((await first.json()) as { usageMetadata: object }).usageMetadata, false);
    const next = { contents: [long, { role: 'model', parts: [{ text: 'ok' }] }, { role: 'user', parts: [{ text: 'more' }] }] };
    const usage = ((await (await post(sim, '/v1beta/models/gemini-2.5-flash:generateContent', next, key)).json()) as { usageMetadata: Record<string, unknown> }).usageMetadata;
    assert.equal(usage.cachedContentTokenCount, 1100);
    assert.equal(usage.promptTokenCount, 1102);
    assert.deepEqual(usage.cacheTokensDetails, [{ modality: 'TEXT', tokenCount: 1100 }]);
    const otherKey = ((await (await post(sim, '/v1beta/models/gemini-2.5-flash:generateContent', next)).json()) as { usageMetadata: object }).usageMetadata;
    assert.equal('cachedContentTokenCount' in otherKey, false);
  });

  it('refuses a bad key with 400 INVALID_ARGUMENT / API_KEY_INVALID, and a missing key with 403', async () => {
    const res = await post(sim, '/v1beta/models/gemini-2.0-flash:generateContent', hello, 'AIzaREJECTED');
    assert.equal(res.status, 400);
    const { error } = (await res.json()) as { error: { code: number; status: string; message: string; details: { '@type': string; reason?: string }[] } };
    assert.equal(error.code, 400);
    assert.equal(error.status, 'INVALID_ARGUMENT');
    assert.equal(error.message, 'API key not valid. Please pass a valid API key.');
    assert.equal(error.details[0]!['@type'], 'type.googleapis.com/google.rpc.ErrorInfo');
    assert.equal(error.details[0]!.reason, 'API_KEY_INVALID');
    const missing = await post(sim, '/v1beta/models/gemini-2.0-flash:generateContent', hello, null);
    assert.equal(missing.status, 403);
    assert.equal(((await missing.json()) as { error: { status: string } }).error.status, 'PERMISSION_DENIED');
  });

  it('answers 404 NOT_FOUND for an unknown model or a model of the other kind', async () => {
    const res = await post(sim, '/v1beta/models/gemini-pro:generateContent', hello);
    assert.equal(res.status, 404);
    const { error } = (await res.json()) as { error: { status: string; message: string } };
    assert.equal(error.status, 'NOT_FOUND');
    assert.equal(error.message, 'models/gemini-pro is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.');
    assert.equal((await post(sim, '/v1beta/models/gemini-2.0-flash:embedContent', { content: { parts: [{ text: 'x' }] } })).status, 404);
    assert.equal((await post(sim, '/v1beta/models/text-embedding-004:generateContent', hello)).status, 404);
  });

  it('refuses a negative or non-integer maxOutputTokens with 400 INVALID_ARGUMENT', async () => {
    const refused = async (maxOutputTokens: unknown): Promise<unknown> => {
      const res = await post(sim, '/v1beta/models/gemini-2.0-flash:generateContent', { ...hello, generationConfig: { maxOutputTokens } });
      return { status: res.status, error: ((await res.json()) as { error: unknown }).error };
    };
    const invalid = (message: string) => ({ status: 400, error: { code: 400, message, status: 'INVALID_ARGUMENT' } });
    assert.deepEqual(await refused(-1), invalid('Request contains an invalid argument.'));
    assert.deepEqual(await refused(2.5), invalid("Invalid value at 'generation_config.max_output_tokens' (TYPE_INT32), 2.5"));
    assert.deepEqual(await refused('many'), invalid('Invalid value at \'generation_config.max_output_tokens\' (TYPE_INT32), "many"'));
    const capped = await post(sim, '/v1beta/models/gemini-2.0-flash:generateContent', { ...hello, generationConfig: { maxOutputTokens: 3 } });
    assert.equal(capped.status, 200);
  });

  it('an errorAfterChunks fault ends an SSE stream with a Google error event under the 200; other replies get the status', async () => {
    sim.fault({ match: { provider: 'gemini', operation: 'streamChat' }, times: 2, action: { errorAfterChunks: 2, error: { status: 503 } } });
    const res = await post(sim, '/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse', hello);
    assert.equal(res.status, 200);
    const events = (await res.text()).split('\r\n\r\n');
    assert.equal(events.pop(), '');
    assert.equal(events.length, 3);
    assert.ok(events.slice(0, 2).every((e) => /^data: \{"candidates":/.test(e)));
    assert.deepEqual(JSON.parse(events[2]!.slice('data: '.length)), { error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' } });
    const array = await post(sim, '/v1beta/models/gemini-2.0-flash:streamGenerateContent', hello);
    assert.equal(array.status, 503);
    assert.deepEqual(sim.requests.map((r) => [r.status, r.fault, r.chunksSent]), [[200, 'stream-error', 3], [503, 'stream-error', 1]]);
  });

  it('sends provider-shaped bodies for status faults', async () => {
    for (const [status, canonical] of [[500, 'INTERNAL'], [503, 'UNAVAILABLE'], [429, 'RESOURCE_EXHAUSTED']] as const) {
      sim.fault({ match: { provider: 'gemini' }, times: 1, action: { status } });
      const res = await post(sim, '/v1beta/models/gemini-2.0-flash:generateContent', hello);
      assert.equal(res.status, status);
      const { error } = (await res.json()) as { error: { code: number; status: string; message: string } };
      assert.deepEqual([error.code, error.status], [status, canonical]);
      assert.ok(error.message.length > 0);
    }
  });
});

describe('Gemini simulator quotas', () => {
  let sim: Simulator;
  let now = Date.parse('2025-03-08T12:00:00Z');
  const start = (quotas: NonNullable<SimulatorOptions['quotas']>['gemini']): Promise<Simulator> =>
    startSimulator({ now: () => now, quotas: { gemini: quotas } }).then((s) => (sim = s));
  after(() => sim?.close());

  it('refuses the request past the per-minute limit with 429, QuotaFailure and RetryInfo, per key and per model', async () => {
    await start({ rpm: 2, models: { 'gemini-2.5-pro': { rpm: 1 } } });
    const key = fakeKey();
    for (let i = 0; i < 2; i += 1) {
      assert.equal((await post(sim, '/v1beta/models/gemini-2.0-flash:generateContent', hello, key)).status, 200);
      now += 10_000;
    }
    const res = await post(sim, '/v1beta/models/gemini-2.0-flash:generateContent', hello, key);
    assert.equal(res.status, 429);
    const { error } = (await res.json()) as { error: { status: string; message: string; details: Record<string, unknown>[] } };
    assert.equal(error.status, 'RESOURCE_EXHAUSTED');
    assert.match(error.message, /^You exceeded your current quota/);
    assert.deepEqual(error.details[0], {
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [{
        quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
        quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier',
        quotaDimensions: { location: 'global', model: 'gemini-2.0-flash' },
        quotaValue: '2',
      }],
    });
    assert.equal(error.details[1]!['@type'], 'type.googleapis.com/google.rpc.Help');
    // The first request (20 s ago) leaves the window in 40 s.
    assert.deepEqual(error.details[2], { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '40s' });
    assert.equal((await post(sim, '/v1beta/models/gemini-2.0-flash:generateContent', hello)).status, 200, 'another key has its own quota');
    assert.equal((await post(sim, '/v1beta/models/gemini-2.5-pro:generateContent', hello, key)).status, 200, 'another model has its own quota');
    assert.equal((await post(sim, '/v1beta/models/gemini-2.5-pro:generateContent', hello, key)).status, 429, 'model override');
    assert.equal((await post(sim, '/v1beta/models/gemini-2.0-flash:countTokens', hello, key)).status, 200, 'countTokens is not counted');
    now += 41_000;
    assert.equal((await post(sim, '/v1beta/models/gemini-2.0-flash:generateContent', hello, key)).status, 200);
    await sim.close();
  });

  it('resets the per-day quota at midnight Pacific, across the spring DST change', async () => {
    now = Date.parse('2025-03-09T07:30:00Z'); // 23:30 PST on March 8
    await start({ rpd: 1 });
    const key = fakeKey();
    assert.equal((await post(sim, '/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse', hello, key)).status, 200);
    const refused = await post(sim, '/v1beta/models/gemini-2.0-flash:generateContent', hello, key);
    assert.equal(refused.status, 429);
    const { error } = (await refused.json()) as { error: { details: { violations?: { quotaId: string }[]; retryDelay?: string }[] } };
    assert.equal(error.details[0]!.violations![0]!.quotaId, 'GenerateRequestsPerDayPerProjectPerModel-FreeTier');
    assert.equal(error.details[2]!.retryDelay, '1800s');
    now = Date.parse('2025-03-09T08:00:00Z'); // midnight PST: March 9 begins
    assert.equal((await post(sim, '/v1beta/models/gemini-2.0-flash:generateContent', hello, key)).status, 200);
    now = Date.parse('2025-03-10T06:59:59Z'); // 23:59:59 PDT: still March 9, 23 hours later
    assert.equal((await post(sim, '/v1beta/models/gemini-2.0-flash:generateContent', hello, key)).status, 429);
    now = Date.parse('2025-03-10T07:00:00Z'); // midnight PDT, an hour earlier in UTC than the last one
    assert.equal((await post(sim, '/v1beta/models/gemini-2.0-flash:generateContent', hello, key)).status, 200);
    await sim.close();
  });

  it('resets the per-day quota at midnight Pacific, across the autumn DST change (a 25-hour day)', async () => {
    now = Date.parse('2025-11-02T07:00:00Z'); // midnight PDT, November 2
    await start({ rpd: 1 });
    const key = fakeKey();
    assert.equal((await post(sim, '/v1beta/models/gemini-2.0-flash:generateContent', hello, key)).status, 200);
    now = Date.parse('2025-11-03T07:30:00Z'); // 23:30 PST: 24.5 hours later, still November 2
    const refused = await post(sim, '/v1beta/models/gemini-2.0-flash:generateContent', hello, key);
    assert.equal(refused.status, 429);
    const { error } = (await refused.json()) as { error: { details: { retryDelay?: string }[] } };
    assert.equal(error.details[2]!.retryDelay, '1800s');
    now = Date.parse('2025-11-03T08:00:00Z'); // midnight PST
    assert.equal((await post(sim, '/v1beta/models/gemini-2.0-flash:generateContent', hello, key)).status, 200);
    await sim.close();
  });
});
