import { monitorEventLoopDelay } from 'node:perf_hooks';
import { bargeInPrompt } from '../../test/support/barge-in-prompt.js';
import { startSimulatorProcess, type SimulatorProcess } from '../../test/support/simulator-process.js';
import { createAIClient, gemini, memorySink, openai } from '../lib/aimeter.js';
import { figure, type Figure } from '../lib/figure.js';
import { fakeKeys } from '../lib/fixtures.js';
import { median } from '../lib/stats.js';
import type { Suite, SuiteContext } from '../lib/suite.js';

const SUITE = 'barge-in stall';
const MODELS = ['openai:gpt-4o-mini', 'openai:gpt-4', 'gemini:gemini-2.5-flash'] as const;
type Counting = 'off' | 'exact';

/** One run of barge-ins: the time the caller's thread spent in each cut, and the loop's delay meanwhile (ms). */
interface Run {
  readonly cutMs: number[];
  readonly loopP99Ms: number;
}

/**
 * Issue 17's barge-ins, as a voice agent has them: streams cut mid-reply (the user speaks), the agent moving on at
 * once, over o200k and cl100k OpenAI models and Gemini, every tenth prompt a 128k-character conversation. A cut
 * stream's tokens are counted on the tokenizer thread (`tokenCounting: 'exact'`) and its usage follows by message;
 * the control is the same barge-ins with counting off, in the same process, the runs alternating. The simulator
 * runs in a child process, so the loop measured here carries only the SDKs', aimeter's and this suite's work.
 * Figures: the median time the caller's thread spends in a cut (`return()` on the stream's iterator), and the
 * loop's p99 delay (`monitorEventLoopDelay`, 1 ms resolution), exact against off; a count on the caller's thread
 * (a 60 ms busy wait put there) made the median cut 71 ms against 1 ms.
 */
export const bargeInSuite: Suite = {
  name: SUITE,
  async run(ctx) {
    const sim = await startSimulatorProcess({ replyWords: 400, chunkIntervalMs: 2 });
    try {
      const keys = fakeKeys();
      await bargeIns(sim, keys, 'exact', MODELS.length); // first loads (SDKs, the tokenizer thread), discarded
      await bargeIns(sim, keys, 'off', MODELS.length);
      const rounds = ctx.quick ? 1 : 3;
      const cuts = ctx.quick ? 15 : 50;
      ctx.log(`barge-in: ${rounds} round(s) × ${cuts} cuts per mode`);
      const runs: Record<Counting, Run[]> = { off: [], exact: [] };
      for (let round = 0; round < rounds; round++) {
        for (const mode of round % 2 === 0 ? (['off', 'exact'] as const) : (['exact', 'off'] as const)) runs[mode].push(await bargeIns(sim, keys, mode, cuts));
      }
      return figures(ctx, runs);
    } finally {
      await sim.stop();
    }
  },
};

function figures(ctx: SuiteContext, runs: Record<Counting, Run[]>): Figure[] {
  const cut = (mode: Counting): number => median(runs[mode].flatMap((run) => run.cutMs));
  const p99 = (mode: Counting): number => median(runs[mode].map((run) => run.loopP99Ms));
  const note = `${runs.exact.length} run(s) per mode${ctx.quick ? ' (quick: indicative only)' : ''}; control: tokenCounting 'off'`;
  const atMostTwice = { op: '<=', value: 2, on: 'ratio' } as const;
  return [
    figure({ suite: SUITE, name: "time in a cut, median, tokenCounting 'exact'", value: cut('exact'), control: cut('off'), unit: 'ms', target: atMostTwice, note }),
    figure({ suite: SUITE, name: "event-loop delay p99 during the barge-ins, tokenCounting 'exact'", value: p99('exact'), control: p99('off'), unit: 'ms', target: atMostTwice, note }),
  ];
}

async function bargeIns(sim: SimulatorProcess, keys: ReturnType<typeof fakeKeys>, tokenCounting: Counting, count: number): Promise<Run> {
  const sink = memorySink();
  const providers = { openai: openai({ baseURL: sim.openaiBaseURL }), gemini: gemini({ baseURL: sim.geminiBaseUrl }) };
  const ai = createAIClient({ providers, keys: { byProvider: { openai: keys.openai, gemini: keys.gemini } }, sinks: [sink], flushOnExit: false, retry: false, tokenCounting });
  const cutMs: number[] = [];
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  for (let turn = 0; turn < count; turn++) {
    const stream = ai.streamChat({ model: MODELS[turn % MODELS.length]!, messages: [{ role: 'user', content: bargeInPrompt(turn) }] });
    const chunks = stream[Symbol.asyncIterator]();
    for (let seen = 0; seen < 3 + ((turn * 7) % 40); seen++) await chunks.next();
    // The user speaks: the agent stops this reply and answers at once.
    const cutAt = performance.now();
    const stopping = chunks.return!();
    cutMs.push(performance.now() - cutAt);
    await stopping;
  }
  await ai.close(); // waits for the counts still owed
  delay.disable();
  if (sink.events.length !== count) throw new Error(`barge-in (${tokenCounting}): ${sink.events.length} usage events for ${count} cut streams`);
  return { cutMs, loopP99Ms: delay.percentile(99) / 1e6 };
}
