import { join } from 'node:path';
import { jsonlSink, memorySink, SinkHub, type UsageEvent } from '../lib/aimeter.js';
import { usageEvents } from '../lib/events.js';
import { figure, type Figure } from '../lib/figure.js';
import { median } from '../lib/stats.js';
import type { Suite } from '../lib/suite.js';
import { BATCH, CHUNK, directArm, drainInTurns, hubArm } from './drain-arms.js';
import { checkPlainRows } from './sink-controls.js';
import { fileSinkTargets, OF_CONTROL, postgresTarget, type SinkTarget } from './sink-targets.js';

const SUITE = 'sinks';
const FLUSH_TIMEOUT_MS = 120_000;

/**
 * Drain rate of each sink through the client's queue (SinkHub, default settings), fed 8192 events at a time
 * and flushed after each chunk, beside two controls fed the same events in batches of the hub's default
 * `maxBatch` and flushed as often: the physical control (issue 21: what the bare primitive does with the same
 * events: `JSON.stringify` + one `write` per batch with the same fsync policy, bare better-sqlite3 or `pg` on
 * the ledger's own table; sink-controls.ts), the target's ratio; and the same sink's `writeBatch` called directly,
 * so that ratio is the cost of the queue alone. Each round, on fresh sinks, the arms take turns chunk by chunk in a
 * random order (drain-arms.ts), so a slow stretch of the shared disk or database hits them alike; each arm's
 * figure is its median round. Then the hot-path enqueue cost of the full chain's two sinks.
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
  const rate = { hub: [] as number[], direct: [] as number[], physical: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    const arms = [hubArm(() => target.make(`hub${round}`)), directArm(() => target.make(`direct${round}`))];
    const { control } = target;
    if (control) arms.push(directArm(() => control(`control${round}`)));
    const [hub, direct, physical] = await drainInTurns(arms, events);
    rate.hub.push(hub!);
    rate.direct.push(direct!);
    if (physical !== undefined) rate.physical.push(physical);
  }
  const common = { suite: SUITE, value: median(rate.hub), unit: 'events/s' } as const;
  const queue = figure({ ...common, name: `${target.name} drain via SinkHub, against its own writeBatch`, control: median(rate.direct), note: 'the cost of the queue alone' });
  if (!target.control) return [queue];
  const physical = figure({ ...common, name: `${target.name} drain via SinkHub`, control: median(rate.physical), ...(target.target ? { target: target.target } : {}), note: 'control: the bare primitive, same events and batches' });
  return [physical, queue];
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
