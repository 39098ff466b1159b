import type * as PRetry from 'p-retry';
import { BillingExportError } from '../../errors/billing-export-error.js';
import type { BillingSettings } from './billing-sink-options.js';

let loading: Promise<typeof PRetry> | undefined;
const loadPRetry = (): Promise<typeof PRetry> => (loading ??= import('p-retry'));

/**
 * The wait before retry `attempt` (1 for the first): the backoff, `minRetryDelayMs` doubling up to
 * `maxRetryDelayMs` with up to 25 % jitter (so many senders do not retry in step, as Stripe's rate-limit guide
 * asks: https://docs.stripe.com/rate-limits, read 2026-12-05), or the service's `Retry-After` when longer,
 * capped by `maxRetryAfterMs`.
 */
export function retryWaitMs(settings: BillingSettings, attempt: number, retryAfterMs: number | undefined, random: number = Math.random()): number {
  const base = Math.min(settings.minRetryDelayMs * 2 ** (attempt - 1), settings.maxRetryDelayMs);
  const backoff = Math.round(base * (1 + 0.25 * random));
  return retryAfterMs === undefined ? backoff : Math.max(backoff, Math.min(retryAfterMs, settings.maxRetryAfterMs));
}

/**
 * Runs `send` with p-retry: a retryable {@link BillingExportError} (429, 5xx, network, timeout) is tried again
 * after {@link retryWaitMs}, waited on the settings' clock (p-retry's own timer is set to 0); anything else
 * ends the tries at once. Rejects with the last error when the tries run out.
 */
export async function sendWithRetries<T>(send: () => Promise<T>, settings: BillingSettings): Promise<T> {
  const { default: pRetry, AbortError } = await loadPRetry();
  return pRetry(
    () =>
      send().catch((error: unknown) => {
        if (BillingExportError.isInstance(error) && error.retryable) throw error;
        throw new AbortError(error instanceof Error ? error : new Error(String(error)));
      }),
    {
      retries: settings.retries,
      minTimeout: 0,
      maxTimeout: 0,
      randomize: false,
      onFailedAttempt: async (failure) => {
        if (failure.retriesLeft === 0) return;
        const retryAfter = BillingExportError.isInstance(failure) ? failure.retryAfterMs : undefined;
        await settings.clock.sleep(retryWaitMs(settings, failure.attemptNumber, retryAfter));
      },
    },
  );
}
