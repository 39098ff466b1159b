import { join } from 'node:path';
// The queue's defaults are not public API: taken from the same build as SinkHub, so the control batches alike.
import { SINK_QUEUE_DEFAULTS } from '../../dist/sinks/sink-hub.js';
import { jsonlSink, memorySink, SinkHub, type Sink, type SinkErrorEvent, type UsageEvent } from '../lib/aimeter.js';
import { usageEvents } from '../lib/events.js';
import { figure, type Figure } from '../lib/figure.js';
import { median } from '../lib/stats.js';
import type { Suite } from '../lib/suite.js';
import { checkPlainRows, type PhysicalControl } from './sink-controls.js';
import { fileSinkTargets, OF_CONTROL, postgresTarget, type SinkTarget } from './sink-targets.js';

const SUITE = 'sinks';
/** Events handed to the hub at once: below its default 10 000-event queue bound, so nothing is dropped. */
const CHUNK = 8192;
const BATCH = SINK_QUEUE_DEFAULTS.maxBatch;
const FLUSH_TIMEOUT_MS = 120_000;

/**
 * Drain rate of each sink through the client's queue (SinkHub, default settings), fed 8192 events at a time
 * and flushed after each chunk, beside two controls fed the same events in batches of the hub's default
 * `maxBatch` and flushed as often: the physical control (issue 21: what the bare primitive does with the same
 * events: `JSON.stringify` + one `write` per batch with the same fsync policy, bare better-sqlite3 or `pg` on
 * the ledger's own table; sink-controls.ts), the target's ratio; and the same sink's `writeBatch` called directly,
 * so that ratio is the cost of the queue alone. The arms run in a random order each round, each on a fresh sink,
 * and each arm's figure is its median round: one slow moment of a shared machine does not decide a figure. Then
 * the hot-path enqueue cost of the full chain's two sinks.
 */
export const sinksSuite: Suite = {
  name: SUITE,
  async run(ctx) {
    const figures: Figure[] = [];
    const targets: SinkTarget[] = fileSinkTargets(ctx.tmpDir);
    const pgTarget = await postgresTarget();
    if (typeof pgTarget === 'string') {
      console.log(pgTarget);
      figures.push(figure({ suite: SUITE, name: 'postgres drain via SinkHub', value: undefined, unit: 'events/s', target: OF_CONTROL, note: pgTarget }));
    } else targets.push(pgTarget);
    // Quick rounds are short (6000 JSONL events): more of them for a steadier median.
    const rounds = ctx.quick ? 5 : 3;
    for (const target of targets) {
      const count = Math.max(BATCH, Math.round(ctx.sizes.sinkEvents * target.share));
      ctx.log(`sink ${target.name}: ${count} events per arm, ${rounds} round(s)`);
      try {
        figures.push(...(await drainFigures(target, usageEvents(count), rounds)));
      } finally {
        await target.cleanup?.();
      }
    }
    figures.push(await enqueueCost(ctx.quick ? 10 : 60, join(ctx.tmpDir, 'enqueue.jsonl')));
    return figures;
  },
};

/** The arms of one sink over `rounds` rounds: its figures against the physical control and against its own `writeBatch`. */
async function drainFigures(target: SinkTarget, events: readonly UsageEvent[], rounds: number): Promise<Figure[]> {
  if (target.control) checkPlainRows(events);
  const rate = { physical: [] as number[], direct: [] as number[], hub: [] as number[] };
  const count = events.length;
  for (let round = 0; round < rounds; round++) {
    const arms: (() => Promise<unknown>)[] = [
      async () => rate.direct.push(count / (await timed(() => writeDirect(target.make(`direct${round}`), events)))),
      async () => rate.hub.push(count / (await timed(() => writeThroughHub(target.make(`hub${round}`), events)))),
    ];
    const { control } = target;
    if (control) {
      arms.push(async () => {
        // Made inside the timing (file, database, table), as the sinks open and migrate inside theirs.
        let made: PhysicalControl | undefined;
        const seconds = await timed(async () => {
          made = await control(`control${round}`);
          await writeDirect(made, events);
        });
        rate.physical.push(count / seconds);
        await made?.verify(count);
      });
    }
    for (const arm of randomOrder(arms)) await arm();
  }
  const common = { suite: SUITE, value: median(rate.hub), unit: 'events/s' } as const;
  const queue = figure({ ...common, name: `${target.name} drain via SinkHub, against its own writeBatch`, control: median(rate.direct), note: 'the cost of the queue alone' });
  if (!target.control) return [queue];
  const physical = figure({ ...common, name: `${target.name} drain via SinkHub`, control: median(rate.physical), ...(target.target ? { target: target.target } : {}), note: 'control: the bare primitive, same events and batches' });
  return [physical, queue];
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

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

/** A control: what the hub asks of the sink, without the hub. Flushed after each chunk as the hub arm is. */
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
