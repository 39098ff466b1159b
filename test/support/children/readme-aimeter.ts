// What `import … from 'aimeter'` means in a README snippet run by test/readme/readme-snippets.test.ts: the library
// (src/), with its three provider factories pointed at an offline simulator started here when the snippet leaves
// `baseURL` out, its billing sinks pointed at loopback billing services, and throwaway keys in the key variables.
// The snippet's own code is run unchanged.
import { randomBytes } from 'node:crypto';
import * as aimeter from '../../../src/index.js';
import { startSimulator } from '../../../src/simulator/index.js';
import { startFakeLago } from '../billing/fake-lago.js';
import { startFakeOpenMeter } from '../billing/fake-openmeter.js';
import { startFakeStripe } from '../billing/fake-stripe.js';

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

// The billing services a snippet exports usage to: loopback imitations of Stripe, OpenMeter and Lago
// (test/support/billing), with throwaway keys in the variables the README reads.
process.env.STRIPE_SECRET_KEY = `sk_test_${fake()}`;
process.env.OPENMETER_TOKEN = `om_${fake()}`;
process.env.LAGO_API_KEY = `lago_${fake()}`;
const [readmeStripe, readmeOpenMeter, readmeLago] = await Promise.all([
  startFakeStripe(process.env.STRIPE_SECRET_KEY),
  startFakeOpenMeter(process.env.OPENMETER_TOKEN),
  startFakeLago(process.env.LAGO_API_KEY),
]);
export { readmeLago, readmeOpenMeter, readmeStripe };

/** `stripeMeterSink(options)`, defaulting the API's host, port and protocol to the loopback Stripe. */
export function stripeMeterSink(options: aimeter.StripeMeterSinkOptions): aimeter.Sink {
  return aimeter.stripeMeterSink({ host: '127.0.0.1', port: readmeStripe.port, protocol: 'http', ...options });
}

/** `openMeterSink(options)`, defaulting `baseURL` to the loopback OpenMeter. */
export function openMeterSink(options: aimeter.OpenMeterSinkOptions): aimeter.Sink {
  return aimeter.openMeterSink({ baseURL: readmeOpenMeter.url, ...options });
}

/** `lagoSink(options)`, defaulting `baseURL` to the loopback Lago. */
export function lagoSink(options: aimeter.LagoSinkOptions): aimeter.Sink {
  return aimeter.lagoSink({ baseURL: readmeLago.url, ...options });
}
