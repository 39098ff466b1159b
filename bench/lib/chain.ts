import { createAIClient, jsonlSink, memorySink, type AIClient, type MemorySink, type ProviderAdapter, type Sink } from './aimeter.js';

/** Which parts of today's default chain a wrapped arm carries besides keys → meter → adapter. */
export interface ChainParts {
  readonly memory: boolean;
  /** A JSONL ledger file (default fsync: after every batch), or none. */
  readonly jsonlPath?: string;
  /** An `ai.on('usage')` listener that counts events. */
  readonly listener: boolean;
}

export const FULL_CHAIN = (jsonlPath: string): ChainParts => ({ memory: true, jsonlPath, listener: true });

/** The wrapped arm's client and counters to check that every call was metered. */
export interface Chain {
  readonly ai: AIClient;
  readonly memory: MemorySink | undefined;
  /** usage events seen by the listener (0 without one). */
  readonly usage: () => number;
  /** Flushes, then fails if any sink dropped or failed an event, or the listener saw fewer than `calls`. */
  readonly check: (calls: number) => Promise<void>;
}

export function createChain(providers: Record<string, ProviderAdapter>, keys: Record<string, string>, parts: ChainParts): Chain {
  const memory = parts.memory ? memorySink() : undefined;
  const sinks: Sink[] = [...(memory ? [memory] : []), ...(parts.jsonlPath ? [jsonlSink(parts.jsonlPath)] : [])];
  const ai = createAIClient({ providers, keys, sinks, flushOnExit: false });
  let usage = 0;
  if (parts.listener) ai.on('usage', () => void usage++);
  const check = async (calls: number): Promise<void> => {
    await ai.flush();
    for (const stats of ai.sinkStats()) {
      if (stats.dropped > 0 || stats.failures > 0) throw new Error(`sink ${stats.name} dropped ${stats.dropped}, failed ${stats.failures}`);
    }
    if (parts.listener && usage < calls) throw new Error(`expected ${calls} usage events, the listener saw ${usage}`);
  };
  return { ai, memory, usage: () => usage, check };
}
