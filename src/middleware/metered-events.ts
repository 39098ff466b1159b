import type { CallContext } from '../context.js';
import type { UsageEvent } from '../usage-event.js';

/**
 * The fields of a metered usage event that the meter made from no input: random ids, its clock, the key's
 * fingerprint, the operation and status (constants of this code). The client's scrubber skips them, and the
 * event's field names, which are all the meter's (`Scrubber.scrubPlain`'s `generated`): each string looked at
 * costs a hash, and a freshly built one is hashed anew.
 */
export const GENERATED_EVENT_FIELDS: ReadonlySet<string> = new Set(['id', 'callId', 'time', 'keyFingerprint', 'operation', 'status']);

/**
 * Passed by the meter as a third argument of `ctx.emit`, which only the client's own emit reads. Not exported
 * from the package, so nothing else can pass it; a middleware that wraps `ctx.emit` drops it, and the event is
 * then inspected whole, as is every event a middleware emits itself.
 */
export const METERED: unique symbol = Symbol('aimeter.metered');

type MeteredEmit = (event: 'usage', payload: UsageEvent, mark: typeof METERED) => void;

/** Emits a usage event the meter built, marked as such. */
export function emitMetered(ctx: CallContext, event: UsageEvent): void {
  (ctx.emit as unknown as MeteredEmit)('usage', event, METERED);
}
