// Issue 17, "Done means 3": session totals equal the sum of the session's usage events, per turn and overall, cost
// included, with concurrent sessions, barge-ins (a consumer `break` and an AbortSignal) and retries (simulator
// 500 and 429, then success). Real SDKs against the simulator; the expected sums are made here, by plain loops over
// the usage events every listener gets, not by the library's tally.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAIClient } from '../../../src/client/index.js';
import type { AISession } from '../../../src/client/session.js';
import { AbortedError } from '../../../src/errors/aborted-error.js';
import type { SessionEndEvent } from '../../../src/events.js';
import { elevenlabs } from '../../../src/providers/elevenlabs/index.js';
import { gemini } from '../../../src/providers/gemini/index.js';
import { openai } from '../../../src/providers/openai/index.js';
import { REPORT_FIGURES, type ReportRow } from '../../../src/report/report-row.js';
import type { SessionTotals } from '../../../src/report/session-totals.js';
import type { Quantity } from '../../../src/usage.js';
import type { UsageEvent } from '../../../src/usage-event.js';
import { fakeKey as elevenlabsKey, VOICE } from '../../support/providers/elevenlabs.js';
import { fakeKey as geminiKey } from '../../support/providers/gemini.js';
import { fakeKey as openaiKey, wav } from '../../support/providers/openai.js';
import { useSimulator } from '../../support/use-simulator.js';

const SESSIONS = 4;
const TURNS = 3;
const messages = [{ role: 'user' as const, content: 'Tell me about the mountains in the north.' }];

/** What one turn does with its streams: read them to the end, break off, or abort by signal. */
type Ending = 'complete' | 'break' | 'signal';
const ENDINGS: readonly Ending[] = ['complete', 'break', 'signal'];

async function consume(stream: AsyncIterable<unknown>, ending: Ending, controller: AbortController, after: number): Promise<void> {
  let seen = 0;
  try {
    for await (const _ of stream) {
      if (ending === 'complete' || ++seen < after) continue;
      if (ending === 'break') break;
      controller.abort();
    }
  } catch (error) {
    assert.ok(ending === 'signal' && AbortedError.isInstance(error), String(error));
  }
}

/** One voice-agent session: each turn transcribes, streams a chat reply and streams its speech. */
async function converse(session: AISession, index: number): Promise<void> {
  for (let turn = 1; turn <= TURNS; turn += 1) {
    if (turn > 1) session.turn();
    const ending = ENDINGS[(index + turn) % ENDINGS.length]!;
    await session.transcribe({ model: 'openai:whisper-1', audio: wav(1 + index), fileName: 'turn.wav' });
    const chatAbort = new AbortController();
    const model = index % 2 === 0 ? 'openai:gpt-4o-mini' : 'gemini:gemini-2.5-flash';
    const chat = session.streamChat({ model, messages, signal: chatAbort.signal });
    await consume(chat, ending, chatAbort, 2 + turn);
    const speechAbort = new AbortController();
    const text = 'Sure. The northern mountains are cold and high, with long winters and short summers.';
    const speech = session.streamSpeak({ model: 'elevenlabs:eleven_flash_v2_5', voice: VOICE, text, signal: speechAbort.signal });
    await consume(speech, ending, speechAbort, 2);
  }
}

type Sum = { value: number; estimated: number; missing: number };

/** The expected row of `events`: plain sums, estimated and missing counted apart. */
function expectedRow(events: readonly UsageEvent[]): { requests: number; errors: number; aborted: number; figures: Record<string, Sum>; cost: Sum } {
  const figures: Record<string, Sum> = {};
  const cost: Sum = { value: 0, estimated: 0, missing: 0 };
  let requests = 0;
  let errors = 0;
  let aborted = 0;
  for (const event of events) {
    requests += event.usage.requests;
    if (event.status === 'error') errors += 1;
    if (event.status === 'aborted') aborted += 1;
    let anyEstimate = false;
    for (const [name, field] of Object.entries(event.usage) as [string, unknown][]) {
      if (typeof field !== 'object' || field === null || !('provenance' in field)) continue;
      const quantity = field as Quantity;
      if (quantity.provenance === 'estimated') anyEstimate = true;
      if (!(REPORT_FIGURES as readonly string[]).includes(name)) continue;
      const sum = (figures[name] ??= { value: 0, estimated: 0, missing: 0 });
      if (quantity.value === null) sum.missing += 1;
      else sum.value += quantity.value;
      if (quantity.provenance === 'estimated') sum.estimated += 1;
    }
    if (!event.cost) continue;
    if (event.cost.usd === undefined) cost.missing += 1;
    else cost.value += event.cost.usd;
    if (anyEstimate) cost.estimated += 1;
  }
  return { requests, errors, aborted, figures, cost };
}

function assertRowMatches(row: ReportRow, events: readonly UsageEvent[], where: string): void {
  const expected = expectedRow(events);
  assert.deepEqual([row.requests, row.errors, row.aborted], [expected.requests, expected.errors, expected.aborted], `${where}: requests, errors, aborted`);
  assert.deepEqual(Object.keys(row.totals).sort(), Object.keys(expected.figures).sort(), `${where}: figures present`);
  for (const [name, sum] of Object.entries(expected.figures)) {
    const total = row.totals[name as keyof ReportRow['totals']]!;
    assert.deepEqual([total.estimated, total.missing], [sum.estimated, sum.missing], `${where}: ${name} provenance`);
    assert.ok(Math.abs(total.value - sum.value) < 1e-9, `${where}: ${name} ${total.value} vs ${sum.value}`);
  }
  if (events.every((e) => !e.cost)) return assert.equal(row.costUsd, undefined, `${where}: no cost`);
  assert.deepEqual([row.costUsd!.estimated, row.costUsd!.missing], [expected.cost.estimated, expected.cost.missing], `${where}: cost provenance`);
  assert.ok(Math.abs(row.costUsd!.value - expected.cost.value) < 1e-12, `${where}: cost ${row.costUsd!.value} vs ${expected.cost.value}`);
}

function assertTotalsMatch(totals: SessionTotals, events: readonly UsageEvent[]): void {
  assertRowMatches(totals.total, events, `${totals.session} total`);
  assert.equal(totals.turns.length, TURNS);
  for (const { turn, totals: row } of totals.turns) {
    assertRowMatches(row, events.filter((e) => e.tags.turn === String(turn)), `${totals.session} turn ${turn}`);
  }
}

describe('sessions: totals equal the sum of their usage events (concurrent sessions, barge-ins, retries)', () => {
  const sim = useSimulator({ replyWords: 80, chunkIntervalMs: 2 });

  it('per turn and overall, cost included, and the session-end event carries the same totals', async () => {
    const providers = { openai: openai({ baseURL: sim.openaiBaseURL }), gemini: gemini({ baseURL: sim.geminiBaseUrl }), elevenlabs: elevenlabs({ baseURL: sim.elevenlabsBaseUrl }) };
    const keys = { byProvider: { openai: openaiKey(), gemini: geminiKey(), elevenlabs: elevenlabsKey() } };
    const ai = createAIClient({ providers, keys, retry: { baseDelayMs: 1, maxRetryAfterMs: 20, random: () => 0 }, flushOnExit: false });
    const usage: UsageEvent[] = [];
    const ends: SessionEndEvent[] = [];
    let retries = 0;
    ai.on('usage', (e) => usage.push(e)).on('session-end', (e) => ends.push(e)).on('retry', () => (retries += 1));
    // Retries: server errors and rate limits on the first requests of each kind, whichever session sends them.
    sim.fault({ match: { provider: 'openai', operation: 'transcribe' }, times: 2, action: { status: 500 } });
    sim.fault({ match: { provider: 'openai', operation: 'streamChat' }, times: 1, action: { status: 429, headers: { 'retry-after': '1' } } });
    sim.fault({ match: { provider: 'gemini', operation: 'streamChat' }, times: 1, action: { status: 503 } });
    sim.fault({ match: { provider: 'elevenlabs', operation: 'streamSpeak' }, times: 2, action: { status: 429 } });

    const sessions = Array.from({ length: SESSIONS }, (_, i) => ai.session({ session: `s-${i}`, customer: `c-${i % 2}` }));
    await Promise.all(sessions.map((session, i) => converse(session, i)));
    const results = await Promise.all(sessions.map((session) => session.end()));
    await ai.close();

    assert.ok(retries >= 6, `retries happened (${retries})`);
    assert.ok(usage.some((e) => e.status === 'error'), 'failed attempts are metered');
    assert.ok(usage.filter((e) => e.status === 'aborted').length >= SESSIONS * 2, 'barge-ins happened');
    assert.ok(usage.some((e) => e.cost?.usd !== undefined), 'events are priced');
    assert.ok(usage.some((e) => Object.values(e.usage).some((q: unknown) => (q as { provenance?: string }).provenance === 'estimated')), 'some figures are estimated');
    assert.equal(ends.length, SESSIONS);
    for (const [i, session] of sessions.entries()) {
      const events = usage.filter((e) => e.tags.session === session.id);
      assert.ok(events.every((e) => e.tags.customer === `c-${i % 2}`));
      assertTotalsMatch(results[i]!, events);
      assertTotalsMatch(session.totals(), events);
      const { time, ...fromEvent } = ends.find((e) => e.session === session.id)!;
      assert.ok(time > 0);
      assert.deepEqual(fromEvent, results[i]);
      assert.equal(results[i]!.pending, 0);
      assert.equal(results[i]!.late, 0);
    }
  });
});
