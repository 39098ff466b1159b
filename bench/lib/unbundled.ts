// The package from tsc's per-file output (dist/client/…, dist/middleware/…), which sits beside the esbuild bundle
// (dist/index.js): the same code, but a profile's frames then name the source file they come from, which is what
// the chain profile attributes time by. Every other suite measures the bundle (bench/lib/aimeter.ts).
import { createAIClient } from '../../dist/client/create-ai-client.js';
import { jsonlSink } from '../../dist/ledger/jsonl-sink.js';
import { openai } from '../../dist/providers/openai/index.js';
import { memorySink } from '../../dist/sinks/memory-sink.js';
import type { ChainKit } from './chain.js';

/** The client factory and the sinks of the full chain, from the per-file build. */
export const UNBUNDLED_KIT: ChainKit = { createAIClient, memorySink, jsonlSink };

/** The OpenAI adapter factory from the per-file build. */
export const unbundledOpenai = openai;
