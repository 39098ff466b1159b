import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProviderError } from '../../../src/errors/provider-error.js';
import { mapGenaiError } from '../../../src/providers/gemini/map-genai-error.js';
import { fakeKey } from '../../support/providers/gemini.js';

/** An error shaped as `@google/genai`'s ApiError (name, status, message), without loading the SDK. */
function apiError(status: number, message: string): Error {
  return Object.assign(new Error(message), { name: 'ApiError', status });
}

describe('mapGenaiError: the successor SDK\'s errors', () => {
  it('an HTTP error: the JSON body in the message, classified as the seed SDK\'s are', () => {
    const body = {
      error: {
        code: 429,
        message: 'You exceeded your current quota.',
        status: 'RESOURCE_EXHAUSTED',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier' }] },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '13s' },
        ],
      },
    };
    const error = mapGenaiError(apiError(429, JSON.stringify(body)), undefined);
    assert.ok(ProviderError.isInstance(error));
    assert.deepEqual([error.kind, error.status, error.quota, error.retryAfterMs, error.providerCode], ['quota_exhausted', 429, 'per_day', 13_000, 'RESOURCE_EXHAUSTED']);
    assert.equal(error.message, 'Gemini API 429 RESOURCE_EXHAUSTED: You exceeded your current quota.');
  });

  it('an error event inside a stream: "got status: …" and the event\'s JSON', () => {
    const event = { error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } };
    const error = mapGenaiError(apiError(503, `got status: UNAVAILABLE. ${JSON.stringify(event)}`), undefined);
    assert.deepEqual([error.kind, error.status, error.providerCode, error.message], ['server', 503, 'UNAVAILABLE', 'Gemini API 503 UNAVAILABLE in stream: The model is overloaded.']);
  });

  it('a body that is not JSON keeps the status; an HTTP status text is not taken for a canonical status', () => {
    const body = { error: { message: '<html>Bad Gateway</html>', code: 502, status: 'Bad Gateway' } };
    const error = mapGenaiError(apiError(502, JSON.stringify(body)), undefined);
    assert.deepEqual([error.kind, error.status], ['server', 502]);
    assert.notEqual(error.providerCode, 'Bad Gateway');
    assert.equal(error.message, 'Gemini API 502: <html>Bad Gateway</html>');
    const bare = mapGenaiError(apiError(400, 'no JSON at all'), undefined);
    assert.deepEqual([bare.kind, bare.status], ['invalid_request', 400]);
  });

  it('a bad key: 400 API_KEY_INVALID → auth, the key masked everywhere and the SDK error not kept as cause', () => {
    const key = fakeKey();
    const body = { error: { code: 400, message: `API key not valid: ${key}`, status: 'INVALID_ARGUMENT', details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }] } };
    const error = mapGenaiError(apiError(400, JSON.stringify(body)), key);
    assert.deepEqual([error.kind, error.providerCode], ['auth', 'API_KEY_INVALID']);
    assert.equal(JSON.stringify({ message: error.message, stack: error.stack }).includes(key), false);
    assert.equal(error.cause, undefined);
  });

  it('a failed fetch or a cut stream → network; a chunk that does not parse → server', () => {
    assert.equal(mapGenaiError(new TypeError('fetch failed'), undefined).kind, 'network');
    assert.equal(mapGenaiError(new TypeError('terminated'), undefined).kind, 'network');
    assert.equal(mapGenaiError(new Error('exception parsing stream chunk {"candi. SyntaxError'), undefined).kind, 'server');
    assert.equal(mapGenaiError(new Error('Incomplete JSON segment at the end'), undefined).kind, 'server');
  });
});
