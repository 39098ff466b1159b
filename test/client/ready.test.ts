import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { ProviderAdapterV1 } from '../../src/adapter.js';
import { createAIClient } from '../../src/client/create-ai-client.js';
import { SdkMissingError } from '../../src/errors/sdk-missing-error.js';
import { lazySdk } from '../../src/lazy-sdk.js';
import { elevenlabs } from '../../src/providers/elevenlabs/index.js';
import { gemini } from '../../src/providers/gemini/index.js';
import { memorySink } from '../../src/sinks/memory-sink.js';
import { openai } from '../../src/providers/openai/index.js';
import { startSimulator } from '../../src/simulator/index.js';
import type { Simulator } from '../../src/simulator/types.js';
import { fakeKey as elevenlabsKey } from '../support/providers/elevenlabs.js';
import { fakeKey as geminiKey } from '../support/providers/gemini.js';
import { fakeKey as openaiKey } from '../support/providers/openai.js';
import { ONLY_CURRENT_SDKS } from '../support/sdk-generations.js';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('../support/children/first-call-child.mjs', import.meta.url));
const SRC = pathToFileURL(fileURLToPath(new URL('../../src/index.ts', import.meta.url))).href;
const messages = [{ role: 'user' as const, content: 'Hello' }];

/** An adapter over a package that is not installed, loaded through the real `lazySdk`. */
function missingSdkAdapter(): ProviderAdapterV1 {
  // A computed specifier, so no bundler or type checker resolves it.
  const load = lazySdk('aimeter-absent-sdk', () => import(['aimeter', 'absent', 'sdk'].join('-')) as Promise<unknown>);
  return {
    specificationVersion: 'v1',
    provider: 'absent',
    keyVariables: [],
    preload: async () => void (await load()),
    async chat() {
      await load();
      return { output: { text: '', toolCalls: [], finishReason: 'stop' }, usage: { requests: 1 } };
    },
  };
}

describe('ai.ready(): the background preload', () => {
  let sim: Simulator;
  before(async () => (sim = await startSimulator()));
  after(() => sim.close());
  const env = (): NodeJS.ProcessEnv => ({ OPENAI_API_KEY: openaiKey(), GEMINI_API_KEY: geminiKey(), ELEVENLABS_API_KEY: elevenlabsKey() });
  const providers = () => ({
    openai: openai({ baseURL: sim.openaiBaseURL }),
    gemini: gemini({ baseURL: sim.geminiBaseUrl }),
    elevenlabs: elevenlabs({ baseURL: sim.elevenlabsBaseUrl }),
  });

  it('resolves with the price data and every registered provider loaded, and the calls work', async () => {
    const ai = createAIClient({ providers: providers(), env: env(), flushOnExit: false });
    const report = await ai.ready();
    assert.deepEqual(report, { loaded: ['pricing', 'openai', 'gemini', 'elevenlabs'], failed: [] });
    assert.equal(await ai.ready(), report, 'started once');
    const reply = await ai.chat({ model: 'openai:gpt-4o-mini', messages });
    assert.equal(reply.usage.requests, 1);
    await ai.close();
  });

  it('the warm-up is invisible: ready() sends nothing, opens no socket, emits no event, writes no sink, spends no limit', async () => {
    sim.reset();
    let sockets = 0;
    const onSocket = (): void => void (sockets += 1);
    subscribe('net.client.socket', onSocket);
    const sink = memorySink();
    const events: string[] = [];
    const policies = [{ name: 'rpm', unit: 'requests' as const, limit: 100, window: 'minute' as const }];
    const ai = createAIClient({ providers: providers(), env: env(), flushOnExit: false, sinks: [sink], limits: { policies } });
    for (const name of ['usage', 'request', 'response', 'retry', 'limited', 'warning', 'error'] as const) ai.on(name, () => void events.push(name));
    try {
      const report = await ai.ready();
      assert.deepEqual(report.failed, []);
      await ai.flush();
      assert.equal(sockets, 0, 'no socket opened by the preload');
      assert.deepEqual(events, []);
      assert.equal(sink.events.length, 0);
      assert.equal(sim.requests.length, 0, 'nothing reached the simulator');
      const [rpm] = (await ai.limits?.headroom({ provider: 'openai', model: 'gpt-4o-mini' })) ?? [];
      assert.equal(rpm?.used, 0, 'no limit spent');
      // The first real call after the warm-up: one request, one usage event, its own reply.
      const reply = await ai.chat({ model: 'openai:gpt-4o-mini', messages });
      await ai.flush();
      assert.equal(sim.requests.length, 1);
      assert.equal(sink.events.length, 1);
      assert.equal(sim.requests[0]!.model, 'gpt-4o-mini');
      assert.ok(reply.requestId && reply.requestId !== 'req_aimeter_warm_up', `the simulator's request id, got ${reply.requestId}`);
    } finally {
      unsubscribe('net.client.socket', onSocket);
      await ai.close();
    }
  });

  it('calls work without ready(), with the preload on or off', async () => {
    for (const preload of [true, false]) {
      const ai = createAIClient({ providers: providers(), env: env(), flushOnExit: false, preload });
      const costs: Array<number | undefined> = [];
      ai.on('usage', (event) => costs.push(event.cost?.usd));
      await ai.chat({ model: 'gemini:gemini-2.0-flash', messages });
      await ai.speak({ model: 'elevenlabs:eleven_flash_v2_5', voice: '21m00Tcm4TlvDq8ikWAM', text: 'Hi' });
      await ai.flush();
      assert.equal(costs.length, 2);
      assert.ok(costs.every((usd) => typeof usd === 'number'), `priced with preload: ${preload}`);
      await ai.close();
    }
  });

  it('a missing SDK: no unhandled rejection, listed in failed, and the first call still gets SdkMissingError', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const ai = createAIClient({ providers: { absent: missingSdkAdapter() }, flushOnExit: false, pricing: false });
      // Let the background preload fail on its own before anyone asks.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const report = await ai.ready();
      assert.deepEqual(report.loaded, []);
      assert.equal(report.failed.length, 1);
      assert.equal(report.failed[0]!.name, 'absent');
      assert.ok(SdkMissingError.isInstance(report.failed[0]!.error));
      await assert.rejects(ai.chat({ model: 'absent:any', messages }), (e: unknown) => SdkMissingError.isInstance(e) && e.packageName === 'aimeter-absent-sdk');
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(unhandled, []);
      await ai.close();
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('where only the successor is installed (the runtime matrix), a client naming the seed ElevenLabs SDK still starts', { skip: !ONLY_CURRENT_SDKS }, async () => {
    const ai = createAIClient({ providers: { elevenlabs: elevenlabs({ sdk: 'elevenlabs', baseURL: sim.elevenlabsBaseUrl }) }, env: env(), flushOnExit: false });
    const { failed } = await ai.ready();
    assert.ok(failed.length === 1 && SdkMissingError.isInstance(failed[0]!.error));
    await assert.rejects(ai.speak({ model: 'elevenlabs:eleven_flash_v2_5', voice: '21m00Tcm4TlvDq8ikWAM', text: 'Hi' }), (e: unknown) => SdkMissingError.isInstance(e));
    await ai.close();
  });

  it("after ready(), each provider's first call (priced) keeps the loop's max delay under a generous bound", async () => {
    // A fresh process (nothing loaded yet), the simulator here. Measured on the shared 2-core VM (src under tsx):
    // with ready() 5–45 ms per first call (the first call through the chain is the largest); without it
    // 290–520 ms for OpenAI and Gemini, 3.9–5.4 s for ElevenLabs 2.x (their SDK, fetch and price loads).
    const urls = JSON.stringify({ openai: sim.openaiBaseURL, gemini: sim.geminiBaseUrl, elevenlabs: sim.elevenlabsBaseUrl });
    const { stdout } = await run(process.execPath, ['--import', 'tsx', CHILD, SRC, urls, 'ready'], { timeout: 60_000 });
    const result = JSON.parse(stdout.trim().split('\n').pop()!) as { stallMs: Record<string, number>; priced: number; loaded: string[] };
    assert.deepEqual(result.loaded, ['pricing', 'openai', 'gemini', 'elevenlabs']);
    assert.equal(result.priced, 4);
    for (const [provider, ms] of Object.entries(result.stallMs)) assert.ok(ms < 150, `${provider}'s first call stalled the loop ${ms.toFixed(1)} ms`);
  });
});
