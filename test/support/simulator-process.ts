// Starts test/support/children/simulator-process.ts and hands back its URLs; `stop()` closes its stdin.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SimulatorOptions } from '../../src/simulator/types.js';

/** A simulator running in a child process. */
export interface SimulatorProcess {
  readonly openaiBaseURL: string;
  readonly geminiBaseUrl: string;
  /** Closes the simulator and waits for its process to exit. */
  stop(): Promise<void>;
}

/** Starts a simulator with `options` in a child process (tsx), resolved once it listens. */
export function startSimulatorProcess(options: SimulatorOptions): Promise<SimulatorProcess> {
  const file = fileURLToPath(new URL('./children/simulator-process.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', file, JSON.stringify(options)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`the simulator process exited (${String(code)}) before listening`)));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!out.includes('\n')) return;
      const urls = JSON.parse(out.split('\n')[0]!) as { openaiBaseURL: string; geminiBaseUrl: string };
      resolve({
        ...urls,
        stop: () => {
          child.stdin.end();
          return exited;
        },
      });
    });
  });
}
