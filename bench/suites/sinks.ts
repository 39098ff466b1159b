import { join } from 'node:path';
// The queue's defaults are not public API: taken from the same build as SinkHub, so the control batches alike.
import { SINK_QUEUE_DEFAULTS } from '../../dist/sinks/sink-hub.js';
import { jsonlSink, memorySink, SinkHub, type Sink, type SinkErrorEvent, type UsageEvent } from '../lib/aimeter.js';
import { usageEvents } from '../lib/events.js';
import { figure, type Figure } from '../lib/figure.js';
import { median } from '../lib/stats.js';
import type { Suite } from '../lib/suite.js';
import { fileSinkTargets, postgresTarget, type SinkTarget } from './sink-targets.js';

const SUITE = 'sinks';
/** Events handed to the hub at once: below its default 10 000-event queue bound, so nothing is dropped. */
const CHUNK = 8192;
const BATCH = SINK_QUEUE_DEFAULTS.maxBatch;
const FLUSH_TIMEOUT_MS = 120_000;

/**
 * Drain rate of each sink through the client's queue (SinkHub, default settings), fed 8192 events at a time
 * and flushed after each chunk; control: the same sink's `writeBatch` (or `write`) called directly in batches
 * of the hub's default `maxBatch` and flushed after each 8192 events too, so both arms ask the same of the
 * sink (a flush is an fsync under `fsync: 'close'`) and the ratio is the cost of the queue alone. The arms
 * alternate over rounds (A B, B A, A B), each on a fresh sink, and each arm's figure is its median round: one
 * slow moment of a shared machine does not decide a figure. Then the hot-path enqueue cost of the full chain's
 * two sinks.
 */
export const sinksSuite: Suite = {
  name: SUITE,
  async run(ctx) {
    const figures: Figure[] = [];
    const targets: SinkTarget[] = fileSinkTargets(ctx.tmpDir);
    const pgTarget = await postgresTarget();
    if (typeof pgTarget === 'string') {
      console.log(pgTarget);
      figures.push(figure({ suite: SUITE, name: 'postgres drain', value: undefined, unit: 'events/s', note: pgTarget }));
    } else targets.push(pgTarget);
    const rounds = ctx.quick ? 1 : 3;
    for (const target of targets) {
      const count = Math.max(BATCH, Math.round(ctx.sizes.sinkEvents * target.share));
      ctx.log(`sink ${target.name}: ${count} events per arm, ${rounds} round(s)`);
      const events = usageEvents(count);
      const direct: number[] = [];
      const hub: number[] = [];
      try {
        for (let round = 0; round < rounds; round++) {
          const arms = [
            async () => direct.push(count / (await timed(() => writeDirect(target.make(`direct${round}`), events)))),
            async () => hub.push(count / (await timed(() => writeThroughHub(target.make(`hub${round}`), events)))),
          ];
          for (const arm of round % 2 === 0 ? arms : arms.reverse()) await arm();
        }
      } finally {
        await target.cleanup?.();
      }
      figures.push(figure({ suite: SUITE, name: `${target.name} drain via SinkHub`, value: median(hub), control: median(direct), unit: 'events/s', ...(target.target ? { target: target.target } : {}) }));
    }
    figures.push(await enqueueCost(ctx.quick ? 10 : 60, join(ctx.tmpDir, 'enqueue.jsonl')));
    return figures;
  },
};

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

/** The control: what the hub asks of the sink, without the hub. Flushed after each chunk as the hub arm is. */
async function writeDirect(made: Sink | Promise<Sink>, events: readonly UsageEvent[]): Promise<void> {
  const sink = await made;
  for (let i = 0; i < events.length; i += CHUNK) {
    for (let j = i; j < Math.min(i + CHUNK, events.length); j += BATCH) {
      const batch = events.slice(j, Math.min(j + BATCH, i + CHUNK, events.length));
      if (sink.writeBatch) await sink.writeBatch(batch);
      else for (const event of batch) await sink.write(event);
    }
    await sink.flush?.();
  }
  await sink.close?.();
}

async function writeThroughHub(made: Sink | Promise<Sink>, events: readonly UsageEvent[]): Promise<void> {
  const failures: SinkErrorEvent[] = [];
  const hub = new SinkHub([await made], undefined, (e) => failures.push(e));
  for (let i = 0; i < events.length; i += CHUNK) {
    for (let j = i; j < Math.min(i + CHUNK, events.length); j++) hub.push(events[j]!);
    await hub.flush(FLUSH_TIMEOUT_MS);
  }
  await hub.close(FLUSH_TIMEOUT_MS);
  const [stats] = hub.stats();
  if (failures.length > 0 || stats?.written !== events.length) {
    throw new Error(`sink ${stats?.name}: wrote ${stats?.written} of ${events.length}; ${failures.map((f) => f.error.message).join('; ')}`);
  }
}

/**
 * Median ns per `push` onto a hub with the full chain's memory + JSONL sinks, over rounds of one 8192-event
 * chunk (the drain after each round untimed); control: a plain `Array.push` of the same chunk.
 */
async function enqueueCost(rounds: number, path: string): Promise<Figure> {
  const chunk = usageEvents(CHUNK);
  const hub = new SinkHub([memorySink(), jsonlSink(path, { fsync: 'close' })], undefined, () => undefined);
  const hubNs: number[] = [];
  const arrayNs: number[] = [];
  const perPush = (push: (event: UsageEvent) => void): number => {
    const started = process.hrtime.bigint();
    for (const event of chunk) push(event);
    return Number(process.hrtime.bigint() - started) / chunk.length;
  };
  for (let round = 0; round < rounds; round++) {
    const plain: UsageEvent[] = [];
    arrayNs.push(perPush((event) => plain.push(event)));
    hubNs.push(perPush((event) => hub.push(event)));
    await hub.flush(FLUSH_TIMEOUT_MS);
  }
  await hub.close(FLUSH_TIMEOUT_MS);
  return figure({ suite: SUITE, name: 'hot-path enqueue (memory + JSONL hub), median', value: median(hubNs), control: median(arrayNs), unit: 'ns/push' });
}
