import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BillingExportError } from '../../../src/errors/billing-export-error.js';
import { billingSettings } from '../../../src/sinks/billing/billing-sink-options.js';
import { retryWaitMs, sendWithRetries } from '../../../src/sinks/billing/send-with-retries.js';
import { recordingClock } from '../../support/billing/billing-fixtures.js';

const settings = (o: Record<string, unknown> = {}) => billingSettings({ deadLetterPath: 'd.jsonl', clock: recordingClock(), ...o }, 'lago', []);
const busy = (retryAfterMs?: number) => new BillingExportError('lago', 'HTTP 429', { status: 429, retryable: true, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });

describe('retryWaitMs', () => {
  it('doubles the backoff up to its cap, with up to 25 % jitter', () => {
    const s = settings({ minRetryDelayMs: 100, maxRetryDelayMs: 350 });
    assert.deepEqual([1, 2, 3, 4].map((n) => retryWaitMs(s, n, undefined, 0)), [100, 200, 350, 350]);
    assert.equal(retryWaitMs(s, 1, undefined, 1), 125);
  });

  it('waits the Retry-After when longer than the backoff, capped by maxRetryAfterMs', () => {
    const s = settings({ minRetryDelayMs: 100, maxRetryAfterMs: 5_000 });
    assert.equal(retryWaitMs(s, 1, 2_000, 0), 2_000);
    assert.equal(retryWaitMs(s, 1, 50, 0), 100);
    assert.equal(retryWaitMs(s, 1, 90_000, 0), 5_000);
  });
});

describe('sendWithRetries', () => {
  it('retries retryable failures on the clock, then resolves', async () => {
    const s = settings({ minRetryDelayMs: 10 });
    const failures = [busy(1_500), busy()];
    let tries = 0;
    const result = await sendWithRetries(() => {
      tries++;
      const next = failures.shift();
      return next ? Promise.reject(next) : Promise.resolve('sent');
    }, s);
    assert.equal(result, 'sent');
    assert.equal(tries, 3);
    assert.equal((s.clock as ReturnType<typeof recordingClock>).waits[0], 1_500);
  });

  it('gives up after `retries` further tries, and at once on anything not retryable', async () => {
    let tries = 0;
    await assert.rejects(sendWithRetries(() => (tries++, Promise.reject(busy())), settings({ retries: 2, minRetryDelayMs: 1 })), (e: unknown) => BillingExportError.isInstance(e) && e.status === 429);
    assert.equal(tries, 3);
    tries = 0;
    await assert.rejects(sendWithRetries(() => (tries++, Promise.reject(new TypeError('bug'))), settings()), TypeError);
    assert.equal(tries, 1);
  });
});
