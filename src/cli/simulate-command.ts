import { parseArgs } from 'node:util';
import { startSimulator } from '../simulator/start-simulator.js';

/** `aimeter simulate [--port N]`: serves the three providers until Ctrl-C. */
export async function runSimulate(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { port: { type: 'string', default: '0' } }, strict: true });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port: expected 0-65535, got "${values.port}"`);
  const sim = await startSimulator({ port });
  console.log(`aimeter simulator listening on ${sim.url}`);
  console.log(`  OpenAI      baseURL ${sim.openaiBaseURL}`);
  console.log(`  Gemini      baseUrl ${sim.geminiBaseUrl}`);
  console.log(`  ElevenLabs  baseUrl ${sim.elevenlabsBaseUrl}`);
  console.log('any API key is accepted; Ctrl-C stops it');
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await sim.close();
}
