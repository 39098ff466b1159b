// The queue's defaults are not public API: taken from the same build as SinkHub, so the controls batch alike.
import { SINK_QUEUE_DEFAULTS } from '../../dist/sinks/sink-hub.js';
import { SinkHub, type Sink, type SinkErrorEvent, type UsageEvent } from '../lib/aimeter.js';
import type { PhysicalControl } from './sink-controls.js';

/** Events handed to the hub at once: below its default 10 000-event queue bound, so nothing is dropped. */
export const CHUNK = 8192;
/** The hub's default batch: what the direct arms write at once. */
export const BATCH = SINK_QUEUE_DEFAULTS.maxBatch;
const FLUSH_TIMEOUT_MS = 120_000;

/** One arm of a drain, fed chunk by chunk: each step is timed on its own, so arms can take turns per chunk. */
export interface DrainArm {
  /** Makes the sink (its file, database or table) and whatever feeds it. */
  readonly open: () => Promise<void>;
  /** Writes one chunk and flushes, as the hub does after each chunk it is handed. */
  readonly chunk: (events: readonly UsageEvent[]) => Promise<void>;
  readonly close: () => Promise<void>;
  /** After the timing: throws unless all `events` landed. */
  readonly verify: (events: number) => Promise<void>;
}

/** The client's queue (SinkHub, default settings) in front of the sink: a chunk is pushed, then the hub flushed. */
export function hubArm(make: () => Sink | Promise<Sink>): DrainArm {
  const failures: SinkErrorEvent[] = [];
  let hub: SinkHub | undefined;
  return {
    open: async () => {
      hub = new SinkHub([await make()], undefined, (e) => failures.push(e));
    },
    chunk: async (events) => {
      for (let i = 0; i < events.length; i++) hub!.push(events[i]!);
      await hub!.flush(FLUSH_TIMEOUT_MS);
    },
    close: () => hub!.close(FLUSH_TIMEOUT_MS),
    verify: (events) => {
      const [stats] = hub!.stats();
      if (failures.length === 0 && stats?.written === events) return Promise.resolve();
      return Promise.reject(new Error(`sink ${stats?.name}: wrote ${stats?.written} of ${events}; ${failures.map((f) => f.error.message).join('; ')}`));
    },
  };
}

/**
 * What the hub asks of the sink, without the hub: `writeBatch` (else `write`) in batches of the hub's default
 * `maxBatch`, then `flush`. A physical control is fed the same way, and verified.
 */
export function directArm(make: () => Sink | PhysicalControl | Promise<Sink | PhysicalControl>): DrainArm {
  let sink: Sink | PhysicalControl | undefined;
  return {
    open: async () => {
      sink = await make();
    },
    chunk: async (events) => {
      const s = sink!;
      for (let j = 0; j < events.length; j += BATCH) {
        const batch = events.slice(j, j + BATCH);
        if (s.writeBatch) await s.writeBatch(batch);
        else for (const event of batch) await s.write(event);
      }
      await s.flush?.();
    },
    close: async () => {
      await sink!.close?.();
    },
    verify: (events) => ('verify' in sink! ? sink.verify(events) : Promise.resolve()),
  };
}

/**
 * Drains `events` into every arm, the arms taking turns chunk by chunk in a random order each time, so a slow
 * stretch of a shared disk or database hits every arm alike; opening and closing are timed too. Returns each
 * arm's events per second.
 */
export async function drainInTurns(arms: readonly DrainArm[], events: readonly UsageEvent[]): Promise<number[]> {
  const seconds = arms.map(() => 0);
  const step = async (i: number, work: () => Promise<void>): Promise<void> => {
    const started = performance.now();
    await work();
    seconds[i]! += (performance.now() - started) / 1000;
  };
  const order = (): number[] => randomOrder(arms.map((_, i) => i));
  for (const i of order()) await step(i, arms[i]!.open);
  for (let at = 0; at < events.length; at += CHUNK) {
    const chunk = events.slice(at, at + CHUNK);
    for (const i of order()) await step(i, () => arms[i]!.chunk(chunk));
  }
  for (const i of order()) await step(i, arms[i]!.close);
  for (const arm of arms) await arm.verify(events.length);
  return seconds.map((s) => events.length / s);
}

/** A fresh random order of `items` (Fisher–Yates). */
function randomOrder<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
