import { existsSync } from 'node:fs';
import { readJsonlLedger } from '../ledger/read-jsonl-ledger.js';
import type { LedgerQuery } from '../ledger/ledger.js';
import { postgresLedger } from '../ledger/postgres-ledger.js';
import { sqliteLedger } from '../ledger/sqlite-ledger.js';
import type { UsageEvent } from '../usage-event.js';

/**
 * The events of a ledger named on the command line: a `postgres://` URL, a `.jsonl` file, or a SQLite file.
 * A missing file is an error rather than a new empty ledger, so a typo never reports zeros.
 */
export async function* openLedgerEvents(location: string, query: LedgerQuery): AsyncGenerator<UsageEvent> {
  if (/^postgres(ql)?:\/\//.test(location)) {
    const ledger = postgresLedger(location);
    try {
      yield* ledger.readEvents(query);
    } finally {
      await ledger.close();
    }
    return;
  }
  if (!existsSync(location)) throw new Error(`no ledger at ${location}`);
  if (location.endsWith('.jsonl')) {
    yield* filterTime(readJsonlLedger(location), query);
    return;
  }
  const ledger = sqliteLedger(location);
  try {
    yield* ledger.readEvents(query);
  } finally {
    await ledger.close();
  }
}

async function* filterTime(events: AsyncIterable<UsageEvent>, query: LedgerQuery): AsyncGenerator<UsageEvent> {
  const since = query.since === undefined ? -Infinity : new Date(query.since).getTime();
  const until = query.until === undefined ? Infinity : new Date(query.until).getTime();
  for await (const event of events) {
    const time = Date.parse(event.time);
    if (time >= since && time < until) yield event;
  }
}
