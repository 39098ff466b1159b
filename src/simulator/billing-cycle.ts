function anchorInstant(year: number, monthIndex: number, anchorDay: number): number {
  const daysInMonth = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
  return Date.UTC(year, monthIndex, Math.min(anchorDay, daysInMonth));
}

/**
 * The monthly billing cycle containing `epochMs`: it starts at 00:00 UTC on `anchorDay` (clamped to the last day
 * of shorter months).
 */
export function billingCycle(epochMs: number, anchorDay: number): { start: number; end: number } {
  const now = new Date(epochMs);
  let year = now.getUTCFullYear();
  let month = now.getUTCMonth();
  if (anchorInstant(year, month, anchorDay) > epochMs) {
    month -= 1;
    if (month < 0) [year, month] = [year - 1, 11];
  }
  return { start: anchorInstant(year, month, anchorDay), end: anchorInstant(year, month + 1, anchorDay) };
}
