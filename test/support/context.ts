import type { CallContext } from '../../src/context.js';
import type { EmitFn } from '../../src/events.js';

/** A chat CallContext for driving compose() directly, outside a client. */
export function testContext(emit: EmitFn = () => undefined): CallContext {
  return {
    id: 'call-1',
    operation: 'chat',
    provider: 'test',
    model: 'm1',
    request: { model: 'test:m1', messages: [{ role: 'user', content: 'hi' }] },
    tags: {},
    environment: 'test',
    signal: undefined,
    startedAt: 0,
    attempt: 1,
    key: undefined,
    state: {},
    emit,
  };
}
