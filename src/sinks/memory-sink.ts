import type { UsageEvent } from '../usage-event.js';
import type { Sink } from './sink.js';

/**
 * A sink that keeps events in memory, for tests and small scripts.
 *
 * @example
 * ```ts
 * const sink: MemorySink = memorySink();
 * const ai = createAIClient({ providers, sinks: [sink] });
 * await ai.chat({ model: 'openai:gpt-4o-mini', messages });
 * await ai.flush();
 * console.log(sink.events[0]?.usage);
 * sink.clear();
 * ```
 */
export interface MemorySink extends Sink {
  /** Events written, in order, each once (a retried batch does not duplicate). */
  readonly events: readonly UsageEvent[];
  /** Forgets every event. */
  clear(): void;
}

/**
 * Keeps usage events in memory. Swap it in for a ledger in tests and assert on what it holds.
 *
 * @example
 * ```ts
 * const sink = memorySink();
 * const ai = createAIClient({ providers, sinks: [sink] });
 * await ai.chat({ model: 'openai:gpt-4o-mini', messages });
 * await ai.flush();
 * assert.equal(sink.events.length, 1);
 * ```
 */
export function memorySink(options: { name?: string } = {}): MemorySink {
  let events: UsageEvent[] = [];
  let seen = new Set<string>();
  return {
    name: options.name ?? 'memory',
    get events() {
      return events;
    },
    write(event) {
      if (seen.has(event.id)) return;
      seen.add(event.id);
      events.push(event);
    },
    clear() {
      events = [];
      seen = new Set();
    },
  };
}
