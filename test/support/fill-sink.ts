import type { Sink } from '../../src/sinks/sink.js';
import type { UsageEvent } from '../../src/usage-event.js';

/** Writes `events` to a sink in batches, as the client would, then closes it. */
export async function fillSink(sink: Sink, events: readonly UsageEvent[], batchSize = 5000): Promise<void> {
  for (let i = 0; i < events.length; i += batchSize) await sink.writeBatch!(events.slice(i, i + batchSize));
  await sink.close?.();
}
