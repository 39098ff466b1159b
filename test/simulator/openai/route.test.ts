// The simulated OpenAI API as the real openai SDK sees it: wire formats, usage rules, headers and error bodies.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import OpenAI, { toFile, type APIError } from 'openai';
import { maskedKey } from '../../../src/simulator/openai/errors.js';
import { startSimulator } from '../../../src/simulator/index.js';
import { simulatedTokenCount } from '../../../src/simulator/tokens.js';
import { fakeKey, wav } from '../../support/providers/openai.js';
import { useSimulator } from '../../support/use-simulator.js';

const user = (content: string) => ({ role: 'user' as const, content });

async function apiError(pending: Promise<unknown>): Promise<APIError> {
  try {
    await pending;
  } catch (error) {
    return error as APIError;
  }
  return assert.fail('expected an API error');
}

describe('simulated OpenAI API ↔ openai SDK', () => {
  let client: OpenAI;
  let key: string;
  const sim = useSimulator();
  beforeEach(() => {
    key = fakeKey();
    client = new OpenAI({ apiKey: key, baseURL: sim.openaiBaseURL, maxRetries: 0 });
  });

  it('chat: JSON with CompletionUsage; prompt tokens = 3 per message + text + 3; headers', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'Be brief.' }, user('Hello, world!')] })
      .withResponse();
    assert.equal(response.headers.get('content-type'), 'application/json');
    assert.match(response.headers.get('x-request-id') ?? '', /^req_[0-9a-f]{32}$/);
    assert.equal(response.headers.get('openai-version'), '2020-10-01');
    assert.ok(response.headers.has('openai-processing-ms'));
    assert.equal(response.headers.has('x-ratelimit-limit-requests'), false, 'no limit configured, none announced');
    const prompt = 3 + simulatedTokenCount('Be brief.') + 3 + simulatedTokenCount('Hello, world!') + 3;
    assert.deepEqual(data.usage, {
      prompt_tokens: prompt,
      completion_tokens: 13,
      total_tokens: prompt + 13,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    });
    assert.equal(data.object, 'chat.completion');
    assert.equal(data.choices[0]!.finish_reason, 'stop');
    assert.equal(simulatedTokenCount(data.choices[0]!.message.content!), 13);
    assert.deepEqual(sim.requests[0]!.usage, data.usage);
    assert.equal(sim.requests[0]!.retryCount, 0);
  });

  it('chat: reasoning models report reasoning tokens inside completion tokens; max_completion_tokens caps both', async () => {
    const full = await client.chat.completions.create({ model: 'gpt-5-mini', messages: [user('Think.')] });
    assert.equal(full.usage!.completion_tokens_details!.reasoning_tokens, 26);
    assert.equal(full.usage!.completion_tokens, 26 + 13);
    const low = await client.chat.completions.create({ model: 'o4-mini', messages: [user('Think.')], reasoning_effort: 'low' });
    assert.equal(low.usage!.completion_tokens_details!.reasoning_tokens, 13);
    const capped = await client.chat.completions.create({ model: 'gpt-5', messages: [user('Think.')], max_completion_tokens: 30 });
    assert.equal(capped.usage!.completion_tokens, 30);
    assert.equal(capped.usage!.completion_tokens_details!.reasoning_tokens, 26);
    assert.equal(capped.choices[0]!.finish_reason, 'length');
    assert.equal(simulatedTokenCount(capped.choices[0]!.message.content!), 4);
  });

  it('chat: a repeated long prompt reads cached tokens in steps of 128 from 1024 on, per key', async () => {
    const long = user('word '.repeat(1200));
    const first = await client.chat.completions.create({ model: 'gpt-4o', messages: [long] });
    assert.equal(first.usage!.prompt_tokens, 1206);
    assert.equal(first.usage!.prompt_tokens_details!.cached_tokens, 0);
    const again = await client.chat.completions.create({ model: 'gpt-4o', messages: [long, { role: 'assistant', content: 'ok' }, user('more')] });
    assert.equal(again.usage!.prompt_tokens_details!.cached_tokens, 1152);
    const other = new OpenAI({ apiKey: fakeKey(), baseURL: sim.openaiBaseURL, maxRetries: 0 });
    const elsewhere = await other.chat.completions.create({ model: 'gpt-4o', messages: [long] });
    assert.equal(elsewhere.usage!.prompt_tokens_details!.cached_tokens, 0);
    const short = await client.chat.completions.create({ model: 'gpt-4o', messages: [user('hi')] });
    await client.chat.completions.create({ model: 'gpt-4o', messages: [user('hi')] });
    assert.equal(short.usage!.prompt_tokens_details!.cached_tokens, 0);
  });

  it('chat: tools make a deterministic tool call when the user names the tool or tool_choice requires one', async () => {
    const tools = [{ type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } } } } }];
    const named = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [user('Use get_weather please')], tools });
    const call = named.choices[0]!.message.tool_calls![0]!;
    assert.equal(named.choices[0]!.finish_reason, 'tool_calls');
    assert.equal(named.choices[0]!.message.content, null);
    assert.match(call.id, /^call_/);
    assert.equal(call.type === 'function' && call.function.name, 'get_weather');
    const args = JSON.parse(call.type === 'function' ? call.function.arguments : '{}') as { city: string; days: number };
    assert.equal(typeof args.city, 'string');
    assert.equal(args.days, 1);
    const plain = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [user('Hello')], tools });
    assert.equal(plain.choices[0]!.message.tool_calls, undefined);
    const required = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [user('Hello')], tools, tool_choice: 'required' });
    assert.equal(required.choices[0]!.finish_reason, 'tool_calls');
  });

  it('chat SSE without include_usage: no usage anywhere; with it: one final chunk with choices [] and the usage, others usage null', async () => {
    const bare = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [user('Hi')], stream: true });
    const bareChunks = [];
    for await (const chunk of bare) bareChunks.push(chunk);
    assert.equal(bareChunks.length, 15);
    assert.ok(bareChunks.every((c) => !('usage' in c)));
    assert.equal(bareChunks.at(-1)!.choices[0]!.finish_reason, 'stop');
    assert.equal(sim.requests[0]!.usage, undefined);
    assert.equal(sim.requests[0]!.operation, 'streamChat');

    const counted = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [user('Hi')], stream: true, stream_options: { include_usage: true } });
    const chunks = [];
    for await (const chunk of counted) chunks.push(chunk);
    const last = chunks.at(-1)!;
    assert.deepEqual(last.choices, []);
    assert.equal(last.usage!.completion_tokens, 13);
    assert.ok(chunks.slice(0, -1).every((c) => c.usage === null));
    assert.deepEqual(sim.requests[1]!.usage, last.usage);
    const whole = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [user('Hi')] });
    assert.equal(chunks.map((c) => c.choices[0]?.delta.content ?? '').join(''), whole.choices[0]!.message.content, 'the same reply, streamed');
  });

  it('embeddings: base64 (the SDK default) and float give the same unit vectors; usage prompt tokens', async () => {
    const input = ['Hello, world!', 'second text'];
    const b64 = await client.embeddings.create({ model: 'text-embedding-3-small', input });
    const float = await client.embeddings.create({ model: 'text-embedding-3-small', input, encoding_format: 'float' });
    assert.equal((sim.requests[0]!.body as { encoding_format: string }).encoding_format, 'base64');
    assert.deepEqual(b64.data.map((d) => d.embedding), float.data.map((d) => d.embedding));
    assert.equal(b64.data[0]!.embedding.length, 1536);
    assert.ok(Math.abs(Math.hypot(...b64.data[0]!.embedding) - 1) < 1e-5);
    assert.deepEqual(b64.usage, { prompt_tokens: 6, total_tokens: 6 });
    const short = await client.embeddings.create({ model: 'text-embedding-3-large', input: 'x', dimensions: 256 });
    assert.equal(short.data[0]!.embedding.length, 256);
  });

  it('speech: binary audio per format with its media type, no usage; SSE for gpt-4o-mini-tts carries usage', async () => {
    const mp3 = await client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'Hello there, nice to meet you.' });
    assert.equal(mp3.headers.get('content-type'), 'audio/mpeg');
    const bytes = new Uint8Array(await mp3.arrayBuffer());
    assert.equal(bytes.length, 40_000);
    assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xf3]);
    const wavReply = await client.audio.speech.create({ model: 'tts-1-hd', voice: 'alloy', input: 'Hi', response_format: 'wav' });
    assert.equal(wavReply.headers.get('content-type'), 'audio/wav');
    assert.equal(Buffer.from(await wavReply.arrayBuffer()).toString('ascii', 0, 4), 'RIFF');
    assert.equal(sim.requests[0]!.usage, undefined);
    const sse = await client.audio.speech.create({ model: 'gpt-4o-mini-tts', voice: 'alloy', input: 'Hello there', stream_format: 'sse' });
    const text = await sse.text();
    assert.match(text, /^data: \{"type":"speech\.audio\.delta","audio":"/);
    assert.deepEqual(sim.requests[2]!.usage, { input_tokens: 2, output_tokens: Math.ceil((11 / 15) * 20), total_tokens: 2 + 15 });
    assert.equal(sim.requests[2]!.operation, 'streamSpeak');
    await assert.rejects(client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'x', stream_format: 'sse' }), { status: 400 });
  });

  it('transcriptions: duration usage for whisper-1, tokens for gpt-4o-transcribe, plain text without usage', async () => {
    const audio = wav(2.5);
    const whisper = await client.audio.transcriptions.create({ model: 'whisper-1', file: await toFile(audio, 'a.wav') });
    assert.deepEqual(whisper.usage, { type: 'duration', seconds: 3 });
    assert.equal(simulatedTokenCount(whisper.text), Math.round(2.5 * 2.5) + 1);
    assert.equal(sim.requests[0]!.model, 'whisper-1');
    const tokens = await client.audio.transcriptions.create({ model: 'gpt-4o-transcribe', file: await toFile(audio, 'a.wav'), prompt: 'Names: Ana' });
    assert.deepEqual(tokens.usage, {
      type: 'tokens',
      input_tokens: 25 + 3,
      input_token_details: { text_tokens: 3, audio_tokens: 25 },
      output_tokens: simulatedTokenCount(tokens.text),
      total_tokens: 28 + simulatedTokenCount(tokens.text),
    });
    assert.equal(tokens.text, whisper.text, 'the transcript is seeded by the audio');
    const mp3 = await client.audio.transcriptions.create({ model: 'whisper-1', file: await toFile(new Uint8Array(48_000), 'a.mp3') });
    assert.deepEqual(mp3.usage, { type: 'duration', seconds: 3 });
    const text = await client.audio.transcriptions.create({ model: 'whisper-1', file: await toFile(audio, 'a.wav'), response_format: 'text' });
    assert.equal(text, `${whisper.text}\n`);
    assert.equal(sim.requests[3]!.usage, undefined);
    const verbose = await client.audio.transcriptions.create({ model: 'whisper-1', file: await toFile(audio, 'a.wav'), response_format: 'verbose_json' });
    assert.equal(verbose.duration, 2.5);
    await assert.rejects(client.audio.transcriptions.create({ model: 'gpt-4o-transcribe', file: await toFile(audio, 'a.wav'), response_format: 'verbose_json' }), { status: 400 });
  });

  it('401 invalid_api_key echoes the key masked (8 + stars + 4), never whole', async () => {
    const rejected = fakeKey();
    const strict = await startSimulator({ keys: { reject: [rejected] } });
    try {
      const bad = new OpenAI({ apiKey: rejected, baseURL: strict.openaiBaseURL, maxRetries: 0 });
      const error = await apiError(bad.chat.completions.create({ model: 'gpt-4o-mini', messages: [user('x')] }));
      assert.ok(error instanceof OpenAI.AuthenticationError);
      assert.deepEqual(error.error, {
        message: `Incorrect API key provided: ${rejected.slice(0, 8)}${'*'.repeat(rejected.length - 12)}${rejected.slice(-4)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      });
      assert.equal(error.message.includes(rejected), false);
      assert.equal(maskedKey('short'), 'short');
    } finally {
      await strict.close();
    }
  });

  it('404 model_not_found for the documented unknown-model pattern; 400 for a request without messages', async () => {
    const error = await apiError(client.chat.completions.create({ model: 'nonexistent-model', messages: [user('x')] }));
    assert.ok(error instanceof OpenAI.NotFoundError);
    assert.deepEqual(error.error, { message: 'The model `nonexistent-model` does not exist or you do not have access to it.', type: 'invalid_request_error', param: null, code: 'model_not_found' });
    const bad = await apiError(client.chat.completions.create({ model: 'gpt-4o', messages: [] }));
    assert.equal(bad.status, 400);
    assert.equal(bad.param, 'messages');
  });

  it('400 for a token cap or dimensions below 1 or not an integer, with the API\'s own wording, param and code', async () => {
    const refused = async (body: Record<string, unknown>, path = 'chat/completions'): Promise<{ status: number; error: unknown }> => {
      const res = await fetch(`${sim.openaiBaseURL}/${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, error: ((await res.json()) as { error: unknown }).error };
    };
    const chat = { model: 'gpt-4o-mini', messages: [user('x')] };
    const below = (param: string, value: number) => ({
      status: 400,
      error: { message: `Invalid '${param}': integer below minimum value. Expected a value >= 1, but got ${value} instead.`, type: 'invalid_request_error', param, code: 'integer_below_min_value' },
    });
    const badType = (param: string, got: string) => ({
      status: 400,
      error: { message: `Invalid type for '${param}': expected an integer, but got ${got} instead.`, type: 'invalid_request_error', param, code: 'invalid_type' },
    });
    assert.deepEqual(await refused({ ...chat, max_tokens: -5 }), below('max_tokens', -5));
    assert.deepEqual(await refused({ ...chat, max_tokens: 0 }), below('max_tokens', 0));
    assert.deepEqual(await refused({ ...chat, max_completion_tokens: -1, stream: true }), below('max_completion_tokens', -1));
    assert.deepEqual(await refused({ ...chat, max_tokens: '100' }), badType('max_tokens', 'a string'));
    assert.deepEqual(await refused({ ...chat, max_completion_tokens: 2.5 }), badType('max_completion_tokens', 'a decimal number'));
    assert.deepEqual(await refused({ model: 'text-embedding-3-small', input: 'x', dimensions: -3 }, 'embeddings'), below('dimensions', -3));
    assert.deepEqual(sim.requests.map((r) => r.status), [400, 400, 400, 400, 400, 400]);
    // null means "no cap", as on the API.
    const open = await client.chat.completions.create({ ...chat, max_tokens: null });
    assert.equal(open.choices[0]!.finish_reason, 'stop');
  });

  it('a 500 fault without a body gets the provider-shaped server_error body', async () => {
    sim.fault({ match: { provider: 'openai' }, times: 1, action: { status: 500 } });
    const error = await apiError(client.chat.completions.create({ model: 'gpt-4o', messages: [user('x')] }));
    assert.ok(error instanceof OpenAI.InternalServerError);
    assert.deepEqual(error.error, { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null });
    assert.match(error.requestID ?? '', /^req_/);
  });
});

describe('simulated OpenAI quotas', () => {
  it('the request past the per-minute request limit gets 429 rate_limit_exceeded (type requests) with a small retry-after; the window rolls', async () => {
    let now = Date.UTC(2026, 0, 5, 12);
    const sim = await startSimulator({ now: () => now, quotas: { openai: { rpm: 2 } } });
    try {
      const client = new OpenAI({ apiKey: fakeKey(), baseURL: sim.openaiBaseURL, maxRetries: 0 });
      const first = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [user('a')] }).withResponse();
      assert.equal(first.response.headers.get('x-ratelimit-limit-requests'), '2');
      assert.equal(first.response.headers.get('x-ratelimit-remaining-requests'), '1');
      assert.equal(first.response.headers.get('x-ratelimit-reset-requests'), '1m0s');
      now += 10_000;
      await client.embeddings.create({ model: 'text-embedding-3-small', input: 'b' });
      now += 5_000;
      const error = await apiError(client.chat.completions.create({ model: 'gpt-4o-mini', messages: [user('c')] }));
      assert.ok(error instanceof OpenAI.RateLimitError);
      assert.equal(error.code, 'rate_limit_exceeded');
      assert.equal(error.type, 'requests');
      assert.equal(error.headers?.get('retry-after'), '45');
      assert.match(error.message, /^429 Rate limit reached for gpt-4o-mini in organization org-simulated on requests per min \(RPM\): Limit 2, Used 2, Requested 1\. Please try again in 45s\./);
      assert.equal(sim.requests.length, 3);
      now += 45_000;
      await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [user('d')] });
    } finally {
      await sim.close();
    }
  });

  it('tokens per minute: type tokens, and a request larger than the limit is "Request too large" without retry-after', async () => {
    const sim = await startSimulator({ quotas: { openai: { tpm: 40 } } });
    try {
      const client = new OpenAI({ apiKey: fakeKey(), baseURL: sim.openaiBaseURL, maxRetries: 0 });
      await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [user('a')] }); // 7 + 13 = 20 tokens
      await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [user('a')] });
      const limited = await apiError(client.chat.completions.create({ model: 'gpt-4o-mini', messages: [user('a')] }));
      assert.equal(limited.status, 429);
      assert.equal(limited.type, 'tokens');
      assert.ok(Number(limited.headers?.get('retry-after')) <= 60);
      const huge = await apiError(client.embeddings.create({ model: 'text-embedding-3-small', input: 'word '.repeat(50) }));
      assert.match(huge.message, /^429 Request too large/);
      assert.equal(huge.headers?.get('retry-after'), null);
    } finally {
      await sim.close();
    }
  });

  it('insufficient_quota for keys without credit; the SDK with default retries tries 3 times (x-stainless-retry-count 0,1,2)', async () => {
    const broke = fakeKey();
    const sim = await startSimulator({ quotas: { openai: { insufficientQuotaKeys: [broke] } } });
    try {
      const client = new OpenAI({ apiKey: broke, baseURL: sim.openaiBaseURL });
      const error = await apiError(client.chat.completions.create({ model: 'gpt-4o-mini', messages: [user('a')] }));
      assert.deepEqual(error.error, {
        message: 'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
        type: 'insufficient_quota',
        param: null,
        code: 'insufficient_quota',
      });
      assert.deepEqual(sim.requests.map((r) => r.retryCount), [0, 1, 2]);
    } finally {
      await sim.close();
    }
  });
});
