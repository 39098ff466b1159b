import type { Period } from '../../time/calendar-period.js';
import type { LimitWindow } from './limit-window.js';

const last = new WeakMap<LimitWindow, Period>();

/**
 * The period of a fixed window containing `now`, remembering the last one per window: calendar periods go
 * through `Intl`, which would otherwise run on every decision.
 *
 * @example
 * ```ts
 * const { start, end } = periodAt(window, Date.now()); // window: a fixed LimitWindow
 * ```
 */
export function periodAt(window: Extract<LimitWindow, { type: 'fixed' }>, now: number): Period {
  const known = last.get(window);
  if (known && known.start <= now && now < known.end) return known;
  const period = window.period(now);
  last.set(window, period);
  return period;
}
