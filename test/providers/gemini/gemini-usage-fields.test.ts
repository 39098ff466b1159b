import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatDelta, ChatRequest } from '../../../src/operations/chat.js';
import { gemini } from '../../../src/providers/gemini/index.js';
import { adapterCall, expectedUsage, fakeKey, sdkClient } from '../../support/providers/gemini.js';
import { GEMINI_SDKS } from '../../support/sdk-generations.js';
import { useSimulator } from '../../support/use-simulator.js';

// A 1×1 PNG: the simulator counts 258 IMAGE tokens for an inline image, as Gemini does for a small one.
const PIXEL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const request = (model: string): ChatRequest => ({
  model: { provider: 'gemini', model },
  messages: [{ role: 'user', content: [{ type: 'text', text: 'What is in this picture? Search the web.' }, { type: 'image', url: PIXEL }] }],
  // Google Search grounding: the API's own tool, whose results come back as tool-use prompt tokens.
  providerOptions: { gemini: { tools: [{ googleSearch: {} }] } },
});

for (const sdk of GEMINI_SDKS) {
  describe(`gemini usage: every usageMetadata field (${sdk})`, () => {
    const sim = useSimulator();

    it('chat: tool-use prompt, thoughts, and the per-modality splits, field by field as the simulator sent them', async () => {
      const result = await gemini({ sdk, baseURL: sim.geminiBaseUrl }).chat(adapterCall('gemini-2.5-flash', request('gemini-2.5-flash'), fakeKey()));
      const logged = sim.requests[0]!.usage as Record<string, unknown>;
      assert.deepEqual(result.usage, expectedUsage(logged));
      const prompt = logged['promptTokenCount'] as number;
      const toolUse = logged['toolUsePromptTokenCount'] as number;
      const thoughts = logged['thoughtsTokenCount'] as number;
      const candidates = logged['candidatesTokenCount'] as number;
      assert.ok(toolUse > 0 && thoughts > 0);
      assert.deepEqual(result.usage.toolUsePromptTokens, { value: toolUse, provenance: 'reported' });
      assert.deepEqual(result.usage.inputTokens, { value: prompt + toolUse, provenance: 'reported' });
      assert.deepEqual(result.usage.modalities, {
        input: { text: prompt - 258 + toolUse, image: 258 },
        output: { text: candidates + thoughts },
      });
      // The split adds up to its total.
      assert.equal(Object.values(result.usage.modalities?.input ?? {}).reduce((a, b) => a + b, 0), result.usage.inputTokens?.value);
    });

    it('streamChat: the same fields from the last cumulative chunk', async () => {
      const result = await gemini({ sdk, baseURL: sim.geminiBaseUrl }).streamChat(adapterCall('gemini-2.5-flash', request('gemini-2.5-flash'), fakeKey()));
      const deltas: ChatDelta[] = [];
      for await (const delta of result.stream) deltas.push(delta);
      const end = await result.final;
      assert.ok(deltas.length > 1);
      assert.deepEqual(end.usage, expectedUsage(sim.requests[0]!.usage));
      assert.equal(end.usage.toolUsePromptTokens?.provenance, 'reported');
    });

    it('cached input is split by modality too', async () => {
      const adapter = gemini({ sdk, baseURL: sim.geminiBaseUrl });
      const key = fakeKey();
      const long = { role: 'user' as const, content: 'word '.repeat(1200) };
      await adapter.chat(adapterCall('gemini-2.5-flash', { model: { provider: 'gemini', model: 'gemini-2.5-flash' }, messages: [long] }, key));
      const again = await adapter.chat(adapterCall('gemini-2.5-flash', { model: { provider: 'gemini', model: 'gemini-2.5-flash' }, messages: [long, { role: 'assistant', content: 'ok' }, { role: 'user', content: 'again' }] }, key));
      assert.deepEqual(again.usage, expectedUsage(sim.requests[1]!.usage));
      assert.deepEqual(again.usage.modalities?.cachedInput, { text: again.usage.cachedInputTokens?.value });
    });

    it(sdk === '@google/genai' ? 'reply headers reach the result (sdkHttpResponse.headers), filtered' : 'the seed SDK exposes no reply headers', async () => {
      const adapter = gemini({ sdk, baseURL: sim.geminiBaseUrl });
      const chat = await adapter.chat(adapterCall('gemini-2.0-flash', request('gemini-2.0-flash'), fakeKey()));
      const stream = await adapter.streamChat(adapterCall('gemini-2.0-flash', request('gemini-2.0-flash'), fakeKey()));
      for await (const _ of stream.stream) void _;
      const end = await stream.final;
      const expected = sdk === '@google/genai' ? { 'server-timing': 'gfet4t7; dur=1' } : undefined;
      assert.deepEqual([chat.headers, stream.headers, end.headers], [expected, expected, expected]);
    });

    it('a client the user built with its own retries on still sends one request per attempt', async () => {
      const key = fakeKey();
      const client = await sdkClient(sdk, key, { retries: 4 });
      sim.fault({ match: { provider: 'gemini' }, action: { status: 503 } });
      const adapter = gemini({ baseURL: sim.geminiBaseUrl, client: client as never });
      await assert.rejects(adapter.chat({ model: 'gemini-2.0-flash', request: request('gemini-2.0-flash'), key: undefined, signal: undefined }), { kind: 'server', status: 503 });
      assert.equal(sim.requests.length, 1);
    });
  });
}
