import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { durationMs, headerValue, retryAfterMs } from '../../../src/providers/shared/retry-after.js';

describe('retryAfterMs', () => {
  const now = Date.parse('2026-11-23T10:00:00Z');
  it('prefers retry-after-ms, then seconds, then an HTTP date', () => {
    assert.equal(retryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now), 250);
    assert.equal(retryAfterMs(new Headers({ 'retry-after': '2' }), now), 2000);
    assert.equal(retryAfterMs(new Headers({ 'retry-after': '1.5' }), now), 1500);
    assert.equal(retryAfterMs({ 'Retry-After': 'Mon, 23 Nov 2026 10:00:03 GMT' }, now), 3000);
  });
  it('gives 0 for a past date and undefined when absent or unreadable', () => {
    assert.equal(retryAfterMs({ 'retry-after': 'Mon, 23 Nov 2026 09:00:00 GMT' }, now), 0);
    assert.equal(retryAfterMs({ 'retry-after': 'soon' }, now), undefined);
    assert.equal(retryAfterMs({ 'retry-after-ms': '-5' }, now), undefined);
    assert.equal(retryAfterMs(undefined, now), undefined);
  });
});

describe('headerValue', () => {
  it('reads Headers and plain records case-insensitively, first of an array', () => {
    assert.equal(headerValue(new Headers({ 'X-Request-Id': 'req_1' }), 'x-request-id'), 'req_1');
    assert.equal(headerValue({ 'X-Request-Id': ['req_2', 'req_3'] }, 'x-request-id'), 'req_2');
    assert.equal(headerValue({}, 'x-request-id'), undefined);
  });
});

describe('durationMs', () => {
  it('reads protobuf JSON durations as Gemini RetryInfo sends them', () => {
    assert.equal(durationMs('3s'), 3000);
    assert.equal(durationMs('0.5s'), 500);
    assert.equal(durationMs('1.250s'), 1250);
    assert.equal(durationMs('3'), undefined);
    assert.equal(durationMs(3), undefined);
  });
});
