import type { Scrubber } from './scrubber.js';

/**
 * {@link Scrubber.scrubPlain} for a record this code built, with its own field names (never keys taken from
 * input): its field names are not looked at, nor the primitive values of the fields `generated` names, which
 * hold only what the code made from no input (random ids, its clock, a key's fingerprint, its own constants).
 * Every other field is inspected as `scrubPlain` does; when one is not clean, the whole record is scrubbed.
 * Kept out of the public `Scrubber`: only the client's event bus and the logging middleware know which of
 * their fields they generated.
 *
 * @example
 * ```ts
 * const RECORD_IDS: ReadonlySet<string> = new Set(['turnId']);
 * logger.info(scrubBuiltRecord(scrubber, { turnId: randomUUID(), customer: 'acme', note: text }, RECORD_IDS));
 * ```
 */
export function scrubBuiltRecord<T extends object>(scrubber: Scrubber, record: T, generated: ReadonlySet<string>): T {
  for (const key in record) {
    const field: unknown = record[key];
    if (typeof field === 'number' || typeof field === 'boolean' || field === undefined || field === null) continue;
    if (typeof field !== 'object' && generated.has(key)) continue;
    if (scrubber.scrubPlain(field) !== field) return scrubber.scrub(record);
  }
  return record;
}
