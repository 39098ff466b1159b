import { LedgerCorruptError } from '../errors/ledger-corrupt-error.js';
import type { UsageEvent } from '../usage-event.js';

/**
 * The stored JSON of one row, or {@link LedgerCorruptError} naming the ledger and the row's `seq` (as its line)
 * when someone wrote something else there.
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
  return value as UsageEvent;
}
