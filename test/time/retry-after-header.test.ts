// The standard Retry-After header (RFC 9110): delay-seconds or an HTTP date, as the billing sinks and the providers' reader read it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retryAfterHeaderMs } from '../../src/time/retry-after-header.js';

describe('retryAfterHeaderMs', () => {
  it('reads delay-seconds and HTTP dates', () => {
    const now = Date.UTC(2026, 11, 5, 12);
    assert.equal(retryAfterHeaderMs('2', now), 2_000);
    assert.equal(retryAfterHeaderMs(new Date(now + 30_000).toUTCString(), now), 30_000);
    assert.equal(retryAfterHeaderMs(new Date(now - 30_000).toUTCString(), now), 0);
    assert.equal(retryAfterHeaderMs('soon', now), undefined);
    assert.equal(retryAfterHeaderMs(null, now), undefined);
  });
});
