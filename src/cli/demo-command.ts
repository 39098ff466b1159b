import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createAIClient } from '../client/index.js';
import { readJsonlLedger } from '../ledger/read-jsonl-ledger.js';
import { elevenlabs } from '../providers/elevenlabs/index.js';
import { gemini } from '../providers/gemini/index.js';
import { openai } from '../providers/openai/index.js';
import { buildReport } from '../report/build-report.js';
import { formatReportTable } from '../report/format-report.js';
import { formatUsageEvent } from '../sinks/format-usage-event.js';
import { startSimulator } from '../simulator/start-simulator.js';
import { jsonlSink } from '../ledger/jsonl-sink.js';
import type { UsageEvent } from '../usage-event.js';
import { silentWav } from '../audio/silent-wav.js';

const VOICE = '21m00Tcm4TlvDq8ikWAM';

/**
 * `aimeter demo [--ledger PATH]`: one voice-agent turn (speech-to-text → streamed LLM reply → streamed
 * speech) plus a barge-in that cuts the next reply short, all against the offline simulator with keys made up
 * on the spot; every provider request lands in a JSONL ledger, which is then reported.
 */
export async function runDemo(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { ledger: { type: 'string', default: 'aimeter-usage.jsonl' } }, strict: true });
  const sim = await startSimulator({ chunkIntervalMs: 2 });
  const ai = createAIClient({
    providers: {
      openai: openai({ baseURL: sim.openaiBaseURL }),
      gemini: gemini({ baseURL: sim.geminiBaseURL }),
      elevenlabs: elevenlabs({ baseURL: sim.elevenlabsBaseURL }),
    },
    // Throwaway keys: the simulator accepts any, and nothing real is ever needed or sent.
    keys: { byProvider: { openai: `sk-demo-${hex()}`, gemini: `demo-${hex()}`, elevenlabs: `demo-${hex()}` } },
    sinks: [jsonlSink(values.ledger)],
    tags: { customer: 'demo-customer', session: `demo-${hex().slice(0, 8)}` },
  });
  const events: UsageEvent[] = [];
  ai.on('usage', (event) => events.push(event));
  try {
    console.log(`simulator at ${sim.url}\n`);
    const heard = await ai.transcribe({ model: 'openai:whisper-1', audio: silentWav(2.5, 16_000), fileName: 'turn-1.wav', tags: { turn: '1' } });
    console.log(`caller  > ${heard.output.text}`);

    let reply = '';
    process.stdout.write('agent   > ');
    const messages = [
      { role: 'system' as const, content: 'You are a concise phone agent.' },
      { role: 'user' as const, content: heard.output.text },
    ];
    for await (const delta of ai.streamChat({ model: 'gemini:gemini-2.5-flash', messages, tags: { turn: '1' } })) {
      reply += delta.text ?? '';
      process.stdout.write(delta.text ?? '');
    }
    let audioBytes = 0;
    for await (const chunk of ai.streamSpeak({ model: 'elevenlabs:eleven_flash_v2_5', voice: VOICE, text: reply, tags: { turn: '1' } })) {
      audioBytes += chunk.byteLength;
    }
    console.log(`\nspeech  > ${audioBytes} bytes of audio`);

    // Barge-in: the caller talks over the next reply, so the agent stops listening to it after three chunks.
    let heardChunks = 0;
    const interrupted = ai.streamChat({ model: 'openai:gpt-4o-mini', messages: [...messages, { role: 'assistant', content: reply }, { role: 'user', content: 'Wait, one more thing.' }], tags: { turn: '2' } });
    for await (const _ of interrupted) if (++heardChunks === 3) break;
    console.log(`barge-in> reply cut after ${heardChunks} chunks\n`);
  } finally {
    await ai.close();
    await sim.close();
  }
  console.log('usage of each call:');
  for (const event of events) console.log(`  ${formatUsageEvent(event)}`);
  const by = ['provider', 'model'] as const;
  console.log(`\nusage ledger: ${values.ledger} (all runs so far)\n`);
  // The table with its totals row, then the legend of the marks that occur.
  console.log(formatReportTable(await buildReport(readJsonlLedger(values.ledger), { by })));
}

function hex(): string {
  return randomBytes(12).toString('hex');
}
