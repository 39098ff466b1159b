import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs a Node process and parses the JSON its stdout's last line holds; a non-zero exit throws with stderr. */
export async function childJson<T>(args: readonly string[], cwd: string): Promise<T> {
  const { stdout } = await run(process.execPath, [...args], { cwd, maxBuffer: 16 * 1024 * 1024 });
  const last = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as T;
}

/** Node arguments to run a TypeScript file of the harness in a child, as `npm run bench` runs the parent. */
export function tsxArgs(file: string, ...rest: string[]): string[] {
  return ['--import', 'tsx', '--expose-gc', file, ...rest];
}
