// The openai adapter over the real openai SDK against the simulator: outputs and usage, operation by operation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import OpenAI from 'openai';
import { ConfigError } from '../../../src/errors/config-error.js';
import type { ChatDelta } from '../../../src/operations/chat.js';
import { openai } from '../../../src/providers/openai/index.js';
import { simulatedTokenCount } from '../../../src/simulator/tokens.js';
import { adapterCall, assertNoKey, expectedChatUsage, fakeKey, wav } from '../../support/providers/openai.js';
import { useSimulator } from '../../support/use-simulator.js';

const messages = [
  { role: 'system' as const, content: 'You are terse.' },
  { role: 'user' as const, content: 'Hello, world!' },
];
const chatRequest = (model: string) => ({ model: `openai:${model}` as const, messages });
const tools = [{ name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }];

describe('openai adapter ↔ openai SDK ↔ simulator', () => {
  const sim = useSimulator();

  for (const model of ['gpt-4o-mini', 'gpt-5-mini']) {
    it(`chat on ${model}: output and usage equal what the simulator reported, field by field`, async () => {
      const key = fakeKey();
      const adapter = openai({ baseURL: sim.openaiBaseURL });
      const result = await adapter.chat(adapterCall(model, chatRequest(model), key));
      const logged = sim.requests[0]!;
      assert.equal(sim.requests.length, 1);
      assert.equal(logged.retryCount, 0);
      assert.deepEqual(result.usage, expectedChatUsage(logged.usage));
      assert.equal(result.usage.reasoningTokens?.value, model === 'gpt-5-mini' ? 26 : 0);
      assert.equal(result.output.finishReason, 'stop');
      assert.equal(simulatedTokenCount(result.output.text), 13);
      assert.equal(result.status, 200);
      assert.match(result.requestId ?? '', /^req_[0-9a-f]{32}$/);
      assert.equal(result.headers?.['x-request-id'], result.requestId);
      assert.equal(logged.headers['authorization']?.startsWith('[redacted'), true);
      assertNoKey(key, result.usage, result.output, result.headers);
    });

    it(`streamChat on ${model}: always asks include_usage; usage from the final chunk`, async () => {
      const adapter = openai({ baseURL: sim.openaiBaseURL });
      const result = await adapter.streamChat(adapterCall(model, chatRequest(model), fakeKey()));
      const deltas: ChatDelta[] = [];
      for await (const delta of result.stream) deltas.push(delta);
      const end = await result.final;
      assert.equal(end.outcome, 'ok');
      assert.equal(deltas.length, 13);
      assert.equal(end.output.text, deltas.map((d) => d.text).join(''));
      assert.deepEqual((sim.requests[0]!.body as { stream_options: unknown }).stream_options, { include_usage: true });
      assert.deepEqual(end.usage, expectedChatUsage(sim.requests[0]!.usage));
      assert.match(result.requestId ?? '', /^req_/);
    });
  }

  it('chat: cached tokens ⊂ input are reported for a repeated long prompt', async () => {
    const key = fakeKey();
    const adapter = openai({ baseURL: sim.openaiBaseURL });
    const long = [{ role: 'user' as const, content: 'word '.repeat(1200) }];
    await adapter.chat(adapterCall('gpt-4o', { model: 'openai:gpt-4o', messages: long }, key));
    const again = await adapter.chat(adapterCall('gpt-4o', { model: 'openai:gpt-4o', messages: long }, key));
    assert.deepEqual(again.usage, expectedChatUsage(sim.requests[1]!.usage));
    assert.equal(again.usage.cachedInputTokens?.value, 1152);
    assert.equal(again.usage.inputTokens?.value, 1206);
  });

  it('chat: tools, tool calls and tool results round-trip; maxOutputTokens is max_completion_tokens', async () => {
    const adapter = openai({ baseURL: sim.openaiBaseURL });
    const ask = [{ role: 'user' as const, content: 'Call get_weather for Paris' }];
    const first = await adapter.chat(adapterCall('gpt-4o-mini', { model: 'openai:gpt-4o-mini', messages: ask, tools, maxOutputTokens: 50 }, fakeKey()));
    assert.equal(first.output.finishReason, 'tool-calls');
    const call = first.output.toolCalls[0]!;
    assert.equal(call.name, 'get_weather');
    assert.equal(typeof (JSON.parse(call.arguments) as { city: unknown }).city, 'string');
    const sent = sim.requests[0]!.body as { tools: unknown[]; max_completion_tokens: number };
    assert.deepEqual(sent.tools[0], { type: 'function', function: tools[0] });
    assert.equal(sent.max_completion_tokens, 50);
    const history = [...ask, { role: 'assistant' as const, content: '', toolCalls: [call] }, { role: 'tool' as const, toolCallId: call.id, content: '{"temp":21}' }];
    const second = await adapter.chat(adapterCall('gpt-4o-mini', { model: 'openai:gpt-4o-mini', messages: history, tools }, fakeKey()));
    assert.equal(second.output.finishReason, 'stop');
    const wire = (sim.requests[1]!.body as { messages: unknown[] }).messages;
    assert.deepEqual(wire[1], { role: 'assistant', content: null, tool_calls: [{ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }] });
    assert.deepEqual(wire[2], { role: 'tool', tool_call_id: call.id, content: '{"temp":21}' });
  });

  it('streamChat: tool-call fragments are passed on and accumulated into whole calls', async () => {
    const adapter = openai({ baseURL: sim.openaiBaseURL });
    const request = { model: 'openai:gpt-4o-mini' as const, messages: [{ role: 'user' as const, content: 'hi' }], tools, toolChoice: 'required' as const };
    const result = await adapter.streamChat(adapterCall('gpt-4o-mini', request, fakeKey()));
    const fragments: string[] = [];
    for await (const delta of result.stream) for (const c of delta.toolCalls ?? []) fragments.push(c.argumentsDelta ?? '');
    const end = await result.final;
    assert.ok(fragments.filter(Boolean).length > 1, 'arguments arrive in pieces');
    assert.equal(end.output.finishReason, 'tool-calls');
    assert.equal(end.output.toolCalls.length, 1);
    assert.equal(end.output.toolCalls[0]!.arguments, fragments.join(''));
    assert.match(end.output.toolCalls[0]!.id, /^call_/);
    assert.deepEqual(end.usage, expectedChatUsage(sim.requests[0]!.usage));
  });

  it('embed: vectors (the SDK asks base64 and decodes) and prompt tokens as reported', async () => {
    const adapter = openai({ baseURL: sim.openaiBaseURL });
    const result = await adapter.embed(adapterCall('text-embedding-3-small', { model: 'openai:text-embedding-3-small', input: ['Hello, world!', 'b'] }, fakeKey()));
    assert.equal(result.output.embeddings.length, 2);
    assert.equal(result.output.embeddings[0]!.length, 1536);
    const logged = sim.requests[0]!.usage as { prompt_tokens: number };
    assert.deepEqual(result.usage, { requests: 1, inputTokens: { value: logged.prompt_tokens, provenance: 'reported' } });
    const explicit = await adapter.embed(
      adapterCall('text-embedding-3-small', { model: 'openai:text-embedding-3-small', input: ['Hello, world!', 'b'], providerOptions: { openai: { encoding_format: 'base64' } } }, fakeKey()),
    );
    assert.deepEqual(explicit.output.embeddings, result.output.embeddings, 'explicit base64 is decoded by the adapter');
    const floats = await adapter.embed(
      adapterCall('text-embedding-3-small', { model: 'openai:text-embedding-3-small', input: ['Hello, world!', 'b'], providerOptions: { openai: { encoding_format: 'float' } } }, fakeKey()),
    );
    assert.deepEqual(floats.output.embeddings, result.output.embeddings);
  });

  it('speak (tts-1): the audio bytes and media type; characters counted from the input, no tokens', async () => {
    const adapter = openai({ baseURL: sim.openaiBaseURL });
    const text = 'Hello there, nice to meet you.';
    const result = await adapter.speak(adapterCall('tts-1', { model: 'openai:tts-1', voice: 'alloy', text }, fakeKey()));
    assert.equal(result.output.mediaType, 'audio/mpeg');
    assert.equal(result.output.audio.length, 40_000, 'two seconds of mp3 at 160 kbit/s');
    assert.deepEqual(result.usage, { requests: 1, characters: { value: text.length, provenance: 'reported' } });
    assert.equal(sim.requests[0]!.usage, undefined, 'nothing on the wire to compare with');
  });

  it('speak and streamSpeak (gpt-4o-mini-tts): requested as SSE, tokens equal the speech.audio.done usage', async () => {
    const adapter = openai({ baseURL: sim.openaiBaseURL });
    const text = 'Hello there, nice to meet you.';
    const whole = await adapter.speak(adapterCall('gpt-4o-mini-tts', { model: 'openai:gpt-4o-mini-tts', voice: 'alloy', text, format: 'wav' }, fakeKey()));
    const logged = sim.requests[0]!.usage as { input_tokens: number; output_tokens: number };
    assert.equal((sim.requests[0]!.body as { stream_format: string }).stream_format, 'sse');
    assert.deepEqual(whole.usage, {
      requests: 1,
      characters: { value: text.length, provenance: 'reported' },
      inputTokens: { value: logged.input_tokens, provenance: 'reported' },
      outputTokens: { value: logged.output_tokens, provenance: 'reported' },
      modalities: { input: { text: logged.input_tokens }, output: { audio: logged.output_tokens } },
    });
    assert.equal(whole.output.mediaType, 'audio/wav');
    assert.equal(Buffer.from(whole.output.audio).toString('ascii', 0, 4), 'RIFF');
    const streamed = await adapter.streamSpeak(adapterCall('gpt-4o-mini-tts', { model: 'openai:gpt-4o-mini-tts', voice: 'alloy', text, format: 'wav' }, fakeKey()));
    let bytes = 0;
    for await (const chunk of streamed.stream) bytes += chunk.byteLength;
    const end = await streamed.final;
    assert.equal(bytes, whole.output.audio.length);
    assert.deepEqual(end.output, { bytes, mediaType: 'audio/wav' });
    assert.deepEqual(end.usage, whole.usage);
  });

  it('streamSpeak (tts-1): binary chunks as they arrive', async () => {
    const adapter = openai({ baseURL: sim.openaiBaseURL });
    const text = 'x'.repeat(60);
    const result = await adapter.streamSpeak(adapterCall('tts-1', { model: 'openai:tts-1', voice: 'alloy', text, format: 'pcm' }, fakeKey()));
    let bytes = 0;
    for await (const chunk of result.stream) bytes += chunk.byteLength;
    const end = await result.final;
    assert.equal(bytes, 4 * 24_000 * 2);
    assert.equal(end.output.mediaType, 'audio/pcm');
    assert.equal(end.chunks > 1, true);
    assert.deepEqual(end.usage, { requests: 1, characters: { value: 60, provenance: 'reported' } });
  });

  it('transcribe: audio seconds for whisper-1, tokens for gpt-4o-transcribe, as reported', async () => {
    const adapter = openai({ baseURL: sim.openaiBaseURL });
    const whisper = await adapter.transcribe(adapterCall('whisper-1', { model: 'openai:whisper-1', audio: wav(2.5), fileName: 'turn.wav' }, fakeKey()));
    assert.deepEqual(sim.requests[0]!.usage, { type: 'duration', seconds: 3 });
    assert.deepEqual(whisper.usage, { requests: 1, audioSeconds: { value: 3, provenance: 'reported' } });
    assert.equal(simulatedTokenCount(whisper.output.text), 7);
    const tokens = await adapter.transcribe(adapterCall('gpt-4o-transcribe', { model: 'openai:gpt-4o-transcribe', audio: new Blob([wav(2.5)]), prompt: 'Names' }, fakeKey()));
    const logged = sim.requests[1]!.usage as { input_tokens: number; output_tokens: number; input_token_details: { text_tokens: number; audio_tokens: number } };
    assert.deepEqual(tokens.usage, {
      requests: 1,
      inputTokens: { value: logged.input_tokens, provenance: 'reported' },
      outputTokens: { value: logged.output_tokens, provenance: 'reported' },
      modalities: { input: { text: logged.input_token_details.text_tokens, audio: logged.input_token_details.audio_tokens } },
    });
    assert.deepEqual((sim.requests[1]!.body as { fields: Record<string, string> }).fields, { model: 'gpt-4o-transcribe', response_format: 'json', prompt: 'Names' });
  });

  it('a user-built client needs no key; the adapter uses a copy of it with retries off', async () => {
    const client = new OpenAI({ apiKey: fakeKey(), baseURL: sim.openaiBaseURL });
    const adapter = openai({ client });
    assert.deepEqual(adapter.keyVariables, []);
    sim.fault({ times: 1, action: { status: 500 } });
    await assert.rejects(adapter.chat({ model: 'gpt-4o-mini', request: chatRequest('gpt-4o-mini'), key: undefined, signal: undefined }), { kind: 'server' });
    assert.equal(sim.requests.length, 1, 'one HTTP request, although the client would retry twice');
    const ok = await adapter.chat({ model: 'gpt-4o-mini', request: chatRequest('gpt-4o-mini'), key: undefined, signal: undefined });
    assert.equal(ok.output.finishReason, 'stop');
  });

  it('once the SDK has loaded, a call gets its client at once: a missing key still rejects (no throw), each key its own client', async () => {
    const adapter = openai({ baseURL: sim.openaiBaseURL });
    const [first, second] = [fakeKey(), fakeKey()];
    await adapter.chat(adapterCall<'chat'>('gpt-4o-mini', chatRequest('gpt-4o-mini'), first)); // loads the SDK
    let pending: Promise<unknown> | undefined;
    assert.doesNotThrow(() => (pending = adapter.chat({ model: 'gpt-4o-mini', request: chatRequest('gpt-4o-mini'), key: undefined, signal: undefined })));
    await assert.rejects(pending!, (e: unknown) => ConfigError.isInstance(e) && e.field === 'keys.openai');
    await adapter.chat(adapterCall<'chat'>('gpt-4o-mini', chatRequest('gpt-4o-mini'), second));
    await adapter.chat(adapterCall<'chat'>('gpt-4o-mini', chatRequest('gpt-4o-mini'), first));
    const keys = sim.requests.map((r) => r.headers['authorization']); // the simulator logs each key's fingerprint
    assert.equal(keys.length, 3, 'the call without a key sent nothing');
    assert.equal(keys[0], keys[2]);
    assert.notEqual(keys[0], keys[1]);
  });

  it('validates options and wants a key without a client', async () => {
    assert.throws(() => openai({ baseURL: 'not a url' }), (e: unknown) => ConfigError.isInstance(e) && e.field === 'openai.baseURL');
    assert.throws(() => openai({ timeoutMs: -1 }), (e: unknown) => ConfigError.isInstance(e) && e.field === 'openai.timeoutMs');
    assert.throws(() => openai({ retries: 2 } as never), (e: unknown) => ConfigError.isInstance(e) && e.field === 'openai.retries');
    assert.throws(() => openai({ client: {} as OpenAI }), (e: unknown) => ConfigError.isInstance(e) && e.field === 'openai.client');
    assert.deepEqual(openai().keyVariables, ['OPENAI_API_KEY']);
    await assert.rejects(openai().chat({ model: 'gpt-4o', request: chatRequest('gpt-4o'), key: undefined, signal: undefined }), (e: unknown) => ConfigError.isInstance(e) && e.field === 'keys.openai');
  });
});
