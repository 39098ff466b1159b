import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { StreamCallResult } from '../../src/call-result.js';
import { scrubStreamResult } from '../../src/redact/scrub-stream.js';
import { Scrubber } from '../../src/redact/scrubber.js';
import { defineStream } from '../../src/stream/define-stream.js';
import { mapChunks } from '../../src/stream/map-chunks.js';
import { tapStream } from '../../src/stream/tap-stream.js';

const fakeKey = (): string => `sk-proj-${randomBytes(24).toString('hex')}`;

async function* failing(key: string): AsyncGenerator<string> {
  yield 'a';
  await Promise.resolve();
  throw new Error(`upstream said: bad key ${key}`);
}

function leaky(key: string): StreamCallResult<string, string> {
  return defineStream<string, string>({
    chunks: mapChunks(failing(key), (s) => s),
    settle: (outcome) => ({ output: outcome, usage: { requests: 1 } }),
    cancel: () => undefined,
  });
}

async function failure(result: StreamCallResult<string, string>): Promise<{ thrown: unknown; chunks: string[]; finalError: unknown }> {
  const chunks: string[] = [];
  let thrown: unknown;
  try {
    for await (const chunk of result.stream) chunks.push(chunk);
  } catch (error) {
    thrown = error;
  }
  return { thrown, chunks, finalError: (await result.final).error };
}

describe('scrubStreamResult', () => {
  for (const [label, wrap] of [
    ['a stream straight from defineStream', (r: StreamCallResult<string, string>) => r],
    ['a stream a middleware wrapped (tapStream)', (r: StreamCallResult<string, string>) => tapStream(r, () => undefined)],
  ] as const) {
    it(`masks the key in the error thrown mid-stream and in final's error: ${label}`, async () => {
      const key = fakeKey();
      const scrubber = new Scrubber();
      scrubber.register(key);
      const original = leaky(key);
      const { thrown, chunks, finalError } = await failure(scrubStreamResult(wrap(original), scrubber));
      assert.deepEqual(chunks, ['a']);
      assert.ok(thrown instanceof Error);
      assert.match(thrown.message, /upstream said: bad key \[redacted/);
      for (const value of [thrown, finalError]) {
        assert.ok(!String((value as Error).message).includes(key), 'key in a message');
        assert.ok(!String((value as Error).stack).includes(key), 'key in a stack');
      }
      // The adapter's own objects are not mutated: only what leaves the client is scrubbed.
      assert.ok(String((await original.final).error).includes(key));
    });
  }
});
