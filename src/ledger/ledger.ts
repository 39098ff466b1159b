import type { Sink } from '../sinks/sink.js';
import type { Operation } from '../operations/operation.js';
import type { UsageEvent, UsageStatus } from '../usage-event.js';

/**
 * One value to match, or any of several (`['openai', 'gemini']`). An empty list is rejected rather than
 * matching nothing, so a bug never reports zeros.
 *
 * @example
 * ```ts
 * const providers: OneOrMore<string> = ['openai', 'gemini'];
 * ```
 */
export type OneOrMore<T extends string> = T | readonly T[];

/**
 * Which events to read back from a ledger. Every field narrows the selection (a list matches any of its
 * values); none means every event.
 *
 * @example
 * ```ts
 * const query: LedgerQuery = { since: '2026-11-01', until: '2026-12-01', provider: ['openai', 'gemini'], tags: { customer: 'acme' } };
 * ```
 */
export interface LedgerQuery {
  /** Events whose `time` is at or after this instant (a `Date` or anything `Date.parse` reads). */
  readonly since?: Date | string;
  /** Events whose `time` is before this instant (exclusive). */
  readonly until?: Date | string;
  /** Only this provider (or these). */
  readonly provider?: OneOrMore<string>;
  /** Only this model id (or these). */
  readonly model?: OneOrMore<string>;
  /** Only this operation (or these). */
  readonly operation?: OneOrMore<Operation>;
  /** Only this deployment environment (or these). */
  readonly environment?: OneOrMore<string>;
  /** Only events that ended this way (or these ways). */
  readonly status?: OneOrMore<UsageStatus>;
  /** Only this call (all its attempts), or these calls. */
  readonly callId?: OneOrMore<string>;
  /** Only events carrying every one of these tags, each with the value (or one of the values) given, e.g. `{ customer: 'acme' }`. */
  readonly tags?: Readonly<Record<string, OneOrMore<string>>>;
}

/**
 * A sink that stores usage events durably and idempotently by `id`, and reads them back for reports. Created by
 * {@link sqliteLedger} or {@link postgresLedger}.
 *
 * @example
 * ```ts
 * const ledger: Ledger = sqliteLedger('usage.db');
 * await ledger.open(); // optional: surfaces a missing driver or a too-new ledger at startup
 * const ai = createAIClient({ providers, sinks: [ledger] });
 * for await (const event of ledger.readEvents({ tags: { customer: 'acme' } })) console.log(event.model);
 * ```
 */
export interface Ledger extends Sink {
  /** Name in `sink-error` events and stats. */
  readonly name: string;
  /**
   * Connects and brings the schema up to date. Writes and reads do it on first use; call it to fail early.
   * Rejects with {@link LedgerVersionError} when a newer aimeter wrote the ledger.
   */
  open(): Promise<void>;
  /** Stores one event, as a batch of one. */
  write(event: UsageEvent): Promise<void>;
  /** Stores events; an event whose `id` is already stored is skipped. All or none of a batch is stored. */
  writeBatch(events: readonly UsageEvent[]): Promise<void>;
  /** Waits for writes in progress; every resolved write is already committed. */
  flush(): Promise<void>;
  /** Waits for writes in progress and disconnects; nothing is written after it. */
  close(): Promise<void>;
  /** Streams the stored events matching `query`, oldest write first, each exactly as it was written. */
  readEvents(query?: LedgerQuery): AsyncGenerator<UsageEvent>;
}
