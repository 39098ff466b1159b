import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The SDK and the peers the bench compares aimeter with, whose versions BENCHMARKS.md names. */
export const PEER_PACKAGES = [
  'openai',
  'ai',
  '@ai-sdk/openai',
  '@opentelemetry/instrumentation-openai',
  '@opentelemetry/sdk-trace-base',
  '@opentelemetry/sdk-metrics',
  '@opentelemetry/context-async-hooks',
] as const;

/** Each package's version, read from its package.json in the repository's node_modules at run time. */
export function peerVersions(repoRoot: string): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const name of PEER_PACKAGES) {
    try {
      const manifest = JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
      versions[name] = manifest.version ?? 'unknown';
    } catch {
      versions[name] = 'not installed';
    }
  }
  return versions;
}
