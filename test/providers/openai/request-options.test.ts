import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { replyMeta, requestOptions, withReply } from '../../../src/providers/openai/request-options.js';

const reply = (headers: Record<string, string>, status = 200): Response => new Response('{}', { status, headers });

describe('openai request options and reply meta', () => {
  it('passes the signal only when there is one (retries and timeout are client settings)', () => {
    const signal = new AbortController().signal;
    assert.equal(requestOptions(undefined), undefined);
    assert.deepEqual(requestOptions(signal), { signal });
  });

  it('keeps the headers consumers read (announced limits, retry hints, request id, processing time) and drops the rest', () => {
    const meta = replyMeta(
      reply({
        'content-type': 'application/json',
        'set-cookie': '__cf_bm=abc',
        'x-ratelimit-limit-requests': '500',
        'x-ratelimit-remaining-tokens': '199000',
        'x-ratelimit-reset-requests': '120ms',
        'retry-after': '1',
        'retry-after-ms': '250',
        'x-request-id': 'req_42',
        'openai-processing-ms': '321',
        'cf-ray': '8f00-LHR',
      }),
      undefined,
    );
    assert.equal(meta.status, 200);
    assert.equal(meta.requestId, 'req_42');
    assert.deepEqual(meta.headers, {
      'x-ratelimit-limit-requests': '500',
      'x-ratelimit-remaining-tokens': '199000',
      'x-ratelimit-reset-requests': '120ms',
      'retry-after': '1',
      'retry-after-ms': '250',
      'x-request-id': 'req_42',
      'openai-processing-ms': '321',
    });
  });

  it("prefers the SDK's request id, and leaves requestId out when there is none", () => {
    assert.equal(replyMeta(reply({ 'x-request-id': 'req_header' }), 'req_sdk').requestId, 'req_sdk');
    assert.equal('requestId' in replyMeta(reply({}, 201), null), false);
  });

  it('adds the meta to a result in place, after its own fields', () => {
    const result = { output: 'x', usage: { requests: 1 } };
    const done = withReply(result, reply({ 'x-request-id': 'r1' }), undefined);
    assert.equal(done, result);
    assert.deepEqual(Object.keys(done), ['output', 'usage', 'status', 'requestId', 'headers']);
  });
});
