import { LedgerCorruptError } from '../errors/ledger-corrupt-error.js';
import { QUANTITIES } from './ledger-row.js';

const PROVENANCES = new Set(['reported', 'estimated', 'missing']);

/** Quantities kept in the event JSON only (no column of their own yet), checked like the columns' ones. */
const JSON_ONLY_QUANTITIES = ['toolUsePromptTokens'] as const;

/** A figure that can be summed: a finite number, 0 or more. */
function isAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/**
 * Checks the figures a report adds up in one stored event: `usage.requests`, every quantity's value and
 * provenance, and the cost's dollar amounts. Throws {@link LedgerCorruptError} naming `location` and `line` for
 * a string, a negative number or anything else that would turn a total into NaN or nonsense, so a damaged
 * record stops the report where it is rather than skewing it.
 */
export function checkUsageFigures(event: { readonly usage?: unknown; readonly cost?: unknown }, location: string, line: number): void {
  const bad = (reason: string): LedgerCorruptError => new LedgerCorruptError(location, line, reason);
  const usage = event.usage as Record<string, unknown> | null | undefined;
  if (typeof usage !== 'object' || usage === null || Array.isArray(usage)) throw bad('"usage" is not an object');
  if (!isAmount(usage.requests)) throw bad(`usage.requests is ${JSON.stringify(usage.requests)}, expected a number, 0 or more`);
  for (const key of [...QUANTITIES, ...JSON_ONLY_QUANTITIES]) {
    const quantity = usage[key] as { value?: unknown; provenance?: unknown } | null | undefined;
    if (quantity === undefined) continue;
    if (typeof quantity !== 'object' || quantity === null || !PROVENANCES.has(quantity.provenance as string)) {
      throw bad(`usage.${key} is ${JSON.stringify(quantity)}, expected { value, provenance }`);
    }
    const ok = quantity.provenance === 'missing' ? quantity.value === null || quantity.value === undefined : isAmount(quantity.value);
    if (!ok) throw bad(`usage.${key}.value is ${JSON.stringify(quantity.value)}, expected a number, 0 or more (null when missing)`);
  }
  checkModalities(usage.modalities, bad);
  const cost = event.cost as { usd?: unknown; markupUsd?: unknown } | null | undefined;
  if (cost === undefined) return;
  if (typeof cost !== 'object' || cost === null || Array.isArray(cost)) throw bad(`"cost" is ${JSON.stringify(cost)}, expected an object`);
  if (cost.usd !== undefined && !isAmount(cost.usd)) throw bad(`cost.usd is ${JSON.stringify(cost.usd)}, expected dollars, 0 or more (absent when unknown)`);
  if (cost.markupUsd !== undefined && !isAmount(cost.markupUsd)) {
    throw bad(`cost.markupUsd is ${JSON.stringify(cost.markupUsd)}, expected dollars, 0 or more`);
  }
}

/** `usage.modalities`, when present: splits of token counts, each a number 0 or more. */
function checkModalities(modalities: unknown, bad: (reason: string) => LedgerCorruptError): void {
  if (modalities === undefined) return;
  if (typeof modalities !== 'object' || modalities === null || Array.isArray(modalities)) throw bad(`usage.modalities is ${JSON.stringify(modalities)}, expected an object`);
  for (const [split, counts] of Object.entries(modalities as Record<string, unknown>)) {
    if (typeof counts !== 'object' || counts === null || Array.isArray(counts)) throw bad(`usage.modalities.${split} is ${JSON.stringify(counts)}, expected an object`);
    for (const [modality, count] of Object.entries(counts as Record<string, unknown>)) {
      if (!isAmount(count)) throw bad(`usage.modalities.${split}.${modality} is ${JSON.stringify(count)}, expected a number, 0 or more`);
    }
  }
}
