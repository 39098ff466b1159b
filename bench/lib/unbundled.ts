// The package from tsc's per-file output (dist/client/…, dist/middleware/…), which sits beside the esbuild bundle
// (dist/index.js): the same code, but a profile's frames then name the source file they come from, which is what
// the chain profile attributes time by. Every other suite measures the bundle (bench/lib/aimeter.ts).
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { openai } from './aimeter.js';
import type { ChainKit } from './chain.js';

/** The client factory, the full chain's sinks and the OpenAI adapter factory of one per-file build. */
export type UnbundledKit = ChainKit & { readonly openai: typeof openai };

/** This tree's dist/. */
export const OWN_DIST = fileURLToPath(new URL('../../dist', import.meta.url));

/**
 * The kit from the per-file modules of the build in `dist` (this tree's by default; another build's, e.g. a copy
 * taken before a change, with a node_modules its imports resolve from beside it).
 */
export async function unbundledKit(dist = OWN_DIST): Promise<UnbundledKit> {
  const load = async <T>(path: string): Promise<T> => (await import(pathToFileURL(join(dist, path)).href)) as T;
  const [client, jsonl, adapter, memory] = await Promise.all([
    load<Pick<ChainKit, 'createAIClient'>>('client/create-ai-client.js'),
    load<Pick<ChainKit, 'jsonlSink'>>('ledger/jsonl-sink.js'),
    load<{ openai: typeof openai }>('providers/openai/index.js'),
    load<Pick<ChainKit, 'memorySink'>>('sinks/memory-sink.js'),
  ]);
  return { createAIClient: client.createAIClient, jsonlSink: jsonl.jsonlSink, openai: adapter.openai, memorySink: memory.memorySink };
}
