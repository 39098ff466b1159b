// Issue 17, "Audio that is cut is still priced": a speech stream cut by a `break` or an AbortSignal records what
// the provider bills for it, estimated where the reply never said, and a cost (never a missing one) in the usage
// event and in the report. Real SDKs against the simulator. gpt-4o-mini-tts reports its tokens only in the last
// SSE event (`speech.audio.done`), so a cut stream's output audio tokens are estimated from the audio received;
// the reference is what the simulator bills for the same request streamed in full (its `speech.audio.done`).
import assert from 'node:assert/strict';
import { before, describe, it, type TestContext } from 'node:test';
import { createAIClient } from '../../../src/client/index.js';
import { AbortedError } from '../../../src/errors/aborted-error.js';
import { elevenlabs } from '../../../src/providers/elevenlabs/index.js';
import { openai } from '../../../src/providers/openai/index.js';
import { formatReport } from '../../../src/report/format-report.js';
import { summarizeUsage } from '../../../src/report/summarize-usage.js';
import { memorySink } from '../../../src/sinks/memory-sink.js';
import type { UsageEvent } from '../../../src/usage-event.js';
import { fakeKey as elevenlabsKey, VOICE } from '../../support/providers/elevenlabs.js';
import { fakeKey as openaiKey } from '../../support/providers/openai.js';
import { warmTokenizer } from '../../support/reference-tokens.js';
import { ELEVENLABS_SDKS } from '../../support/sdk-generations.js';
import { useSimulator } from '../../support/use-simulator.js';

// About 12 seconds of speech for the simulator (15 characters a second): 118 chunks of pcm, 59 of mp3.
const TEXT = 'The agent reads out a long answer while the caller waits to speak. '.repeat(3).trim();
const CUT_AFTER = 3;
// A cut estimate may differ from the simulator's bill for the same audio by the rounding of both sides (one
// token each) and, for wav, the 44-byte header inside the first chunk.
const TOLERANCE_TOKENS = 2;

type How = 'break' | 'signal';
type SpeechModel = `${'openai' | 'elevenlabs'}:${string}`;

interface Run {
  readonly event: UsageEvent;
  readonly bytes: number;
  readonly chunks: number;
}

describe('cut speech streams are priced', () => {
  const sim = useSimulator({ chunkIntervalMs: 1 });
  // A cut's input tokens wait for the model's table (off the loop); built here, so no test waits seconds for it.
  before(() => warmTokenizer('o200k_base'));

  /** Streams `model`'s speech of TEXT, stopping after `cutAfter` chunks (never, when undefined). */
  async function speech(model: SpeechModel, format: string | undefined, cutAfter: number | undefined, how: How = 'break', sdk?: (typeof ELEVENLABS_SDKS)[number]): Promise<Run> {
    const sink = memorySink();
    const providers = { openai: openai({ baseURL: sim.openaiBaseURL }), elevenlabs: elevenlabs({ baseURL: sim.elevenlabsBaseUrl, ...(sdk ? { sdk } : {}) }) };
    const ai = createAIClient({ providers, keys: { byProvider: { openai: openaiKey(), elevenlabs: elevenlabsKey() } }, sinks: [sink], flushOnExit: false });
    const voice = model.startsWith('openai:') ? 'alloy' : VOICE;
    let bytes = 0;
    let chunks = 0;
    try {
      const controller = new AbortController();
      try {
        for await (const chunk of ai.streamSpeak({ model, voice, text: TEXT, signal: controller.signal, ...(format ? { format } : {}) })) {
          bytes += chunk.byteLength;
          if (++chunks !== cutAfter) continue;
          if (how === 'break') break;
          controller.abort();
        }
        assert.ok(cutAfter === undefined || how === 'break', 'an aborted signal ends the iteration with an AbortedError');
      } catch (error) {
        assert.ok(how === 'signal' && AbortedError.isInstance(error), String(error));
      }
      await ai.close();
      await sim.settled();
      assert.equal(sink.events.length, 1);
      return { event: sink.events[0]!, bytes, chunks };
    } finally {
      await ai.close();
    }
  }

  /** The simulator's bill for TEXT streamed in full, and the audio it sent. */
  async function fullReply(model: SpeechModel, format: string): Promise<{ run: Run; billed: number }> {
    const run = await speech(model, format, undefined);
    assert.equal(run.event.status, 'ok');
    const billed = (sim.requests.at(-1)!.usage as { output_tokens: number }).output_tokens;
    assert.deepEqual(run.event.usage.outputTokens, { value: billed, provenance: 'reported' });
    return { run, billed };
  }

  function assertPricedCut(cut: Run): number {
    assert.equal(cut.event.status, 'aborted');
    assert.ok((cut.event.cost?.usd ?? 0) > 0, `a cost, not ${JSON.stringify(cut.event.cost)}`);
    assert.equal(cut.event.cost?.unpriced, undefined);
    return cut.event.cost!.usd!;
  }

  for (const format of ['pcm', 'wav', 'mp3', 'opus']) {
    for (const how of ['break', 'signal'] as const) {
      it(`gpt-4o-mini-tts ${format}, ${how} after ${CUT_AFTER} chunks: output audio tokens of the audio received, estimated, priced`, async (t: TestContext) => {
        const { run: full, billed } = await fullReply('openai:gpt-4o-mini-tts', format);
        const cut = await speech('openai:gpt-4o-mini-tts', format, CUT_AFTER, how);
        const usd = assertPricedCut(cut);
        assert.equal(sim.requests.at(-1)!.clientClosedEarly, true);
        assert.equal(cut.event.usage.inputTokens?.provenance, 'estimated');
        const output = cut.event.usage.outputTokens;
        assert.equal(output?.provenance, 'estimated');
        // The simulator's bill for the full reply, prorated to the share of its audio the caller received.
        const share = (billed * cut.bytes) / full.bytes;
        t.diagnostic(`${format}: received ${cut.bytes} of ${full.bytes} bytes; estimated ${output?.value} tokens vs ${share.toFixed(2)} prorated from the full bill of ${billed}; cost $${usd}`);
        assert.ok(Math.abs(Number(output?.value) - share) <= TOLERANCE_TOKENS, `estimate ${output?.value} vs prorated ${share}`);
      });
    }

    it(`gpt-4o-mini-tts ${format}, cut on the last audio chunk (before speech.audio.done): the full bill within ${TOLERANCE_TOKENS} tokens`, async (t: TestContext) => {
      const { run: full, billed } = await fullReply('openai:gpt-4o-mini-tts', format);
      const cut = await speech('openai:gpt-4o-mini-tts', format, full.chunks);
      const usd = assertPricedCut(cut);
      assert.equal(cut.bytes, full.bytes);
      const output = cut.event.usage.outputTokens;
      assert.equal(output?.provenance, 'estimated');
      const fullUsd = full.event.cost!.usd!;
      t.diagnostic(`${format}: estimated ${output?.value} output tokens vs ${billed} billed; cost $${usd} vs $${fullUsd} for the full reply`);
      assert.ok(Math.abs(Number(output?.value) - billed) <= TOLERANCE_TOKENS, `estimate ${output?.value} vs billed ${billed}`);
      // The output is the bulk of the cost: within 2 % even though the input tokens are estimated differently.
      assert.ok(Math.abs(usd - fullUsd) / fullUsd < 0.02, `cut $${usd} vs full $${fullUsd}`);
    });
  }

  for (const [model, perMillion] of [['tts-1', 15], ['tts-1-hd', 30]] as const) {
    for (const how of ['break', 'signal'] as const) {
      it(`${model}, ${how} after 2 chunks: the whole input's characters, estimated, priced`, async () => {
        const cut = await speech(`openai:${model}`, 'mp3', 2, how);
        const usd = assertPricedCut(cut);
        assert.equal(sim.requests.at(-1)!.clientClosedEarly, true);
        assert.deepEqual(cut.event.usage.characters, { value: TEXT.length, provenance: 'estimated' });
        assert.ok(Math.abs(usd - (TEXT.length * perMillion) / 1e6) < 1e-12, `$${usd}`);
      });
    }
  }

  for (const sdk of ELEVENLABS_SDKS) {
    it(`ElevenLabs on ${sdk}, cut after 2 chunks: the credits priced (${sdk === 'elevenlabs' ? 'estimated' : 'reported from the header'})`, async () => {
      const cut = await speech('elevenlabs:eleven_flash_v2_5', undefined, 2, 'break', sdk);
      assertPricedCut(cut);
      const credits = (sim.requests.at(-1)!.usage as { 'character-cost': number })['character-cost'];
      assert.deepEqual(cut.event.usage.credits, { value: credits, provenance: sdk === 'elevenlabs' ? 'estimated' : 'reported' });
    });
  }

  it('the report prices every cut speech call: a cost with no missing part, marked as including estimates', async () => {
    const events = [
      (await speech('openai:gpt-4o-mini-tts', 'pcm', CUT_AFTER, 'signal')).event,
      (await speech('openai:tts-1', 'mp3', 2)).event,
      ...(await Promise.all(ELEVENLABS_SDKS.map((sdk) => speech('elevenlabs:eleven_flash_v2_5', undefined, 2, 'break', sdk)))).map((run) => run.event),
    ];
    const rows = await summarizeUsage(events, ['provider', 'model']);
    assert.equal(rows.length, 3);
    for (const row of rows) {
      assert.equal(row.aborted, row.requests);
      assert.ok((row.costUsd?.value ?? 0) > 0, `${row.group.join(' ')}: a cost`);
      assert.equal(row.costUsd?.missing, 0, `${row.group.join(' ')}: no call without a cost`);
      assert.equal(row.missingEvents, 0);
    }
    const table = formatReport(rows, ['provider', 'model']);
    assert.doesNotMatch(table, /\?/, table);
    assert.match(table, /gpt-4o-mini-tts.*~/, table);
  });
});
