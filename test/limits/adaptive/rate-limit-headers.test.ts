import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goDurationMs, readRateLimitHeaders } from '../../../src/limits/adaptive/rate-limit-headers.js';

describe('goDurationMs', () => {
  it('reads the Go durations OpenAI sends', () => {
    assert.equal(goDurationMs('1s'), 1000);
    assert.equal(goDurationMs('6m0s'), 360_000);
    assert.equal(goDurationMs('12ms'), 12);
    assert.equal(goDurationMs('1h2m3.5s'), 3_723_500);
    assert.equal(goDurationMs('0.5s'), 500);
    assert.equal(goDurationMs('1m30.25s'), 90_250);
  });

  it('refuses anything else rather than guessing', () => {
    for (const bad of [undefined, '', '5', 's', '1x', '-1s', '1s junk', 'NaNs']) assert.equal(goDurationMs(bad), undefined, String(bad));
  });
});

describe('readRateLimitHeaders', () => {
  const full = {
    'x-ratelimit-limit-requests': '60',
    'x-ratelimit-remaining-requests': '59',
    'x-ratelimit-reset-requests': '1s',
    'x-ratelimit-limit-tokens': '150000',
    'x-ratelimit-remaining-tokens': '149984',
    'x-ratelimit-reset-tokens': '6m0s',
  };

  it('reads both units', () => {
    assert.deepEqual(readRateLimitHeaders(full), {
      requests: { limit: 60, remaining: 59, resetMs: 1000 },
      tokens: { limit: 150_000, remaining: 149_984, resetMs: 360_000 },
    });
  });

  it('drops a unit whose headers are incomplete or malformed', () => {
    assert.deepEqual(readRateLimitHeaders({ ...full, 'x-ratelimit-reset-tokens': 'soon' }), { requests: { limit: 60, remaining: 59, resetMs: 1000 } });
    const { 'x-ratelimit-remaining-requests': _dropped, ...noRemaining } = full;
    assert.deepEqual(Object.keys(readRateLimitHeaders(noRemaining) ?? {}), ['tokens']);
    assert.equal(readRateLimitHeaders({ 'x-ratelimit-limit-requests': '0', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '1s' }), undefined);
  });

  it('gives undefined without headers', () => {
    assert.equal(readRateLimitHeaders(undefined), undefined);
    assert.equal(readRateLimitHeaders({ 'content-type': 'application/json' }), undefined);
  });

  it('caps remaining at the limit', () => {
    const read = readRateLimitHeaders({ 'x-ratelimit-limit-requests': '5', 'x-ratelimit-remaining-requests': '9', 'x-ratelimit-reset-requests': '1s' });
    assert.equal(read?.requests?.remaining, 5);
  });
});
