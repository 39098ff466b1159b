import { Ledger, MinuteWindow, PacificDayCounter } from '../quotas.js';
import type { GeminiQuotas } from '../types.js';
import type { QuotaViolation } from './errors.js';

interface Counters {
  readonly minute: MinuteWindow;
  readonly day: PacificDayCounter;
}

/**
 * Gemini's free-tier request quotas, counted per key and per model like the real API: requests per rolling
 * minute and requests per Pacific day (reset at midnight America/Los_Angeles). Only generate requests count;
 * a refused request is not counted.
 */
export class GeminiQuotaBook {
  private readonly counters = new Ledger<Counters>(() => ({ minute: new MinuteWindow(), day: new PacificDayCounter() }));

  constructor(private readonly quotas: GeminiQuotas | undefined) {}

  /** Counts one request, or returns the quota it would break (the daily one first: waiting a minute won't help). */
  admit(keyId: string, model: string, now: number): QuotaViolation | undefined {
    const rpm = this.quotas?.models?.[model]?.rpm ?? this.quotas?.rpm;
    const rpd = this.quotas?.models?.[model]?.rpd ?? this.quotas?.rpd;
    const { minute, day } = this.counters.get(`${keyId}\u0000${model}`);
    if (rpd !== undefined && day.used(now) + 1 > rpd) {
      return { window: 'day', model, limit: rpd, retryInMs: day.resetInMs(now) };
    }
    if (rpm !== undefined && minute.used(now) + 1 > rpm) {
      return { window: 'minute', model, limit: rpm, retryInMs: minute.waitMs(now, rpm, 1) };
    }
    minute.spend(now, 1);
    day.spend(now);
    return undefined;
  }

  reset(): void {
    this.counters.clear();
  }
}
