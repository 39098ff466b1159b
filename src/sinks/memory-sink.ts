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
  /** Stores several events at once. */
  writeBatch(events: readonly UsageEvent[]): void;
  /** Forgets every event. */
  clear(): void;
}

/**
 * Keeps usage events in memory. Swap it in for a ledger in tests and assert on what it holds. Writing is an
 * array push; repeated ids are removed when `events` is read (the first copy stays), so the client's drain
 * does no bookkeeping per event.
 *
 * @param options - `name`: name in `sink-error` events and stats (default `'memory'`)
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
  /** `events` up to here hold each id once; the rest is checked on the next read. */
  let checked = 0;

  const dedupe = (): void => {
    let kept = checked;
    for (let i = checked; i < events.length; i++) {
      const event = events[i]!;
      if (seen.has(event.id)) continue;
      seen.add(event.id);
      events[kept++] = event;
    }
    events.length = kept;
    checked = kept;
  };

  return {
    name: options.name ?? 'memory',
    get events() {
      if (checked < events.length) dedupe();
      return events;
    },
    write(event) {
      events.push(event);
    },
    writeBatch(batch) {
      for (let i = 0; i < batch.length; i++) events.push(batch[i]!);
    },
    clear() {
      events = [];
      seen = new Set();
      checked = 0;
    },
  };
}
