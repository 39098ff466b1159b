import { nextPacificDayStart, pacificDayStart } from './pacific-day.js';

const MINUTE_MS = 60_000;

/** Amounts spent in the last rolling minute: one entry per request, so both requests and tokens fit. */
export class MinuteWindow {
  private entries: { at: number; amount: number }[] = [];

  /** Total spent in the minute ending at `now`. */
  used(now: number): number {
    this.entries = this.entries.filter((e) => e.at > now - MINUTE_MS);
    return this.entries.reduce((sum, e) => sum + e.amount, 0);
  }

  /** Ms until `needed` more fits under `limit` (0 if it already does). */
  waitMs(now: number, limit: number, needed: number): number {
    let used = this.used(now);
    for (const e of this.entries) {
      if (used + needed <= limit) break;
      used -= e.amount;
      if (used + needed <= limit) return e.at + MINUTE_MS - now;
    }
    return used + needed <= limit ? 0 : MINUTE_MS;
  }

  /** Ms until everything spent so far has rolled out of the window. */
  fullResetMs(now: number): number {
    const last = this.entries.at(-1);
    return this.used(now) > 0 && last ? last.at + MINUTE_MS - now : 0;
  }

  spend(now: number, amount: number): void {
    this.entries.push({ at: now, amount });
  }
}

/** A request counter that resets at midnight America/Los_Angeles. */
export class PacificDayCounter {
  private day = Number.NaN;
  private count = 0;

  used(now: number): number {
    const day = pacificDayStart(now);
    if (day !== this.day) [this.day, this.count] = [day, 0];
    return this.count;
  }

  /** Ms until the next Pacific midnight. */
  resetInMs(now: number): number {
    return nextPacificDayStart(now) - now;
  }

  spend(now: number): void {
    this.used(now);
    this.count += 1;
  }
}

/** Lazily created per-key (or per key and model) state, cleared by `reset()`. */
export class Ledger<T> {
  private readonly map = new Map<string, T>();
  constructor(private readonly create: () => T) {}

  get(id: string): T {
    let value = this.map.get(id);
    if (value === undefined) this.map.set(id, (value = this.create()));
    return value;
  }

  clear(): void {
    this.map.clear();
  }
}
