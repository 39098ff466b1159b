import assert from 'node:assert/strict';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { inProcessFetch } from '../../../src/providers/shared/in-process-fetch.js';

const REPLY = { status: 201, headers: { 'content-type': 'application/json', 'x-request-id': 'req_local' }, body: '{"answer":42,"text":"héllo"}' };

/** Runs `body` while counting the TCP client sockets Node opens (its `net.client.socket` channel). */
async function countingSockets(body: () => Promise<void>): Promise<number> {
  let sockets = 0;
  const onSocket = (): void => void (sockets += 1);
  subscribe('net.client.socket', onSocket);
  try {
    await body();
  } finally {
    unsubscribe('net.client.socket', onSocket);
  }
  return sockets;
}

const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

describe('inProcessFetch: Node’s fetch over an in-memory connection', () => {
  it('is not offered on Node 24 and later, where the in-memory exchange never completes', { skip: NODE_MAJOR < 24 ? 'Node 20 and 22: offered' : false }, () => {
    assert.equal(inProcessFetch(REPLY), undefined);
  });

  it('answers requests with a content-length body and with a streamed (chunked) body, with the canned reply', { skip: NODE_MAJOR >= 24 ? 'not offered on Node 24' : false }, async () => {
    const local = inProcessFetch(REPLY);
    assert.ok(local, 'Node’s fetch is undici with an Agent as its global dispatcher');
    try {
      const sockets = await countingSockets(async () => {
        const first = await local.fetch('http://warm.invalid/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'm' }) });
        assert.equal(first.status, 201);
        assert.equal(first.headers.get('x-request-id'), 'req_local');
        assert.deepEqual(await first.json(), { answer: 42, text: 'héllo' });
        const streamed = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('part one, '));
            controller.enqueue(new TextEncoder().encode('part two'));
            controller.close();
          },
        });
        const second = await local.fetch('https://api.example.invalid/upload', { method: 'POST', body: streamed, duplex: 'half' });
        assert.equal(await second.text(), REPLY.body);
        const third = await local.fetch('http://warm.invalid/');
        assert.equal(third.status, 201, 'a request without a body');
        await third.arrayBuffer();
      });
      assert.equal(sockets, 0, 'no TCP socket was opened');
    } finally {
      local.close();
    }
  });

  it('the socket count this file relies on does count: a real request to a loopback server opens one', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const sockets = await countingSockets(async () => void (await (await fetch(`http://127.0.0.1:${port}/`)).text()));
      assert.equal(sockets, 1);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('after close, a request fails instead of reaching anything', { skip: NODE_MAJOR >= 24 ? 'not offered on Node 24' : false }, async () => {
    const local = inProcessFetch(REPLY);
    assert.ok(local);
    local.close();
    await new Promise((resolve) => setImmediate(resolve));
    const sockets = await countingSockets(async () => {
      await assert.rejects(local.fetch('http://warm.invalid/'), TypeError);
    });
    assert.equal(sockets, 0);
  });
});
