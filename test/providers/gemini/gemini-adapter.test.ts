import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatDelta } from '../../../src/operations/chat.js';
import { ConfigError } from '../../../src/errors/config-error.js';
import { gemini } from '../../../src/providers/gemini/index.js';
import { simulatedTokenCount } from '../../../src/simulator/tokens.js';
import { adapterCall, assertNoKey, expectedUsage, fakeKey, sdkClient } from '../../support/providers/gemini.js';
import { GEMINI_SDKS } from '../../support/sdk-generations.js';
import { useSimulator } from '../../support/use-simulator.js';

const messages = [
  { role: 'system', content: 'You are terse.' },
  { role: 'user', content: 'Hello, world!' },
] as const;
const chatRequest = (model: string) => ({ model: `gemini:${model}` as const, messages: [...messages] });

for (const sdk of GEMINI_SDKS) {
  describe(`gemini adapter ↔ ${sdk} ↔ simulator`, () => {
    const sim = useSimulator();

    for (const model of ['gemini-2.0-flash', 'gemini-2.5-flash']) {
      it(`chat on ${model}: output and usage equal what the simulator reported`, async () => {
        const key = fakeKey();
        const adapter = gemini({ sdk, baseURL: sim.geminiBaseUrl });
        const result = await adapter.chat(adapterCall(model, chatRequest(model), key));
        const logged = sim.requests[0]!;
        assert.equal(sim.requests.length, 1);
        assert.deepEqual(result.usage, expectedUsage(logged.usage));
        assert.equal(result.usage.inputTokens?.value, simulatedTokenCount('You are terse.') + simulatedTokenCount('Hello, world!'));
        assert.equal(result.output.finishReason, 'stop');
        assert.equal(simulatedTokenCount(result.output.text), (logged.usage as { candidatesTokenCount: number }).candidatesTokenCount);
        assert.equal(typeof result.requestId, 'string');
        assert.deepEqual((logged.body as { systemInstruction: unknown }).systemInstruction, { role: 'system', parts: [{ text: 'You are terse.' }] });
        assert.equal(logged.headers['x-goog-api-key']?.startsWith('[redacted'), true);
        assertNoKey(key, result.usage, result.output);
      });

      it(`streamChat on ${model}: usage from the last cumulative chunk, not a sum`, async () => {
        const adapter = gemini({ sdk, baseURL: sim.geminiBaseUrl });
        const result = await adapter.streamChat(adapterCall(model, chatRequest(model), fakeKey()));
        const deltas: ChatDelta[] = [];
        for await (const delta of result.stream) deltas.push(delta);
        const end = await result.final;
        assert.equal(end.outcome, 'ok');
        assert.equal(deltas.length, 13);
        assert.equal(end.output.text, deltas.map((d) => d.text).join(''));
        assert.deepEqual(end.usage, expectedUsage(sim.requests[0]!.usage));
        assert.equal(end.usage.outputTokens?.value, 13 + (model === 'gemini-2.5-flash' ? 26 : 0));
        assert.equal(sim.requests.length, 1);
        assert.match(sim.requests[0]!.path, /:streamGenerateContent\?alt=sse$/);
      });
    }

    it('reports implicitly cached prompt tokens as cached input (a subset of input)', async () => {
      const key = fakeKey();
      const adapter = gemini({ sdk, baseURL: sim.geminiBaseUrl });
      const long = { role: 'user' as const, content: 'word '.repeat(1200) };
      await adapter.chat(adapterCall('gemini-2.5-flash', { model: 'gemini:gemini-2.5-flash', messages: [long] }, key));
      const result = await adapter.chat(
        adapterCall('gemini-2.5-flash', { model: 'gemini:gemini-2.5-flash', messages: [long, { role: 'assistant', content: 'ok' }, { role: 'user', content: 'again' }] }, key),
      );
      assert.deepEqual(result.usage, expectedUsage(sim.requests[1]!.usage));
      assert.equal(result.usage.cachedInputTokens?.value, 1200);
      assert.equal(result.usage.inputTokens?.value, 1202);
    });

    it('maps tools to functionDeclarations and function calls back and forth', async () => {
      const adapter = gemini({ sdk, baseURL: sim.geminiBaseUrl });
      const tools = [{ name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }];
      const ask = [{ role: 'user' as const, content: 'Call get_weather for Paris' }];
      const first = await adapter.chat(adapterCall('gemini-2.0-flash', { model: 'gemini:gemini-2.0-flash', messages: ask, tools }, fakeKey()));
      assert.equal(first.output.finishReason, 'tool-calls');
      const call = first.output.toolCalls[0]!;
      assert.equal(call.name, 'get_weather');
      assert.equal(typeof (JSON.parse(call.arguments) as { city: unknown }).city, 'string');
      assert.deepEqual(first.usage, expectedUsage(sim.requests[0]!.usage));

      const followUp = [...ask, { role: 'assistant' as const, content: '', toolCalls: [call] }, { role: 'tool' as const, content: '{"temp":21}', toolCallId: call.id }];
      const second = await adapter.chat(adapterCall('gemini-2.0-flash', { model: 'gemini:gemini-2.0-flash', messages: followUp, tools, toolChoice: 'auto' }, fakeKey()));
      assert.equal(second.output.finishReason, 'stop');
      assert.ok(second.output.text.length > 0);
      const sent = sim.requests[1]!.body as { contents: unknown[]; tools: unknown[]; toolConfig: unknown };
      assert.deepEqual(sent.contents.slice(1), [
        { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: JSON.parse(call.arguments) as object } }] },
        { role: 'function', parts: [{ functionResponse: { name: 'get_weather', response: { temp: 21 } } }] },
      ]);
      // The successor spells schema types as its Type enum (upper case); the API takes either.
      assert.deepEqual(JSON.parse(JSON.stringify(sent.tools).replace(/"type":"(\w+)"/g, (_, t: string) => `"type":"${t.toLowerCase()}"`)), [{ functionDeclarations: tools }]);
      assert.deepEqual(sent.toolConfig, { functionCallingConfig: { mode: 'AUTO' } });

      const streamed = await adapter.streamChat(adapterCall('gemini-2.0-flash', { model: 'gemini:gemini-2.0-flash', messages: ask, tools }, fakeKey()));
      const deltas: ChatDelta[] = [];
      for await (const delta of streamed.stream) deltas.push(delta);
      const end = await streamed.final;
      assert.deepEqual(deltas[0]?.toolCalls?.[0], { index: 0, id: call.id, name: call.name, argumentsDelta: call.arguments });
      assert.deepEqual(end.output.toolCalls, [call]);
      assert.deepEqual(end.usage, expectedUsage(sim.requests[2]!.usage));
    });

    it('passes maxOutputTokens and providerOptions.gemini (thinkingConfig) through, and reports length', async () => {
      const adapter = gemini({ sdk, baseURL: sim.geminiBaseUrl });
      const request = { ...chatRequest('gemini-2.5-flash'), maxOutputTokens: 11, providerOptions: { gemini: { generationConfig: { thinkingConfig: { thinkingBudget: 7 } } } } };
      const result = await adapter.chat(adapterCall('gemini-2.5-flash', request, fakeKey()));
      assert.equal(result.output.finishReason, 'length');
      // maxOutputTokens caps thoughts and answer together: 7 thinking, 4 answering.
      assert.deepEqual([result.usage.outputTokens?.value, result.usage.reasoningTokens?.value], [4 + 7, 7]);
      assert.deepEqual(result.usage, expectedUsage(sim.requests[0]!.usage));
    });

    it('embeds one input and several; input tokens estimated (no usage on the wire)', async () => {
      const adapter = gemini({ sdk, baseURL: sim.geminiBaseUrl });
      const one = await adapter.embed(adapterCall('text-embedding-004', { model: 'gemini:text-embedding-004', input: 'Hello, world!' }, fakeKey()));
      assert.equal(one.output.embeddings.length, 1);
      assert.equal(one.output.embeddings[0]!.length, 768);
      assert.deepEqual(one.usage, { requests: 1, inputTokens: { value: 4, provenance: 'estimated' } });
      assert.equal(sim.requests[0]!.usage, undefined);
      const many = await adapter.embed(adapterCall('text-embedding-004', { model: 'gemini:text-embedding-004', input: ['a b', 'c'], dimensions: 16 }, fakeKey()));
      assert.deepEqual(many.output.embeddings.map((e) => e.length), [16, 16]);
      assert.deepEqual(many.usage, { requests: 1, inputTokens: { value: 3, provenance: 'estimated' } });
      // The seed SDK sends one input to :embedContent; the successor sends everything to :batchEmbedContents.
      assert.deepEqual(sim.requests.map((r) => r.operation), sdk === '@google/genai' ? ['batchEmbed', 'batchEmbed'] : ['embed', 'batchEmbed']);
    });

    it('counts tokens with countTokens, the same prompt count generateContent reports', async () => {
      const key = fakeKey();
      const adapter = gemini({ sdk, baseURL: sim.geminiBaseUrl });
      const count = await adapter.countTokens({ model: 'gemini:gemini-2.0-flash', messages: [...messages], key });
      const chat = await adapter.chat(adapterCall('gemini-2.0-flash', chatRequest('gemini-2.0-flash'), key));
      assert.deepEqual(count, { totalTokens: chat.usage.inputTokens?.value, cachedContentTokens: 0 });
      assert.equal(sim.requests[0]!.operation, 'countTokens');
      await assert.rejects(adapter.countTokens({ model: 'gemini-2.0-flash', messages: [...messages] }), (e: unknown) => ConfigError.isInstance(e));
    });

    it('uses a client the user built, needing no key', async () => {
      const key = fakeKey();
      const adapter = gemini({ baseURL: `${sim.geminiBaseUrl}/`, client: (await sdkClient(sdk, key)) as never });
      assert.deepEqual(adapter.keyVariables, []);
      const result = await adapter.chat({ model: 'gemini-2.0-flash', request: chatRequest('gemini-2.0-flash'), key: undefined, signal: undefined });
      assert.deepEqual(result.usage, expectedUsage(sim.requests[0]!.usage));
      // A client the user built keeps its own API version (@google/genai 3.x: v1, 2.x: v1beta).
      assert.match(sim.requests[0]!.path, /^\/v1(beta)?\/models\/gemini-2\.0-flash:generateContent$/);
    });

    it('reads GOOGLE_API_KEY then GEMINI_API_KEY, and validates its options', () => {
      assert.deepEqual(gemini().keyVariables, ['GOOGLE_API_KEY', 'GEMINI_API_KEY']);
      for (const [options, field] of [
        [{ baseURL: 'not a url' }, 'gemini.baseURL'],
        [{ timeoutMs: 0 }, 'gemini.timeoutMs'],
        [{ client: {} }, 'gemini.client'],
        [{ apiVersion: 'beta' }, 'gemini.apiVersion'],
        [{ baseUrl: 'http://x' }, 'gemini.baseUrl'],
        [{ sdk: 'openai' }, 'gemini.sdk'],
        [{ client: { models: {} } }, 'gemini.client'],
      ] as const) {
        assert.throws(() => gemini(options as never), (e: unknown) => ConfigError.isInstance(e) && e.field === field);
      }
    });
  });
}
