import type { Tags } from '../tags.js';
import type { UsageEvent } from '../usage-event.js';
import type { ReportRow } from './report-row.js';
import { usageTally, type UsageTally } from './usage-tally.js';

/**
 * The totals of one turn of a session.
 *
 * @example
 * ```ts
 * for (const { turn, totals } of session.totals().turns) console.log(turn, totals.costUsd?.value ?? '-');
 * ```
 */
export interface SessionTurnTotals {
  /** The turn number, from 1. */
  readonly turn: number;
  /** The turn's usage and cost, added up as a report row: estimated and missing figures counted apart. */
  readonly totals: ReportRow;
}

/**
 * The running totals of a session: usage and cost per turn and for the whole session. Each figure is a
 * {@link ReportTotal}: `value` adds the known values, `estimated` counts the events whose value aimeter
 * estimated (a total holding one is itself an estimate), `missing` the events whose value is unknown (never
 * added as 0). The cost is `costUsd` in the same shape.
 *
 * @example
 * ```ts
 * const { total, turns } = session.totals();
 * const cost = total.costUsd;
 * console.log(`${turns.length} turns, $${cost?.value ?? 0}${cost?.estimated ? ' (estimated)' : ''}`);
 * ```
 */
export interface SessionTotals {
  /** The session id (its `session` tag). */
  readonly session: string;
  /** The tags the session presets on its calls (without `turn`). */
  readonly tags: Readonly<Tags>;
  /** The current turn (the last one once the session ended). */
  readonly turn: number;
  /** The whole session. */
  readonly total: ReportRow;
  /** Each turn from 1 to `turn`, in order; a turn without calls has a row of zeros. */
  readonly turns: readonly SessionTurnTotals[];
  /** The session's calls still in flight (a stream not yet settled, a count still owed). */
  readonly pending: number;
  /** Whether `end()` was called. */
  readonly ended: boolean;
  /** Usage events folded in after `end()` was called and its totals were taken (late counts). */
  readonly late: number;
}

/**
 * Adds a session's usage events up, per turn and overall, with the report's arithmetic ({@link usageTally}).
 *
 * @example
 * ```ts
 * const tally = sessionTally();
 * tally.add(event, 1);
 * const { total, turns } = tally.read(2); // turns 1 and 2
 * ```
 */
export interface SessionTally {
  /** Counts one usage event into `turn` and into the session's total. */
  add(event: UsageEvent, turn: number): void;
  /** The total and one row per turn from 1 to `turns`. */
  read(turns: number): { total: ReportRow; turns: SessionTurnTotals[] };
}

/**
 * A new, empty {@link SessionTally}.
 *
 * @example
 * ```ts
 * const tally = sessionTally();
 * for (const event of sink.events) tally.add(event, Number(event.tags.turn ?? 1));
 * console.log(tally.read(3).total.costUsd);
 * ```
 */
export function sessionTally(): SessionTally {
  const total = usageTally([]);
  const byTurn = new Map<number, UsageTally>();
  return {
    add(event, turn) {
      total.add(event);
      let tally = byTurn.get(turn);
      if (!tally) byTurn.set(turn, (tally = usageTally([])));
      tally.add(event);
    },
    read(turns) {
      const last = Math.max(turns, ...byTurn.keys());
      const rows: SessionTurnTotals[] = [];
      for (let turn = 1; turn <= last; turn += 1) rows.push({ turn, totals: (byTurn.get(turn) ?? usageTally([])).total() });
      return { total: total.total(), turns: rows };
    },
  };
}
