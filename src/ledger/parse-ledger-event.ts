import { LedgerCorruptError } from '../errors/ledger-corrupt-error.js';
import type { UsageEvent } from '../usage-event.js';
import { checkUsageFigures } from './check-usage-figures.js';

/**
 * The stored JSON of one row, or {@link LedgerCorruptError} naming the ledger and the row's `seq` (as its line)
 * when someone wrote something else there, or a figure a report adds up is not a number 0 or more.
 */
export function parseLedgerEvent(stored: unknown, location: string, seq: number): UsageEvent {
  let value = stored;
  if (typeof stored === 'string') {
    try {
      value = JSON.parse(stored);
    } catch {
      throw new LedgerCorruptError(location, seq, 'event column is not valid JSON');
    }
  }
  if (typeof value !== 'object' || value === null || typeof (value as { id?: unknown }).id !== 'string') {
    throw new LedgerCorruptError(location, seq, 'event column is not a usage event');
  }
  checkUsageFigures(value, location, seq);
  return value as UsageEvent;
}
