import { parseArgs } from 'node:util';
import { formatReport } from '../report/format-report.js';
import { summarizeUsage, type ReportGroup } from '../report/summarize-usage.js';
import { openLedgerEvents } from './open-ledger-events.js';

const GROUPS = new Set(['provider', 'model', 'operation', 'environment', 'day', 'month']);

/** Parses `--by a,b,tag:customer`. */
export function parseGroups(value: string): ReportGroup[] {
  const groups = value.split(',').map((g) => g.trim()).filter(Boolean);
  for (const g of groups) {
    if (!GROUPS.has(g) && !/^tag:.+/.test(g)) {
      throw new Error(`--by: unknown group "${g}" (use ${[...GROUPS].join(', ')} or tag:<name>)`);
    }
  }
  if (groups.length === 0) throw new Error('--by: expected at least one group');
  return groups as ReportGroup[];
}

/** Parses a `--since` / `--until` value: an ISO date or date-time. */
export function parseInstant(option: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new Error(`--${option}: expected a date like 2026-11-01, got "${value}"`);
  return new Date(time);
}

/** `aimeter report [--ledger PATH|URL] [--by a,b] [--since D] [--until D]`: totals from a ledger. */
export async function runReport(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      ledger: { type: 'string', default: 'aimeter-usage.jsonl' },
      by: { type: 'string', default: 'provider,model' },
      since: { type: 'string' },
      until: { type: 'string' },
    },
    strict: true,
  });
  const by = parseGroups(values.by);
  const since = parseInstant('since', values.since);
  const until = parseInstant('until', values.until);
  const events = openLedgerEvents(values.ledger, { ...(since ? { since } : {}), ...(until ? { until } : {}) });
  console.log(formatReport(await summarizeUsage(events, by), by));
}
