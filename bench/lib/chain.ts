import { createAIClient, jsonlSink, memorySink, type AIClient, type AIClientOptions, type MemorySink, type ProviderAdapter, type Sink } from './aimeter.js';

/**
 * Which parts of the default chain a wrapped arm carries. The call path is always the full default chain:
 * logging (to a logger whose methods do nothing) → keys → retry (default settings) → rate limit (a memory
 * limiter whose policies never block) → meter (default prices) → adapter. `minimal` turns logging, retry and
 * limits off, for the cost of those three layers.
 */
export interface ChainParts {
  readonly memory: boolean;
  /** A JSONL ledger file (default fsync: after every batch), or none. */
  readonly jsonlPath?: string;
  /** An `ai.on('usage')` listener that counts events. */
  readonly listener: boolean;
  /** keys → meter → adapter only (no logging, retry or limits). @default false */
  readonly minimal?: boolean;
}

export const FULL_CHAIN = (jsonlPath: string): ChainParts => ({ memory: true, jsonlPath, listener: true });

/** A logger that drops every record: the chain still builds and scrubs each record, as it does for pino. */
const NULL_LOGGER = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Generous enough never to block (or wait) in any run: the limiter's cost is measured, not its waits. */
export const NEVER_BLOCKING_LIMITS = {
  policies: [
    { name: 'bench-rpm', unit: 'requests', limit: 1e12, window: 'minute' },
    { name: 'bench-tpm', unit: 'tokens', limit: 1e15, window: 'minute' },
  ],
} as const satisfies AIClientOptions['limits'];

/** The layers of the full default chain besides keys and meter, which are always on. */
function defaultLayers(minimal: boolean): Pick<AIClientOptions, 'retry' | 'limits' | 'logging'> {
  return minimal ? { retry: false } : { retry: {}, limits: NEVER_BLOCKING_LIMITS, logging: { logger: NULL_LOGGER } };
}

/** The wrapped arm's client and counters to check that every call was metered. */
export interface Chain {
  readonly ai: AIClient;
  readonly memory: MemorySink | undefined;
  /** usage events seen by the listener (0 without one). */
  readonly usage: () => number;
  /** Flushes, then fails if any sink dropped or failed an event, or the listener saw fewer than `calls`. */
  readonly check: (calls: number) => Promise<void>;
}

/**
 * What a chain is built from: the bundle's exports by default; the chain profile passes the same functions from
 * tsc's per-file build (bench/lib/unbundled.ts) so its frames name their source files.
 */
export interface ChainKit {
  readonly createAIClient: typeof createAIClient;
  readonly memorySink: typeof memorySink;
  readonly jsonlSink: typeof jsonlSink;
}

/** How long one sink write may take before the queue counts it as failed. */
const SINK_WRITE_TIMEOUT_MS = 120_000;

const BUNDLE_KIT: ChainKit = { createAIClient, memorySink, jsonlSink };

export function createChain(providers: Record<string, ProviderAdapter>, keys: Record<string, string>, parts: ChainParts, kit: ChainKit = BUNDLE_KIT): Chain {
  const memory = parts.memory ? kit.memorySink() : undefined;
  const sinks: Sink[] = [...(memory ? [memory] : []), ...(parts.jsonlPath ? [kit.jsonlSink(parts.jsonlPath)] : [])];
  // A write the disk takes longer than the default 5 s over (a shared VM's fdatasync under other processes' load)
  // would count as a failed write and stop the run; the queue's other settings stay the defaults.
  const sinkQueue = { writeTimeoutMs: SINK_WRITE_TIMEOUT_MS };
  const ai = kit.createAIClient({ providers, keys: { byProvider: keys }, sinks, sinkQueue, flushOnExit: false, ...defaultLayers(parts.minimal === true) });
  let usage = 0;
  if (parts.listener) ai.on('usage', () => void usage++);
  let sinkError = '';
  ai.on('sink-error', (event) => void (sinkError = `: ${event.error instanceof Error ? event.error.message : String(event.error)}`));
  const check = async (calls: number): Promise<void> => {
    await ai.flush();
    for (const stats of ai.sinkStats()) {
      if (stats.dropped > 0 || stats.failures > 0) throw new Error(`sink ${stats.name} dropped ${stats.dropped}, failed ${stats.failures}${sinkError}`);
    }
    if (parts.listener && usage < calls) throw new Error(`expected ${calls} usage events, the listener saw ${usage}`);
  };
  return { ai, memory, usage: () => usage, check };
}
