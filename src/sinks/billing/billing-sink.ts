import { BillingExportError } from '../../errors/billing-export-error.js';
import type { UsageEvent } from '../../usage-event.js';
import type { Sink } from '../sink.js';
import type { BillingSettings } from './billing-sink-options.js';
import { DUPLICATE, type BillingTarget } from './billing-target.js';
import { DeadLetterFile, type DeadLetter } from './dead-letter-file.js';
import { sendWithRetries } from './send-with-retries.js';

interface Item<R> {
  readonly record: R;
  readonly event: UsageEvent;
}

/** Statuses of a refused batch that may be one bad event's doing: the batch is split to find it. */
const SPLITTABLE = new Set([400, 413, 422]);

/**
 * A {@link Sink} that exports each batch the client hands it to one billing service: events are prepared
 * (or dead-lettered), sent in chunks of the service's batch limit with retries, and whatever the service refuses
 * for good or never accepts goes to the dead-letter file. A refused chunk without per-event verdicts is split in
 * halves until the refused events are alone (the services drop ids they already hold, so resending is safe).
 * The batch resolves once every event is billed or dead-lettered.
 */
export function billingSink<R>(target: BillingTarget<R>, settings: BillingSettings): Sink {
  const file = new DeadLetterFile(settings.deadLetterPath, target.service, () => settings.clock.now());

  const sendChunk = async (items: readonly Item<R>[], letters: DeadLetter[]): Promise<void> => {
    let outcome;
    try {
      outcome = await sendWithRetries(() => target.send(items.map((i) => i.record)), settings);
    } catch (error) {
      const failure = BillingExportError.isInstance(error) ? error : new BillingExportError(target.service, `send failed: ${error instanceof Error ? error.message : String(error)}`, { retryable: false, cause: error });
      for (const { event } of items) letters.push({ reason: 'undelivered', ...(failure.status === undefined ? {} : { status: failure.status }), detail: failure.message, event });
      return;
    }
    if (outcome.accepted) return;
    const { status, detail, perRecord } = outcome;
    if (perRecord !== undefined && perRecord.size > 0) {
      const rest = items.filter((_, i) => !perRecord.has(i));
      items.forEach((item, i) => {
        const verdict = perRecord.get(i);
        if (verdict !== undefined && verdict !== DUPLICATE) letters.push({ reason: 'refused', status, detail: verdict, event: item.event });
      });
      if (rest.length > 0) await sendChunk(rest, letters);
      return;
    }
    if (items.length > 1 && SPLITTABLE.has(status)) {
      const half = Math.ceil(items.length / 2);
      await sendChunk(items.slice(0, half), letters);
      await sendChunk(items.slice(half), letters);
      return;
    }
    for (const { event } of items) letters.push({ reason: 'refused', status, detail, event });
  };

  const writeBatch = async (events: readonly UsageEvent[]): Promise<void> => {
    const letters: DeadLetter[] = [];
    const lanes = new Map<string, Item<R>[]>();
    const now = settings.clock.now();
    for (const event of events) {
      const prepared = target.prepare(event, now);
      if ('skip' in prepared) continue;
      if ('reason' in prepared) {
        letters.push({ reason: prepared.reason, detail: prepared.detail, event });
        continue;
      }
      let lane = lanes.get(prepared.lane);
      if (lane === undefined) lanes.set(prepared.lane, (lane = []));
      lane.push({ record: prepared.record, event });
    }
    await inPool([...lanes.values()], target.concurrency, async (lane) => {
      for (let i = 0; i < lane.length; i += target.maxBatch) await sendChunk(lane.slice(i, i + target.maxBatch), letters);
    });
    try {
      await file.append(letters);
    } catch (error) {
      throw new BillingExportError(target.service, `could not write the dead-letter file ${settings.deadLetterPath}`, { retryable: false, cause: error });
    }
  };

  return { name: settings.name, writeBatch, write: (event) => writeBatch([event]) };
}

/** Runs `work` on every item, at most `concurrency` at a time. */
async function inPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
