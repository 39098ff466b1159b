import { Ledger, MinuteWindow } from '../quotas.js';
import type { OpenAIQuotas } from '../types.js';
import { goDuration, type RateLimitViolation } from './errors.js';

interface Windows {
  readonly requests: MinuteWindow;
  readonly tokens: MinuteWindow;
}

/**
 * OpenAI's per-key rate limits: requests and tokens per rolling minute, across all models and endpoints. A
 * request is admitted only if both fit; a refused one is not counted. Token need is the request's prompt plus
 * completion tokens (the simulator knows its own answer in advance); audio endpoints count requests only.
 */
export class OpenAIRateLimits {
  private readonly windows = new Ledger<Windows>(() => ({ requests: new MinuteWindow(), tokens: new MinuteWindow() }));

  constructor(private readonly quotas: OpenAIQuotas | undefined) {}

  /** Whether the key's account has no credit left. */
  noCredit(key: string): boolean {
    return this.quotas?.insufficientQuotaKeys?.includes(key) ?? false;
  }

  /** Counts one request of `tokens` tokens, or returns the limit it would break (requests first). */
  admit(keyId: string, model: string, tokens: number, now: number): RateLimitViolation | undefined {
    const { requests, tokens: spent } = this.windows.get(keyId);
    const rpm = this.quotas?.rpm;
    const tpm = this.quotas?.tpm;
    if (rpm !== undefined && requests.used(now) + 1 > rpm) {
      return { unit: 'requests', model, limit: rpm, used: requests.used(now), requested: 1, retryInMs: requests.waitMs(now, rpm, 1) };
    }
    if (tpm !== undefined && tokens > 0) {
      const used = spent.used(now);
      if (tokens > tpm) return { unit: 'tokens', model, limit: tpm, used, requested: tokens, retryInMs: undefined };
      if (used + tokens > tpm) return { unit: 'tokens', model, limit: tpm, used, requested: tokens, retryInMs: spent.waitMs(now, tpm, tokens) };
    }
    requests.spend(now, 1);
    if (tokens > 0) spent.spend(now, tokens);
    return undefined;
  }

  /**
   * `x-ratelimit-*` headers for the key, for each configured limit only (with no limit configured there is
   * nothing true to say, and the real API omits them at times too). Resets are Go-style durations.
   */
  headers(keyId: string, now: number): Record<string, string> {
    const headers: Record<string, string> = {};
    const { requests, tokens } = this.windows.get(keyId);
    const put = (unit: string, limit: number | undefined, window: MinuteWindow): void => {
      if (limit === undefined) return;
      headers[`x-ratelimit-limit-${unit}`] = String(limit);
      headers[`x-ratelimit-remaining-${unit}`] = String(Math.max(0, limit - window.used(now)));
      headers[`x-ratelimit-reset-${unit}`] = goDuration(window.fullResetMs(now));
    };
    put('requests', this.quotas?.rpm, requests);
    put('tokens', this.quotas?.tpm, tokens);
    return headers;
  }

  reset(): void {
    this.windows.clear();
  }
}
