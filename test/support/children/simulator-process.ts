// A simulator in its own process, for tests that measure the event loop of the process using aimeter: the
// simulator's own work (tokenizing prompts, writing chunks) then stalls nothing of the test's. Prints its base
// URLs as one JSON line; exits when its stdin closes. argv[2]: the simulator's options as JSON.
import { startSimulator } from '../../../src/simulator/index.js';

const sim = await startSimulator(JSON.parse(process.argv[2] ?? '{}') as Parameters<typeof startSimulator>[0]);
process.stdout.write(`${JSON.stringify({ openaiBaseURL: sim.openaiBaseURL, geminiBaseUrl: sim.geminiBaseUrl })}\n`);
process.stdin.resume();
process.stdin.on('end', () => void sim.close().then(() => process.exit(0)));
