import type { UsageEvent } from '../usage-event.js';

/** Usage events the meter built; a WeakSet, so an event a listener keeps is not kept alive by this. */
const metered = new WeakSet<object>();

/**
 * The fields of a metered usage event that the meter made from no input: random ids, its clock, the key's
 * fingerprint. The client's scrubber skips them (`Scrubber.scrubPlain`'s `generated`): inspecting a freshly
 * built string costs more than the rest of the event.
 */
export const GENERATED_EVENT_FIELDS: ReadonlySet<string> = new Set(['id', 'callId', 'time', 'keyFingerprint']);

/** Records that the meter built `event` itself, so its generated fields hold no input. */
export function markMetered(event: UsageEvent): void {
  metered.add(event);
}

/** Whether the meter built `event` (anything else a middleware emits as `usage` is inspected whole). */
export function isMetered(event: unknown): boolean {
  return typeof event === 'object' && event !== null && metered.has(event);
}
