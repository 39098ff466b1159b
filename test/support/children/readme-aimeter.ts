// What `import … from 'aimeter'` means in a README snippet run by test/readme/readme-snippets.test.ts: the library
// (src/), with its three provider factories pointed at an offline simulator started here when the snippet leaves
// `baseURL` out, and throwaway keys in the provider key variables. The snippet's own code is run unchanged.
import { randomBytes } from 'node:crypto';
import * as aimeter from '../../../src/index.js';
import { startSimulator } from '../../../src/simulator/index.js';

export * from '../../../src/index.js';

/** The simulator the snippet's providers talk to. */
export const readmeSimulator = await startSimulator({ chunkIntervalMs: 1 });

const fake = (): string => randomBytes(12).toString('hex');
process.env.OPENAI_API_KEY = `sk-readme-${fake()}`;
process.env.GEMINI_API_KEY = `readme-${fake()}`;
process.env.ELEVENLABS_API_KEY = `readme-${fake()}`;

/** `openai(options)`, defaulting `baseURL` to the simulator. */
export function openai(options: aimeter.OpenAIOptions = {}): aimeter.OpenAIAdapter {
  return aimeter.openai({ baseURL: readmeSimulator.openaiBaseURL, ...options });
}

/** `gemini(options)`, defaulting `baseURL` to the simulator. */
export function gemini(options: aimeter.GeminiOptions = {}): aimeter.GeminiAdapter {
  return aimeter.gemini({ baseURL: readmeSimulator.geminiBaseURL, ...options });
}

/** `elevenlabs(options)`, defaulting `baseURL` to the simulator. */
export function elevenlabs(options: aimeter.ElevenLabsOptions = {}): aimeter.ElevenLabsAdapter {
  return aimeter.elevenlabs({ baseURL: readmeSimulator.elevenlabsBaseURL, ...options });
}
