// RSS growth for token counting in a process that streams (issue 17, "Memory"): per `tokenCounting` mode, a fresh
// child process loads aimeter and both providers' SDKs, runs complete streams of OpenAI and Gemini models
// (nothing to count: the baseline), then cuts 30 streams over gpt-4o-mini (o200k_base), gpt-4 (cl100k_base) and
// gemini-2.5-flash, closes the client, and reports the RSS (after forced GCs) against the baseline. The simulator
// runs in this parent process, so its memory is not in the figures. The `+long` rows make every sixth cut's
// prompt 128k characters (as the barge-in test does), against the same run with counting off.
//
//   npx tsx bench/tokenizers/streaming-rss.ts
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startSimulator } from '../../src/simulator/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const src = (path: string): string => pathToFileURL(join(repo, 'src', path)).href;

const CHILD = String.raw`
const [arm, openaiURL, geminiURL, client, openaiSrc, geminiSrc] = process.argv.slice(1);
const [mode, long] = arm.split('+');
const mb = (n) => (n / 1048576).toFixed(1);
const settle = async () => { for (let i = 0; i < 4; i++) { global.gc(); await new Promise((r) => setTimeout(r, 50)); } return process.memoryUsage().rss; };
(async () => {
  const { createAIClient } = await import(client);
  const { openai } = await import(openaiSrc);
  const { gemini } = await import(geminiSrc);
  const providers = { openai: openai({ baseURL: openaiURL }), gemini: gemini({ baseURL: geminiURL }) };
  const keys = { byProvider: { openai: 'sk-' + 'x'.repeat(48), gemini: 'AIza' + 'y'.repeat(35) } };
  const models = ['openai:gpt-4o-mini', 'openai:gpt-4', 'gemini:gemini-2.5-flash'];
  const story = (i, times) => 'Turn ' + i + ': tell me a long story about the mountains, 山 and ⛰️. '.repeat(times);
  // '+long': every sixth prompt of the cut streams is 128k characters (a long conversation resent).
  const messages = (i, cut) => [{ role: 'user', content: story(i, cut && long && i % 6 === 0 ? 2000 : 20) }];
  const warm = createAIClient({ providers, keys, flushOnExit: false, tokenCounting: 'off' });
  for (const model of models) for (let i = 0; i < 3; i++) { const s = warm.streamChat({ model, messages: messages(i) }); for await (const _ of s); await s.final; }
  await warm.close();
  const base = await settle();
  const ai = createAIClient({ providers, keys, flushOnExit: false, tokenCounting: mode });
  for (let i = 0; i < 30; i++) {
    const s = ai.streamChat({ model: models[i % 3], messages: messages(i, true) });
    let n = 0;
    for await (const _ of s) if (++n >= 20) break;
  }
  await ai.close();
  const after = await settle();
  console.log(JSON.stringify({ mode: arm, baseMb: mb(base), growthMb: mb(after - base) }));
})();
`;

const sim = await startSimulator({ replyWords: 400, chunkIntervalMs: 1 });
try {
  console.log('| tokenCounting | baseline RSS, MB | growth after 30 cut streams (o200k, cl100k, Gemini), MB |');
  console.log('| --- | ---: | ---: |');
  for (const mode of ['off', 'fast', 'exact', 'off+long', 'exact+long']) {
    const args = [mode, sim.openaiBaseURL, sim.geminiBaseUrl, src('index.ts'), src('providers/openai/index.ts'), src('providers/gemini/index.ts')];
    // Not execFileSync: the simulator in this process must keep serving.
    const { stdout: out } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', '-e', CHILD, ...args], { encoding: 'utf8', cwd: repo });
    const row = JSON.parse(out.trim().split('\n').pop()!) as { mode: string; baseMb: string; growthMb: string };
    console.log(`| ${row.mode} | ${row.baseMb} | ${row.growthMb} |`);
  }
} finally {
  await sim.close();
}
