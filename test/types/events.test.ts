// Compile-time tests: `tsc --noEmit` (tsconfig includes test/) is what checks them. Each `@ts-expect-error`
// fails the typecheck if its line ever compiles, so loosening the event typing breaks the build. The runtime
// part below only makes sure this file is collected and the same listeners work.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAIClient, type AIClient, type AIResponse } from '../../src/client/index.js';
import type { Middleware } from '../../src/compose.js';
import type { ErrorEvent, RequestEvent, ResponseEvent, RetryEvent, SessionEndEvent, SinkErrorEvent, WarningEvent } from '../../src/events.js';
import type { ChatDelta, ChatOutput } from '../../src/operations/chat.js';
import type { AIStreamEnd } from '../../src/stream/ai-stream.js';
import type { UsageEvent } from '../../src/usage-event.js';
import { chatRequest } from '../support/fixtures.js';
import { testAdapter } from '../support/test-adapter.js';
import { assertType, type Equal } from '../support/equal.js';

/** Never called: only compiled. */
function typeChecks(ai: AIClient): void {
  ai.on('usage', (_e) => assertType<Equal<typeof _e, UsageEvent>>());
  ai.once('usage', (_e) => assertType<Equal<typeof _e, UsageEvent>>());
  ai.off('usage', (_e) => assertType<Equal<typeof _e, UsageEvent>>());
  ai.on('request', (_e) => assertType<Equal<typeof _e, RequestEvent>>());
  ai.on('response', (_e) => assertType<Equal<typeof _e, ResponseEvent>>());
  ai.on('retry', (_e) => assertType<Equal<typeof _e, RetryEvent>>());
  ai.on('error', (_e) => assertType<Equal<typeof _e, ErrorEvent>>());
  ai.on('sink-error', (_e) => assertType<Equal<typeof _e, SinkErrorEvent>>());
  ai.on('warning', (_e) => assertType<Equal<typeof _e, WarningEvent>>());
  ai.on('session-end', (_e) => assertType<Equal<typeof _e, SessionEndEvent>>());

  // A wrong event name does not compile.
  // @ts-expect-error 'usages' is not an event
  ai.on('usages', () => undefined);
  // @ts-expect-error 'sink_error' is not an event (it is 'sink-error')
  ai.once('sink_error', () => undefined);

  // A listener for the wrong payload type does not compile.
  // @ts-expect-error a ResponseEvent listener cannot listen to 'usage'
  ai.on('usage', (e: ResponseEvent) => void e);
  // @ts-expect-error a UsageEvent listener cannot listen to 'retry'
  ai.off('retry', (e: UsageEvent) => void e);
  ai.on('usage', (e) => {
    // @ts-expect-error a usage event has no delayMs (that is a retry event)
    void e.delayMs;
  });

  // Middleware emit the same typed events.
  const mw: Middleware = (ctx, next) => {
    // @ts-expect-error a 'quota' payload is not a usage event
    ctx.emit('usage', { policy: 'p', scope: 's', unit: 'usd', used: 1, limit: 2, threshold: 0.5 });
    // @ts-expect-error not an event
    ctx.emit('nope', {});
    return next();
  };
  void mw;

  // Operations are typed end to end.
  const _reply = ai.chat(chatRequest());
  assertType<Equal<typeof _reply, Promise<AIResponse<ChatOutput>>>>();
  const stream = ai.streamChat(chatRequest());
  assertType<Equal<typeof stream.final, Promise<AIStreamEnd<ChatOutput>>>>();
  void (async () => {
    for await (const _delta of stream) assertType<Equal<typeof _delta, ChatDelta>>();
  })();
}

describe('event typing', () => {
  it('compiles (checked by tsc), and the typed listener receives the usage event at run time', async () => {
    assert.equal(typeof typeChecks, 'function');
    const ai = createAIClient({ providers: { test: testAdapter() } });
    const seen: UsageEvent[] = [];
    ai.on('usage', (e) => seen.push(e));
    await ai.chat(chatRequest());
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.operation, 'chat');
  });
});
