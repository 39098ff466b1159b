import { calendarPeriod, type Period } from './calendar-period.js';

/**
 * The monthly billing cycle containing `epochMs`, as ElevenLabs counts it: it starts at 00:00 UTC on
 * `anchorDay` (clamped to the last day of shorter months).
 *
 * @example
 * ```ts
 * billingCycle(Date.UTC(2025, 2, 10), 15); // 2025-02-15 → 2025-03-15
 * ```
 */
export function billingCycle(epochMs: number, anchorDay: number): Period {
  return calendarPeriod(epochMs, 'month', { timeZone: 'UTC', anchorDay });
}
