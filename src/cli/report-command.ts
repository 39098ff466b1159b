import { parseArgs } from 'node:util';
import { readJsonlLedger } from '../ledger/read-jsonl-ledger.js';
import { formatReport } from '../report/format-report.js';
import { summarizeUsage, type ReportGroup } from '../report/summarize-usage.js';

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

/** `aimeter report [--ledger PATH] [--by a,b]`: totals from a JSONL ledger. */
export async function runReport(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { ledger: { type: 'string', default: 'aimeter-usage.jsonl' }, by: { type: 'string', default: 'provider,model' } },
    strict: true,
  });
  const by = parseGroups(values.by);
  console.log(formatReport(await summarizeUsage(readJsonlLedger(values.ledger), by), by));
}
