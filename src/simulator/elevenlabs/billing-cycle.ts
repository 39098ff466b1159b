/**
 * The simulated ElevenLabs billing cycle: a month that starts at 00:00 UTC on the account's anchor day, or on
 * the last day of a month too short to have it (anchor 31 → 30 April, 28 or 29 February). Credits used reset
 * to 0 when the next cycle starts. The simulator's own statement; test/simulator/facts-agree.test.ts compares
 * it with the library's `time/billing-cycle.ts`.
 */
export interface BillingCycle {
  /** Epoch ms of the cycle's first instant. */
  readonly start: number;
  /** Epoch ms of the next cycle's first instant (the reset). */
  readonly end: number;
}

/** 00:00 UTC of the anchor day in the month `monthIndex` (0-based; -1 and 12 roll into the next year). */
function anchorInstant(year: number, monthIndex: number, anchorDay: number): number {
  const daysInMonth = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
  return Date.UTC(year, monthIndex, Math.min(anchorDay, daysInMonth));
}

/** The cycle containing `now` for an account whose cycle starts on `anchorDay` (1-31). */
export function billingCycle(now: number, anchorDay: number): BillingCycle {
  const date = new Date(now);
  const year = date.getUTCFullYear();
  let month = date.getUTCMonth();
  if (anchorInstant(year, month, anchorDay) > now) month -= 1;
  return { start: anchorInstant(year, month, anchorDay), end: anchorInstant(year, month + 1, anchorDay) };
}
