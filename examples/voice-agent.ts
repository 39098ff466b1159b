// A voice agent, offline: each turn transcribes the caller (speech-to-text), streams the LLM's reply and streams
// it to speech; on the last turn the caller talks over the agent (a barge-in), so the agent cuts the reply's
// speech stream. It all runs in one session, which keeps the running cost per turn. No keys, no network: the
// simulator stands in for OpenAI, Gemini and ElevenLabs on 127.0.0.1.
// Run: npm run example:voice (or npx tsx examples/voice-agent.ts)
import { randomBytes } from 'node:crypto';
// In an application these come from 'aimeter' and 'aimeter/simulator'.
import { createAIClient, elevenlabs, gemini, openai, reportFigures, type AISession, type ChatMessage } from '../src/index.js';
import { startSimulator } from '../src/simulator/index.js';

const VOICE = '21m00Tcm4TlvDq8ikWAM'; // an ElevenLabs stock voice
/** Turns in the call; the caller barges in on the last one. */
const TURNS = 2;

// --- start: the client against the simulator
const sim = await startSimulator({ chunkIntervalMs: 2 });
const fakeKey = (prefix: string): string => `${prefix}${randomBytes(12).toString('hex')}`; // the simulator takes any key
const ai = createAIClient({
  providers: {
    openai: openai({ baseURL: sim.openaiBaseURL }),
    gemini: gemini({ baseURL: sim.geminiBaseURL }),
    elevenlabs: elevenlabs({ baseURL: sim.elevenlabsBaseURL }),
  },
  keys: { byProvider: { openai: fakeKey('sk-example-'), gemini: fakeKey('example-'), elevenlabs: fakeKey('example-') } },
});
// --- end: the client against the simulator

/** Silence as a 16 kHz mono WAV: the caller's audio for the turn. */
function callerAudio(seconds: number): Uint8Array {
  const rate = 16_000;
  const data = Math.round(seconds * rate) * 2;
  const wav = Buffer.alloc(44 + data);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + data, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(data, 40);
  return wav;
}

// --- start: one turn of the session
/** One turn: hear the caller, stream the reply, speak it; `bargeIn` cuts the speech after two audio chunks. */
async function turn(session: AISession, history: ChatMessage[], bargeIn: boolean): Promise<void> {
  const heard = await session.transcribe({ model: 'openai:whisper-1', audio: callerAudio(1.5), fileName: 'caller.wav' });
  console.log(`caller   > ${heard.output.text}`);
  history.push({ role: 'user', content: heard.output.text });

  let reply = '';
  for await (const delta of session.streamChat({ model: 'openai:gpt-4o-mini', messages: history, maxOutputTokens: 60 })) {
    reply += delta.text ?? '';
  }
  history.push({ role: 'assistant', content: reply });
  console.log(`agent    > ${reply}`);

  let chunks = 0;
  let bytes = 0;
  for await (const audio of session.streamSpeak({ model: 'elevenlabs:eleven_flash_v2_5', voice: VOICE, text: reply })) {
    chunks += 1;
    bytes += audio.byteLength;
    if (bargeIn && chunks === 2) break; // the caller talks over the agent: stop speaking at once
  }
  console.log(bargeIn ? `barge-in > speech cut after ${chunks} chunks (${bytes} bytes)` : `speech   > ${bytes} bytes of audio`);
}
// --- end: one turn of the session

// --- start: the session with per-turn cost
const session = ai.session({ session: `call-${randomBytes(4).toString('hex')}`, customer: 'acme' });
const history: ChatMessage[] = [{ role: 'system', content: 'You are a concise phone agent.' }];
try {
  for (let i = 1; i <= TURNS; i += 1) {
    if (i > 1) session.turn();
    await turn(session, history, i === TURNS);
  }
} finally {
  const totals = await session.end(); // waits for the session's calls still being counted
  for (const { turn: n, totals: row } of totals.turns) {
    const figures = reportFigures(row); // plain numbers, not { value, provenance }
    const mark = row.costUsd?.estimated ? ' (includes estimates)' : '';
    console.log(`turn ${n}: ${figures.requests} requests, ${figures.inputTokens} input tokens, ${figures.outputTokens} output tokens, ` +
      `${figures.characters} characters spoken, cost $${(figures.costUsd ?? 0).toFixed(6)}${mark}`);
  }
  console.log(`session ${totals.session}: cost $${(reportFigures(totals.total).costUsd ?? 0).toFixed(6)}`);
  await ai.close();
  await sim.close();
}
// --- end: the session with per-turn cost
