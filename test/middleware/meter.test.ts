import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallResult, StreamCallResult } from '../../src/call-result.js';
import { compose } from '../../src/compose.js';
import { ProviderError } from '../../src/errors/provider-error.js';
import type { AIClientEventName } from '../../src/events.js';
import { meter } from '../../src/middleware/meter.js';
import { defineStream } from '../../src/stream/define-stream.js';
import type { UsageEvent } from '../../src/usage-event.js';
import { estimated, reported } from '../../src/usage.js';
import { testContext } from '../support/context.js';

function recorder() {
  const events: UsageEvent[] = [];
  const ctx = testContext((name: AIClientEventName, payload: unknown) => {
    if (name === 'usage') events.push(payload as UsageEvent);
  });
  return { ctx, events };
}

describe('meter middleware', () => {
  it('stamps each event with the ISO time the request was sent, to the millisecond', async (t) => {
    const { ctx, events } = recorder();
    const handler = compose([meter()], () => Promise.resolve<CallResult>({ output: 'x', usage: { requests: 1 } }));
    // Within one second, across a second and a day boundary, and small milliseconds that need padding.
    const sent = [1_700_000_000_005, 1_700_000_000_050, 1_700_000_000_999, 1_700_000_001_000, 1_700_006_400_007, 0];
    let now = 0;
    t.mock.method(Date, 'now', () => now);
    for (const ms of sent) {
      now = ms;
      await handler({ ...ctx });
    }
    assert.deepEqual(events.map((e) => e.time), sent.map((ms) => new Date(ms).toISOString()));
  });

  it('records one usage event for a reply, with the key fingerprint and never the key', async () => {
    const { ctx, events } = recorder();
    ctx.key = { value: 'sk-secret-value-123', fingerprint: 'fp_0123456789ab', source: 'test' };
    const result: CallResult = { output: 'x', usage: { requests: 1, inputTokens: reported(3) }, status: 200, requestId: 'r1' };
    await compose([meter()], () => Promise.resolve(result))(ctx);
    assert.equal(events.length, 1);
    const e = events[0]!;
    assert.equal(e.keyFingerprint, 'fp_0123456789ab');
    assert.equal(e.status, 'ok');
    assert.equal(e.requestId, 'r1');
    assert.deepEqual(e.usage, result.usage);
    assert.ok(!JSON.stringify(e).includes('sk-secret-value-123'));
  });

  it('records the attempt number current when the request was sent', async () => {
    const { ctx, events } = recorder();
    ctx.attempt = 3;
    await compose([meter()], (c) => {
      c.attempt = 99;
      return Promise.resolve({ output: null, usage: { requests: 1 } });
    })(ctx);
    assert.equal(events[0]!.attempt, 3);
  });

  it('records a stream only when it ends, with its outcome and usage', async () => {
    const { ctx, events } = recorder();
    const handler = compose([meter()], () =>
      Promise.resolve(
        defineStream({
          chunks: (async function* () {
            await Promise.resolve();
            yield 'a';
            yield 'b';
          })(),
          settle: (outcome) => ({ output: null, usage: { requests: 1, outputTokens: outcome === 'ok' ? reported(2) : estimated(1) } }),
          cancel: () => undefined,
        }),
      ),
    );
    const result = (await handler(ctx)) as StreamCallResult;
    assert.equal(events.length, 0, 'nothing recorded before the stream ends');
    const it = result.stream[Symbol.asyncIterator]();
    await it.next();
    await it.return!();
    await result.final;
    assert.equal(events.length, 1);
    assert.equal(events[0]!.status, 'aborted');
    assert.deepEqual(events[0]!.usage.outputTokens, estimated(1));
    assert.ok(events[0]!.timeToFirstChunkMs !== undefined);
  });

  it('records a provider error that has an HTTP status, and rethrows it unchanged', async () => {
    const { ctx, events } = recorder();
    const failure = new ProviderError('quota', { provider: 'test', kind: 'quota_exhausted', status: 429 });
    await assert.rejects(compose([meter()], () => Promise.reject(failure))(ctx), (error) => error === failure);
    assert.equal(events[0]!.status, 'error');
    assert.equal(events[0]!.errorKind, 'quota_exhausted');
    assert.deepEqual(events[0]!.usage, { requests: 1 });
  });

  it('records nothing for a failure without a reply (not billed)', async () => {
    const { ctx, events } = recorder();
    await assert.rejects(compose([meter()], () => Promise.reject(new Error('ECONNREFUSED')))(ctx));
    assert.equal(events.length, 0);
  });
});
