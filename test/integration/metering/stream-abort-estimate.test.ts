// Issue 6, "Done means 1": an aborted stream gives `estimated` usage within 3 % of the tokenizer's count of what
// was actually streamed. Real SDKs against the simulator, asked for long replies (400 words) so that 3 % is
// meaningful, cut after k chunks by a consumer `break` or an AbortSignal; the reference is js-tiktoken called
// directly on the text the caller received.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createAIClient } from '../../../src/client/index.js';
import { AbortedError } from '../../../src/errors/aborted-error.js';
import { gemini } from '../../../src/providers/gemini/index.js';
import { openai } from '../../../src/providers/openai/index.js';
import { estimateTokens } from '../../../src/estimate-tokens.js';
import { memorySink } from '../../../src/sinks/memory-sink.js';
import type { UsageEvent } from '../../../src/usage-event.js';
import { referenceTokens, warmTokenizer, withinShare } from '../../support/reference-tokens.js';
import { fakeKey as geminiKey } from '../../support/providers/gemini.js';
import { GEMINI_SDKS, type GeminiSdkName } from '../../support/sdk-generations.js';
import { fakeKey as openaiKey } from '../../support/providers/openai.js';
import { useSimulator } from '../../support/use-simulator.js';
import { elevenlabs } from '../../../src/providers/elevenlabs/index.js';
import { expectedUsage as expectedSpeechUsage, fakeKey as elevenlabsKey, VOICE } from '../../support/providers/elevenlabs.js';
import { ELEVENLABS_SDKS } from '../../support/sdk-generations.js';

const REPLY_WORDS = 400;
// Several cut points, all mid-sentence (the reply's full stop is its last chunk), none near the end, so the
// simulator is still sending when the client closes.
const CUTS = [1, 2, 17, 90, 250];
const messages = [{ role: 'user' as const, content: 'Tell me a long story about the mountains.' }];

interface Cut {
  readonly text: string;
  readonly event: UsageEvent;
  readonly outputText: string;
}

describe('aborted streams: estimated output within 3 % of the tokenizer count of the text received', () => {
  const sim = useSimulator({ replyWords: REPLY_WORDS, chunkIntervalMs: 2 });
  before(async () => {
    // The adapters start loading the model's table as a stream opens; a cut before it is loaded waits for it
    // off the loop (test/providers/shared/count-cut-tokens.test.ts). Warm, so each test runs in its usual time.
    await warmTokenizer('o200k_base', 'cl100k_base');
  });

  async function cutStream(model: `${'openai' | 'gemini'}:${string}`, chunks: number, how: 'break' | 'signal', geminiSdk?: GeminiSdkName): Promise<Cut> {
    const sink = memorySink();
    const providers = { openai: openai({ baseURL: sim.openaiBaseURL }), gemini: gemini({ baseURL: sim.geminiBaseUrl, ...(geminiSdk ? { sdk: geminiSdk } : {}) }) };
    const ai = createAIClient({ providers, keys: { byProvider: { openai: openaiKey(), gemini: geminiKey() } }, sinks: [sink], flushOnExit: false });
    try {
      const controller = new AbortController();
      const stream = ai.streamChat({ model, messages, signal: controller.signal });
      let text = '';
      let seen = 0;
      try {
        for await (const delta of stream) {
          text += delta.text ?? '';
          if (++seen < chunks) continue;
          if (how === 'break') break;
          controller.abort();
        }
        assert.equal(how, 'break', 'an aborted signal ends the iteration with an AbortedError');
      } catch (error) {
        assert.ok(how === 'signal' && AbortedError.isInstance(error), String(error));
      }
      // Closing right after the cut (a barge-in, then shutdown) keeps the record: the estimate is made as the
      // stream ends, not later.
      await ai.close();
      assert.equal(sink.events.length, 1);
      const end = await stream.final;
      await sim.settled();
      return { text, event: sink.events[0]!, outputText: end.output.text };
    } finally {
      await ai.close();
    }
  }

  function assertAborted(cut: Cut): void {
    assert.equal(cut.event.status, 'aborted');
    assert.equal(cut.outputText, cut.text, 'the adapter counted exactly what the caller received');
    assert.equal(sim.requests.length, 1);
    assert.equal(sim.requests[0]!.clientClosedEarly, true);
    for (const figure of [cut.event.usage.inputTokens, cut.event.usage.outputTokens]) assert.equal(figure?.provenance, 'estimated');
  }

  for (const [model, encoding] of [['gpt-4o-mini', 'o200k_base'], ['gpt-4', 'cl100k_base']] as const) {
    for (const chunks of CUTS) {
      for (const how of ['break', 'signal'] as const) {
        it(`openai ${model} (${encoding}), ${how} after ${chunks} chunks`, async () => {
          const cut = await cutStream(`openai:${model}`, chunks, how);
          assertAborted(cut);
          const reference = referenceTokens(cut.text, encoding);
          const estimate = cut.event.usage.outputTokens?.value;
          assert.ok(withinShare(estimate, reference), `estimate ${estimate} vs tokenizer ${reference}`);
          if (chunks >= 90) {
            // The check can fail: a word count, or the other encoding, is off by more than 3 % here.
            assert.ok(!withinShare(estimateTokens(cut.text), reference), 'a word count would pass too');
            assert.ok(!withinShare(referenceTokens(cut.text, encoding === 'o200k_base' ? 'cl100k_base' : 'o200k_base'), reference), 'either encoding would pass');
          }
        });
      }
    }
  }

  it('openai: a tool call cut mid-arguments counts the name and the argument fragments received', async () => {
    const sink = memorySink();
    const ai = createAIClient({ providers: { openai: openai({ baseURL: sim.openaiBaseURL }) }, keys: { byProvider: { openai: openaiKey() } }, sinks: [sink], flushOnExit: false });
    try {
      const properties = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`field_${i}`, { type: 'string' }]));
      const tools = [{ name: 'file_report', description: 'Files a report', parameters: { type: 'object', properties } }];
      const stream = ai.streamChat({ model: 'openai:gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], tools, toolChoice: 'required' });
      let name = '';
      let args = '';
      let seen = 0;
      for await (const delta of stream) {
        for (const call of delta.toolCalls ?? []) {
          name += call.name ?? '';
          args += call.argumentsDelta ?? '';
        }
        if (++seen === 6) break;
      }
      await stream.final;
      await ai.flush();
      assert.ok(args.length > 0 && !args.endsWith('}'), `cut mid-arguments: ${args}`);
      const event = sink.events[0]!;
      assert.equal(event.status, 'aborted');
      assert.deepEqual(event.usage.outputTokens, { value: referenceTokens(name) + referenceTokens(args), provenance: 'estimated' });
    } finally {
      await ai.close();
    }
  });

  for (const [sdk, model] of GEMINI_SDKS.flatMap((s) => ['gemini-2.0-flash', 'gemini-2.5-flash'].map((m) => [s, m] as const))) {
    for (const chunks of CUTS) {
      for (const how of ['break', 'signal'] as const) {
        it(`gemini ${model} on ${sdk} (o200k_base standing in), ${how} after ${chunks} chunks`, async () => {
          const cut = await cutStream(`gemini:${model}`, chunks, how, sdk);
          assertAborted(cut);
          // Thoughts are never streamed as text: they come from the last usageMetadata received, as reported.
          const logged = sim.requests[0]!.usage as { thoughtsTokenCount?: number; promptTokenCount: number };
          const thoughts = logged.thoughtsTokenCount ?? 0;
          assert.equal(thoughts > 0, model === 'gemini-2.5-flash');
          assert.deepEqual(cut.event.usage.reasoningTokens, { value: thoughts, provenance: 'estimated' });
          assert.deepEqual(cut.event.usage.inputTokens, { value: logged.promptTokenCount, provenance: 'estimated' });
          const reference = referenceTokens(cut.text);
          const visible = (cut.event.usage.outputTokens?.value ?? Number.NaN) - thoughts;
          assert.ok(withinShare(visible, reference), `estimate ${visible} vs tokenizer ${reference}`);
          if (chunks >= 90) assert.ok(!withinShare(estimateTokens(cut.text), reference), 'a word count would pass too');
        });
      }
    }
  }
});

// ElevenLabs speech streams bill the whole text when the request starts: an aborted one keeps the text's figures,
// characters `estimated`; credits `reported` from the `character-cost` header with @elevenlabs/elevenlabs-js
// (sent in the reply head, before the audio), computed and `estimated` with elevenlabs 1.59.
for (const sdk of ELEVENLABS_SDKS) {
  describe(`aborted ElevenLabs speech streams (${sdk})`, () => {
    const sim = useSimulator({ chunkIntervalMs: 5 });
    const text = 'The agent speaks for a while before the caller barges in. '.repeat(8);

    for (const how of ['break', 'signal'] as const) {
      it(`${how} after 2 chunks: one aborted event with the text's figures`, async () => {
        const sink = memorySink();
        const ai = createAIClient({ providers: { elevenlabs: elevenlabs({ sdk, baseURL: sim.elevenlabsBaseUrl }) }, keys: { byProvider: { elevenlabs: elevenlabsKey() } }, sinks: [sink], flushOnExit: false });
        try {
          const controller = new AbortController();
          let seen = 0;
          try {
            for await (const chunk of ai.streamSpeak({ model: 'elevenlabs:eleven_flash_v2_5', voice: VOICE, text, signal: controller.signal })) {
              assert.ok(chunk.byteLength > 0);
              if (++seen < 2) continue;
              if (how === 'break') break;
              controller.abort();
            }
            assert.equal(how, 'break');
          } catch (error) {
            assert.ok(how === 'signal' && AbortedError.isInstance(error), String(error));
          }
          await ai.close();
          await sim.settled();
          assert.equal(sink.events.length, 1);
          assert.equal(sink.events[0]!.status, 'aborted');
          assert.deepEqual(sink.events[0]!.usage, expectedSpeechUsage(sim.requests[0]!.usage, text.length, false, sdk));
          assert.equal(sim.requests[0]!.clientClosedEarly, true);
        } finally {
          await ai.close();
        }
      });
    }
  });
}
