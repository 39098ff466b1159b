// Every request field is checked at the door: a bad value is a ConfigError naming the field, and nothing
// reaches the adapter. Before, a NaN, negative or string maxOutputTokens went through (and switched budgets
// off), and malformed parts, tools or signals failed with untyped TypeErrors inside the adapters.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAIClient } from '../../src/client/index.js';
import { ConfigError } from '../../src/errors/config-error.js';
import { chatRequest } from '../support/fixtures.js';
import { testAdapter } from '../support/test-adapter.js';

function client() {
  const adapter = testAdapter();
  return { adapter, ai: createAIClient({ providers: { test: adapter }, flushOnExit: false }) };
}

/** Asserts the call rejects with a ConfigError naming `field`, and that the adapter was never called. */
async function rejectsField(call: (ai: ReturnType<typeof client>['ai']) => Promise<unknown>, field: string): Promise<void> {
  const { adapter, ai } = client();
  await assert.rejects(call(ai), (error) => {
    assert.ok(ConfigError.isInstance(error), `expected ConfigError for ${field}, got ${String(error)}`);
    assert.equal(error.field, field);
    assert.ok(error.message.startsWith(`${field}: `), error.message);
    return true;
  });
  assert.equal(adapter.calls.length, 0, `${field}: nothing was sent`);
}

const chat = (extra: Record<string, unknown>) => (ai: ReturnType<typeof client>['ai']) => ai.chat(chatRequest(extra));

describe('request validation', () => {
  describe('numeric fields', () => {
    const BAD: [string, unknown][] = [
      ['NaN', Number.NaN],
      ['a negative number', -5],
      ['a string', '100'],
      ['Infinity', Number.POSITIVE_INFINITY],
      ['null', null],
    ];
    for (const [what, value] of BAD) {
      it(`maxOutputTokens: ${what} is a ConfigError naming request.maxOutputTokens`, async () => {
        await rejectsField(chat({ maxOutputTokens: value }), 'request.maxOutputTokens');
        const { ai } = client();
        await assert.rejects(() => collect(ai.streamChat(chatRequest({ maxOutputTokens: value as never }))), (e) => ConfigError.isInstance(e) && e.field === 'request.maxOutputTokens');
      });
      it(`temperature and topP: ${what} is a ConfigError naming the field`, async () => {
        await rejectsField(chat({ temperature: value }), 'request.temperature');
        await rejectsField(chat({ topP: value }), 'request.topP');
      });
      it(`embed dimensions: ${what} is a ConfigError naming request.dimensions`, async () => {
        await rejectsField((ai) => ai.embed({ model: 'test:e', input: 'x', dimensions: value as never }), 'request.dimensions');
      });
    }

    it('refuses a fractional or zero token count and out-of-range sampling settings', async () => {
      await rejectsField(chat({ maxOutputTokens: 1.5 }), 'request.maxOutputTokens');
      await rejectsField(chat({ maxOutputTokens: 0 }), 'request.maxOutputTokens');
      await rejectsField(chat({ temperature: 2.5 }), 'request.temperature');
      await rejectsField(chat({ topP: 1.1 }), 'request.topP');
    });

    it('accepts valid values and leaves them untouched', async () => {
      const { adapter, ai } = client();
      await ai.chat(chatRequest({ maxOutputTokens: 100, temperature: 0, topP: 1, stop: ['END'] }));
      await ai.embed({ model: 'test:e', input: ['a'], dimensions: 256 });
      const sent = adapter.calls[0]!.call.request as unknown as Record<string, unknown>;
      assert.deepEqual([sent.maxOutputTokens, sent.temperature, sent.topP], [100, 0, 1]);
      assert.equal(adapter.calls.length, 2);
    });
  });

  describe('messages, tools and other fields (typed errors, not TypeErrors)', () => {
    it('content: [null] names the part', async () => {
      await rejectsField(chat({ messages: [{ role: 'user', content: [null] }] }), 'request.messages[0].content[0]');
    });

    it('a text part without text names its text', async () => {
      await rejectsField(chat({ messages: [{ role: 'user', content: [{ type: 'text' }] }] }), 'request.messages[0].content[0].text');
    });

    it('an image part without a url, or a part of an unknown type, names the field', async () => {
      await rejectsField(chat({ messages: [{ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'image' }] }] }), 'request.messages[0].content[1].url');
      await rejectsField(chat({ messages: [{ role: 'user', content: [{ type: 'audio', data: 'x' }] }] }), 'request.messages[0].content[0].type');
    });

    it('tools: "x" names request.tools; a tool without a name names its name', async () => {
      await rejectsField(chat({ tools: 'x' }), 'request.tools');
      await rejectsField(chat({ tools: [{ description: 'no name' }] }), 'request.tools[0].name');
      await rejectsField(chat({ tools: [null] }), 'request.tools[0]');
    });

    it('a bad toolChoice, stop or tool call is named', async () => {
      await rejectsField(chat({ toolChoice: 'always' }), 'request.toolChoice');
      await rejectsField(chat({ stop: 'END' }), 'request.stop');
      await rejectsField(chat({ stop: [3] }), 'request.stop[0]');
      await rejectsField(chat({ messages: [{ role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'f' }] }] }), 'request.messages[0].toolCalls[0].arguments');
    });

    it('a signal that is not an AbortSignal names request.signal', async () => {
      await rejectsField(chat({ signal: {} }), 'request.signal');
      await rejectsField(chat({ signal: 'abort' }), 'request.signal');
      const { ai } = client();
      await assert.rejects(() => collect(ai.streamChat(chatRequest({ signal: { aborted: false } as never }))), (e) => ConfigError.isInstance(e) && e.field === 'request.signal');
    });

    it('bad providerOptions, speech format and transcription strings are named', async () => {
      await rejectsField(chat({ providerOptions: { openai: 7 } }), 'request.providerOptions.openai');
      await rejectsField((ai) => ai.speak({ model: 'test:s', voice: 'v', text: 'hi', format: 3 as never }), 'request.format');
      await rejectsField((ai) => ai.transcribe({ model: 'test:t', audio: new Uint8Array(4), language: 5 as never }), 'request.language');
    });
  });
});

async function collect(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of stream) void _;
}
