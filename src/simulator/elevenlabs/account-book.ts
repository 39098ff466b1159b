import { Ledger } from '../quotas.js';
import type { ElevenLabsQuotas } from '../types.js';
import { billingCycle } from './billing-cycle.js';

const DEFAULT_CHARACTER_LIMIT = 10_000_000;

interface Account {
  cycleStart: number;
  used: number;
  inFlight: number;
}

/** An account's standing in the current billing cycle. */
export interface CycleStanding {
  readonly used: number;
  readonly limit: number;
  /** Start and end (the next reset) of the cycle, epoch ms. */
  readonly cycle: { readonly start: number; readonly end: number };
}

/**
 * ElevenLabs accounts, one per key: credits used in the monthly cycle that starts on the anchor day (reset to 0
 * when a new cycle starts) and text-to-speech requests in flight. Credits are billed when a request is
 * admitted, whether or not the client reads the audio to the end.
 */
export class ElevenLabsAccountBook {
  private readonly accounts = new Ledger<Account>(() => ({ cycleStart: Number.NaN, used: 0, inFlight: 0 }));
  readonly limit: number;
  readonly anchorDay: number;
  readonly concurrency: number | undefined;
  readonly tier: string;

  constructor(quotas: ElevenLabsQuotas | undefined) {
    this.limit = quotas?.characterLimit ?? DEFAULT_CHARACTER_LIMIT;
    this.anchorDay = quotas?.anchorDay ?? 1;
    if (!Number.isInteger(this.anchorDay) || this.anchorDay < 1 || this.anchorDay > 31) {
      throw new RangeError(`quotas.elevenlabs.anchorDay must be a day of the month (1-31), got ${this.anchorDay}`);
    }
    this.concurrency = quotas?.concurrency;
    this.tier = quotas?.tier ?? 'creator';
  }

  /** Credits used and the cycle, as `/v1/user/subscription` reports them. */
  standing(keyId: string, now: number): CycleStanding {
    const account = this.current(keyId, now);
    return { used: account.used, limit: this.limit, cycle: billingCycle(now, this.anchorDay) };
  }

  /** Bills `credits`, or returns the credits left when they do not cover it (nothing is billed then). */
  charge(keyId: string, credits: number, now: number): { refused: false } | { refused: true; remaining: number } {
    const account = this.current(keyId, now);
    const remaining = Math.max(0, this.limit - account.used);
    if (credits > remaining) return { refused: true, remaining };
    account.used += credits;
    return { refused: false };
  }

  /** Takes a concurrency slot; false when the key already has its maximum in flight. */
  enter(keyId: string): boolean {
    const account = this.accounts.get(keyId);
    if (this.concurrency !== undefined && account.inFlight >= this.concurrency) return false;
    account.inFlight += 1;
    return true;
  }

  /** Requests of the key in flight. */
  inFlight(keyId: string): number {
    return this.accounts.get(keyId).inFlight;
  }

  leave(keyId: string): void {
    const account = this.accounts.get(keyId);
    account.inFlight = Math.max(0, account.inFlight - 1);
  }

  reset(): void {
    this.accounts.clear();
  }

  private current(keyId: string, now: number): Account {
    const account = this.accounts.get(keyId);
    const { start } = billingCycle(now, this.anchorDay);
    if (account.cycleStart !== start) [account.cycleStart, account.used] = [start, 0];
    return account;
  }
}
