import assert from 'node:assert/strict';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { describe, it } from 'node:test';
import OpenAI from 'openai';
import { warmOpenAIChat } from '../../../src/providers/openai/warm-openai.js';

const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

describe('warmOpenAIChat: a first chat completion’s code, run in-process', () => {
  it('on Node 24 and later warms nothing (no in-process fetch there) and reports 0', { skip: NODE_MAJOR < 24 ? 'Node 20 and 22: warmed' : false }, async () => {
    assert.equal(await warmOpenAIChat((fetch) => new OpenAI({ apiKey: 'placeholder', maxRetries: 0, fetch })), 0);
  });

  it('runs a chat completion and a streamed one to the end through the SDK and fetch, opening no socket', { skip: NODE_MAJOR >= 24 ? 'not warmed on Node 24' : false }, async () => {
    let sockets = 0;
    const onSocket = (): void => void (sockets += 1);
    const sent: Array<{ path: string; body: Record<string, unknown>; status: number; type: string | null }> = [];
    subscribe('net.client.socket', onSocket);
    try {
      const warmed = await warmOpenAIChat(
        (fetch) =>
          new OpenAI({
            apiKey: 'placeholder',
            maxRetries: 0,
            fetch: async (input, init) => {
              const response = await fetch(input, init);
              const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
              const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : {};
              sent.push({ path: new URL(url).pathname, body, status: response.status, type: response.headers.get('content-type') });
              return response;
            },
          }),
      );
      assert.equal(warmed, 2, 'both completions ran to the end');
      assert.deepEqual(
        sent.map(({ path, status, type }) => ({ path, status, type })),
        [
          { path: '/v1/chat/completions', status: 200, type: 'application/json' },
          { path: '/v1/chat/completions', status: 200, type: 'text/event-stream; charset=utf-8' },
        ],
      );
      assert.equal(sent[0]!.body.stream, false);
      assert.deepEqual([sent[1]!.body.stream, sent[1]!.body.stream_options], [true, { include_usage: true }]);
      assert.equal(sockets, 0);
    } finally {
      unsubscribe('net.client.socket', onSocket);
    }
  });

  it('never rejects: a client that cannot send leaves the code cold and reports 0', async () => {
    const warmed = await warmOpenAIChat((fetch) => new OpenAI({ apiKey: 'placeholder', maxRetries: 0, fetch: () => Promise.reject(new TypeError(`refused ${typeof fetch}`)) }));
    assert.equal(warmed, 0);
  });
});
