import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAIClient } from '../src/client/index.js';
import { ProviderError } from '../src/errors/provider-error.js';
import type { ErrorEvent, RequestEvent, ResponseEvent, WarningEvent } from '../src/events.js';
import { memorySink } from '../src/sinks/memory-sink.js';
import type { UsageEvent } from '../src/usage-event.js';
import { chatRequest } from './support/fixtures.js';
import { testAdapter } from './support/test-adapter.js';

describe('AIClient events', () => {
  it('emits request, response and usage for a successful call, in that order, all carrying the callId', async () => {
    const ai = createAIClient({ providers: { test: testAdapter() }, environment: 'test', tags: { customer: 'acme' } });
    const order: string[] = [];
    let request: RequestEvent | undefined;
    let response: ResponseEvent | undefined;
    let usage: UsageEvent | undefined;
    ai.on('request', (e) => (order.push('request'), (request = e)));
    ai.on('response', (e) => (order.push('response'), (response = e)));
    ai.on('usage', (e) => (order.push('usage'), (usage = e)));
    const reply = await ai.chat(chatRequest());
    assert.deepEqual(order, ['request', 'response', 'usage']);
    for (const e of [request!, response!, usage!]) {
      assert.equal(e.callId, reply.callId);
      assert.equal(e.provider, 'test');
      assert.equal(e.model, 'm1');
      assert.equal(e.operation, 'chat');
      assert.equal(e.environment, 'test');
      assert.deepEqual(e.tags, { customer: 'acme' });
    }
    assert.equal(response!.ok, true);
    assert.equal(response!.httpStatus, 200);
    assert.equal(response!.requestId, 'req-1');
    assert.equal(usage!.status, 'ok');
    assert.equal(usage!.attempt, 1);
    assert.equal(usage!.httpStatus, 200);
    assert.equal(usage!.requestId, 'req-1');
    assert.deepEqual(usage!.usage, reply.usage);
    assert.ok(usage!.latencyMs >= 0);
    assert.ok(!Number.isNaN(Date.parse(usage!.time)));
  });

  it('emits a failed response, an error usage record and an error event for a provider error', async () => {
    const failure = new ProviderError('rate limited', { provider: 'test', kind: 'rate_limited', status: 429, requestId: 'req-x' });
    const ai = createAIClient({ providers: { test: testAdapter({ error: () => failure }) }, retry: false });
    const responses: ResponseEvent[] = [];
    const usages: UsageEvent[] = [];
    const errors: ErrorEvent[] = [];
    ai.on('response', (e) => responses.push(e));
    ai.on('usage', (e) => usages.push(e));
    ai.on('error', (e) => errors.push(e));
    await assert.rejects(ai.chat(chatRequest()), (error) => error === failure);
    assert.equal(responses.length, 1);
    assert.equal(responses[0]!.ok, false);
    assert.equal(responses[0]!.httpStatus, 429);
    assert.equal(usages.length, 1, 'a request the provider answered (even with an error) is metered');
    assert.equal(usages[0]!.status, 'error');
    assert.equal(usages[0]!.errorKind, 'rate_limited');
    assert.equal(usages[0]!.httpStatus, 429);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.error, failure);
  });

  it('does not meter a failure that never reached the provider (no HTTP status)', async () => {
    const ai = createAIClient({ providers: { test: testAdapter({ error: () => new ProviderError('refused', { provider: 'test', kind: 'network' }) }) }, retry: false });
    let usages = 0;
    ai.on('usage', () => usages++);
    await assert.rejects(ai.chat(chatRequest()));
    assert.equal(usages, 0);
  });

  it('wraps a non-Error failure in an Error for the error event but rejects the call with the original value', async () => {
    const ai = createAIClient({ providers: { test: testAdapter({ error: () => 'plain string' }) } });
    let event: ErrorEvent | undefined;
    ai.on('error', (e) => (event = e));
    await assert.rejects(ai.chat(chatRequest()), (error) => error === 'plain string');
    assert.ok(event!.error instanceof Error);
    assert.match(event!.error.message, /plain string/);
  });

  it('a listener that throws does not fail the call; it is reported as a listener_error warning', async () => {
    const sink = memorySink();
    const ai = createAIClient({ providers: { test: testAdapter() }, sinks: [sink], flushOnExit: false, pricing: false });
    const warnings: WarningEvent[] = [];
    ai.on('warning', (e) => warnings.push(e));
    ai.on('request', () => {
      throw new Error('request listener bug');
    });
    ai.on('usage', () => {
      throw new Error('usage listener bug');
    });
    const reply = await ai.chat(chatRequest());
    assert.equal(reply.output.text, 'echo m1');
    assert.deepEqual(warnings.map((w) => w.code), ['listener_error', 'listener_error']);
    assert.match(warnings[0]!.message, /"request" listener threw.*request listener bug/);
    assert.match(warnings[1]!.message, /"usage" listener threw.*usage listener bug/);
    await ai.close();
    assert.equal(sink.events.length, 1, 'the sink still gets the usage event a listener choked on');
  });

  it('a throwing warning listener does not fail the call either', async () => {
    const ai = createAIClient({ providers: { test: testAdapter() } });
    ai.on('warning', () => {
      throw new Error('warning listener bug');
    });
    ai.on('usage', () => {
      throw new Error('usage listener bug');
    });
    await ai.chat(chatRequest());
  });

  it('once() fires a single time and off() removes a listener', async () => {
    const ai = createAIClient({ providers: { test: testAdapter() } });
    let once = 0;
    let on = 0;
    const listener = () => on++;
    ai.once('usage', () => once++);
    ai.on('usage', listener);
    await ai.chat(chatRequest());
    ai.off('usage', listener);
    await ai.chat(chatRequest());
    assert.equal(once, 1);
    assert.equal(on, 1);
  });

  it('lets middleware emit typed events through ctx.emit', async () => {
    const ai = createAIClient({ providers: { test: testAdapter() } });
    const limited: unknown[] = [];
    ai.on('limited', (e) => limited.push(e));
    ai.use((ctx, next) => {
      ctx.emit('limited', { callId: ctx.id, provider: ctx.provider, operation: ctx.operation, model: ctx.model, environment: ctx.environment, tags: ctx.tags, attempt: ctx.attempt, policy: 'rpm', action: 'wait', waitMs: 5 });
      return next();
    });
    await ai.chat(chatRequest());
    assert.equal(limited.length, 1);
    assert.equal((limited[0] as { policy: string }).policy, 'rpm');
  });
});
