// A fresh process's first calls: `node [--import tsx] first-call-child.mjs <aimeter module URL> <simulator URLs JSON>
// <ready|cold|raw> [elevenlabs SDK]`. Creates a client with the three providers on the simulator (another process), waits
// for `ai.ready()` in `ready` mode (in `cold` mode only for the import and a 200 ms idle wait, so a stall is on the
// first calls' account), then makes the first call of each provider, each priced, while monitorEventLoopDelay runs,
// and a second OpenAI call (the noise floor), and prints one JSON line: the max loop delay (ms) during each call and
// the ready report's names. `raw` mode is the comparison: the openai SDK alone, imported in advance (then the same
// 200 ms idle wait), its first chat completion and a second one, without aimeter. Plain
// JavaScript so the bench runs it against dist/ with plain node and the tests against src/ under tsx.
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

const [moduleUrl, urlsJson, mode, elevenlabsSdk] = process.argv.slice(2);
const urls = JSON.parse(urlsJson);
const messages = [{ role: 'user', content: 'Hello there' }];

/** The max loop delay (ms) during each call, one after another. */
async function stalls(calls) {
  const stallMs = {};
  for (const [name, call] of Object.entries(calls)) {
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    histogram.enable();
    await call();
    await sleep(5); // the usage event is priced and delivered as the reply settles
    histogram.disable();
    stallMs[name] = histogram.max / 1e6;
  }
  return stallMs;
}

if (mode === 'raw') {
  const { default: OpenAI } = await import('openai');
  await sleep(200);
  const client = () => new OpenAI({ apiKey: `sk-proj-${randomBytes(16).toString('hex')}`, baseURL: urls.openai, maxRetries: 0 });
  const first = client();
  const stallMs = await stalls({
    openai: () => first.chat.completions.create({ model: 'gpt-4o-mini', messages }),
    'openai (second call)': () => first.chat.completions.create({ model: 'gpt-4o-mini', messages }),
  });
  console.log(JSON.stringify({ mode, stallMs }));
  process.exit(0);
}

const { createAIClient, openai, gemini, elevenlabs } = await import(moduleUrl);

const env = {
  OPENAI_API_KEY: `sk-proj-${randomBytes(16).toString('hex')}`,
  GEMINI_API_KEY: `AIza${randomBytes(16).toString('hex')}`,
  ELEVENLABS_API_KEY: `sk_${randomBytes(24).toString('hex')}`,
};
const ai = createAIClient({
  providers: {
    openai: openai({ baseURL: urls.openai }),
    gemini: gemini({ baseURL: urls.gemini }),
    elevenlabs: elevenlabs({ baseURL: urls.elevenlabs, ...(elevenlabsSdk ? { sdk: elevenlabsSdk } : {}) }),
  },
  env,
  retry: false,
  preload: mode === 'ready',
  flushOnExit: false,
});
const report = mode === 'ready' ? await ai.ready() : undefined;
await sleep(200);

const calls = {
  openai: () => ai.chat({ model: 'openai:gpt-4o-mini', messages }),
  gemini: () => ai.chat({ model: 'gemini:gemini-2.0-flash', messages }),
  elevenlabs: () => ai.speak({ model: 'elevenlabs:eleven_flash_v2_5', voice: '21m00Tcm4TlvDq8ikWAM', text: 'Hello there' }),
  // A second OpenAI call: nothing left to load or compile, so its stall is the floor of this machine's noise.
  'openai (second call)': () => ai.chat({ model: 'openai:gpt-4o-mini', messages }),
};
let priced = 0;
ai.on('usage', (event) => void (event.cost?.usd !== undefined && (priced += 1)));
const stallMs = await stalls(calls);
await ai.close();
console.log(JSON.stringify({ mode, stallMs, priced, loaded: report?.loaded ?? [], failed: (report?.failed ?? []).map((f) => f.name) }));
