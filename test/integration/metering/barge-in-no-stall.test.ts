// Issue 17, "Done means 1": 50 barge-ins (streams cut mid-reply, the agent moving on at once) across OpenAI's
// o200k and cl100k models and Gemini, while `monitorEventLoopDelay` watches the loop. A cut stream's tokens are
// counted on the tokenizer thread and its usage follows by message: the caller's thread never waits (before,
// `Atomics.wait` blocked it up to 250 ms per cut). The simulator runs in its own process, so the loop measured
// here carries only this process's work: the SDKs, aimeter, and the test. The figures are printed as diagnostics,
// not asserted: a stall is a performance figure, measured side by side with counting off by the bench's
// "barge-in stall" suite (`npm run bench -- --only barge`, target: exact ≤ 2× off). This test asserts what can be
// checked exactly: every cut stream is counted, within 3 % of the tokenizer, and delivered before close().
//
// Measured (a shared 2-core VM at load average 12, tsx, cold tokenizer thread, 5 of the 50 prompts of 128k
// characters), exact vs counting off: time in a cut, median 0.9–1.1 vs 0.9–1.6 ms, longest 4–87 vs
// 12–77 ms (scheduling: the same in both runs); loop delay p50 1.1 vs 1.1 ms, p99 16.5–38 vs 24–84 ms, max
// 83–404 vs 217–1044 ms (the machine: the control's is larger). With a 60 ms busy wait put in the count, as a
// blocking count would: cut median 71 ms, loop p99 105 ms (this test failed on it before issue 21; the bench
// suite's target misses on it now). Every estimate within 3 % of js-tiktoken (Gemini: of o200k_base plus the
// thoughts reported). With the thread's compact tables
// (`BpeCounter`, load average ~18, two runs): cut median 0.99–1.04 vs 1.04–1.23 ms, longest 15–16 vs 17–22 ms;
// loop delay p99 18.8–28.3 vs 33.5–40.0 ms, max 83–129 vs 129–142 ms.
import assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { after, before, describe, it } from 'node:test';
import { createAIClient } from '../../../src/client/index.js';
import { gemini } from '../../../src/providers/gemini/index.js';
import { openai } from '../../../src/providers/openai/index.js';
import { memorySink } from '../../../src/sinks/memory-sink.js';
import type { TokenCounting } from '../../../src/token-counting.js';
import type { UsageEvent } from '../../../src/usage-event.js';
import { fakeKey as geminiKey } from '../../support/providers/gemini.js';
import { fakeKey as openaiKey } from '../../support/providers/openai.js';
import { bargeInPrompt } from '../../support/barge-in-prompt.js';
import { referenceTokens, withinShare } from '../../support/reference-tokens.js';
import { startSimulatorProcess, type SimulatorProcess } from '../../support/simulator-process.js';

const BARGE_INS = 50;
const MODELS = [
  { model: 'openai:gpt-4o-mini', encoding: 'o200k_base' },
  { model: 'openai:gpt-4', encoding: 'cl100k_base' },
  { model: 'gemini:gemini-2.5-flash', encoding: 'o200k_base' },
] as const;
interface Cut {
  readonly model: (typeof MODELS)[number];
  readonly prompt: string;
  readonly text: string;
}

describe('barge-ins: every cut stream is counted, and every count arrives before close() resolves', () => {
  let sim: SimulatorProcess;
  before(async () => {
    sim = await startSimulatorProcess({ replyWords: 400, chunkIntervalMs: 2 });
  });
  after(() => sim.stop());

  it(`${BARGE_INS} cut streams over o200k, cl100k and Gemini: usage within 3 % of the tokenizer (loop delay as diagnostics)`, async (t) => {
    // The SDKs are loaded first (their first import blocks the loop: issue 17's cold start, not counting's).
    await warmUp();
    // The control: the same barge-ins with counting off, so the load of a shared machine is measured too.
    const control = await bargeIns('off');
    const exact = await bargeIns('exact');
    t.diagnostic(`barge-ins: exact: ${exact.figures}; counting off: ${control.figures}`);
    for (const run of [control, exact]) {
      assert.equal(run.eventsAtClose, BARGE_INS, 'every cut stream recorded before close() resolved');
      assert.equal(run.heardAtClose, BARGE_INS, 'every usage event heard before close() resolved');
    }
    const byTurn = new Map(exact.events.map((event: UsageEvent) => [event.tags['turn'], event]));
    exact.cuts.forEach((cut, turn) => assertCounted(cut, byTurn.get(String(turn))));
    for (const event of control.events) assert.deepEqual(event.usage.outputTokens, { value: null, provenance: 'missing' });
  });

  async function warmUp(): Promise<void> {
    const providers = { openai: openai({ baseURL: sim.openaiBaseURL }), gemini: gemini({ baseURL: sim.geminiBaseUrl }) };
    const ai = createAIClient({ providers, keys: { byProvider: { openai: openaiKey(), gemini: geminiKey() } }, flushOnExit: false });
    for (const { model } of MODELS) {
      await ai.chat({ model, messages: [{ role: 'user', content: 'hi' }] });
      // A cut too, so that neither run pays for the first use of the abort paths.
      for await (const _ of ai.streamChat({ model, messages: [{ role: 'user', content: 'hi' }] })) break;
    }
    await ai.close();
  }

  async function bargeIns(tokenCounting: TokenCounting): Promise<Run> {
    const sink = memorySink();
    const providers = { openai: openai({ baseURL: sim.openaiBaseURL }), gemini: gemini({ baseURL: sim.geminiBaseUrl }) };
    const keys = { byProvider: { openai: openaiKey(), gemini: geminiKey() } };
    const ai = createAIClient({ providers, keys, sinks: [sink], flushOnExit: false, retry: false, tokenCounting });
    let heard = 0;
    ai.on('usage', () => heard++);
    const cuts: Cut[] = [];
    const cutMs: number[] = [];
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    for (let turn = 0; turn < BARGE_INS; turn++) {
      const model = MODELS[turn % MODELS.length]!;
      const prompt = bargeInPrompt(turn);
      const stream = ai.streamChat({ model: model.model, messages: [{ role: 'user', content: prompt }], tags: { turn: String(turn) } });
      const chunks = stream[Symbol.asyncIterator]();
      let text = '';
      for (let seen = 0; seen < 3 + ((turn * 7) % 40); seen++) {
        const next = await chunks.next();
        if (!next.done) text += next.value.text ?? '';
      }
      // The user speaks: the agent stops this reply (what `break` does) and answers at once. The time the
      // caller's thread spends in the cut before it can go on is aimeter's alone.
      const cutAt = performance.now();
      const stopping = chunks.return!();
      cutMs.push(performance.now() - cutAt);
      await stopping;
      cuts.push({ model, prompt, text });
    }
    await ai.close(); // no `final` awaited: close() waits for the counts still owed
    delay.disable();
    const [p50, p99, max] = [delay.percentile(50) / 1e6, delay.percentile(99) / 1e6, delay.max / 1e6];
    const longestCut = Math.max(...cutMs);
    const medianCut = cutMs.sort((a, b) => a - b)[cutMs.length >> 1]!;
    const figures = `loop delay p50 ${p50.toFixed(1)}, p99 ${p99.toFixed(1)}, max ${max.toFixed(1)} ms; cut median ${medianCut.toFixed(2)}, longest ${longestCut.toFixed(2)} ms`;
    return { cuts, events: [...sink.events], eventsAtClose: sink.events.length, heardAtClose: heard, p99, medianCut, longestCut, figures };
  }
});

interface Run {
  readonly cuts: readonly Cut[];
  readonly events: readonly UsageEvent[];
  readonly eventsAtClose: number;
  readonly heardAtClose: number;
  readonly p99: number;
  readonly medianCut: number;
  readonly longestCut: number;
  readonly figures: string;
}

/** The cut's usage: estimated, its output within 3 % of js-tiktoken's count of the text received (and OpenAI's input of the prompt). */
function assertCounted(cut: Cut, event: UsageEvent | undefined): void {
  assert.ok(event, `no event for ${cut.model.model}`);
  assert.equal(event.status, 'aborted');
  const output = event.usage.outputTokens;
  assert.equal(output?.provenance, 'estimated');
  // Gemini's output adds the thoughts of the last metadata received (which no text shows) to what was streamed.
  const thoughts = cut.model.model.startsWith('gemini:') ? (event.usage.reasoningTokens?.value ?? 0) : 0;
  const reference = referenceTokens(cut.text, cut.model.encoding) + thoughts;
  assert.ok(withinShare(output.value, reference), `${cut.model.model}: output ${output.value} vs tokenizer ${reference}`);
  if (cut.model.model.startsWith('openai:')) {
    // OpenAI's chat format: 3 tokens to prime the reply, 3 per message, the role, the content.
    const prompt = 3 + 3 + referenceTokens('user', cut.model.encoding) + referenceTokens(cut.prompt, cut.model.encoding);
    assert.ok(withinShare(event.usage.inputTokens?.value, prompt), `${cut.model.model}: input ${event.usage.inputTokens?.value} vs ${prompt}`);
  }
}
