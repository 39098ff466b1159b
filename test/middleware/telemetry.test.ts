// The telemetry layers in the chain, with the real OpenTelemetry SDK and the in-process test adapter: a call a
// middleware answers has a call span and no attempt span, a stream's spans end when it ended, and a tracer that
// throws never fails a call nor loses its usage event.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { SpanKind, type Tracer } from '@opentelemetry/api';
import { createAIClient, type AIClient } from '../../src/client/index.js';
import type { Middleware } from '../../src/compose.js';
import type { UsageEvent } from '../../src/usage-event.js';
import { otelHarness, type OtelHarness } from '../support/otel.js';
import { testAdapter } from '../support/test-adapter.js';

const messages = [{ role: 'user' as const, content: 'hi' }];

describe('telemetry middleware', () => {
  let otel: OtelHarness | undefined;
  let ai: AIClient | undefined;
  afterEach(async () => {
    await ai?.close();
    await otel?.shutdown();
  });

  it('a call a middleware answers: a call span, no attempt span', async () => {
    otel = otelHarness();
    const cached: Middleware = () => Promise.resolve({ output: { text: 'cached', toolCalls: [], finishReason: 'stop' }, usage: { requests: 0 } });
    ai = createAIClient({ providers: { test: testAdapter() }, middleware: [cached], pricing: false, telemetry: { tracer: otel.tracer, meter: otel.meter } });
    await ai.chat({ model: 'test:m', messages });
    const spans = otel.spans();
    assert.deepEqual(spans.map((span) => [span.name, span.kind]), [['aimeter chat m', SpanKind.INTERNAL]]);
    assert.equal(spans[0]!.attributes['aimeter.attempts'], 0);
    assert.equal(spans[0]!.attributes['gen_ai.system'], 'test', 'an adapter the conventions do not know keeps its own name');
  });

  it('a stream: both spans end when it ended, with its time to first chunk', async () => {
    otel = otelHarness();
    ai = createAIClient({ providers: { test: testAdapter({ deltas: 4 }) }, pricing: false, telemetry: { tracer: otel.tracer, meter: otel.meter } });
    const stream = ai.streamChat({ model: 'test:m', messages });
    let seen = 0;
    for await (const _ of stream) {
      seen += 1;
      assert.equal(otel.spans().length, 0, 'no span ends while the stream runs');
    }
    await stream.final;
    assert.equal(seen, 4);
    const [attempt, call] = otel.spans();
    assert.equal(attempt?.kind, SpanKind.CLIENT);
    assert.equal(call?.kind, SpanKind.INTERNAL);
    assert.equal(typeof attempt.attributes['aimeter.response.time_to_first_chunk'], 'number');
    assert.equal(typeof call.attributes['aimeter.call.time_to_first_chunk'], 'number');
  });

  it('a tracer that throws (starting or ending a span) never fails the call nor loses its usage event', async () => {
    otel = otelHarness();
    const real = otel.tracer;
    const throwing: Tracer = {
      startSpan: (name, options, context) => {
        const span = real.startSpan(name, options, context);
        return new Proxy(span, { get: (target, key): unknown => (key === 'end' ? () => { throw new Error('exporter down'); } : Reflect.get(target, key)) });
      },
      startActiveSpan: ((...args: Parameters<Tracer['startActiveSpan']>) => real.startActiveSpan(...args)) as Tracer['startActiveSpan'],
    };
    const events: UsageEvent[] = [];
    ai = createAIClient({ providers: { test: testAdapter() }, pricing: false, telemetry: { tracer: throwing, meter: otel.meter } });
    ai.on('usage', (event) => void events.push(event));
    const reply = await ai.chat({ model: 'test:m', messages });
    assert.equal(typeof reply.output.text, 'string');
    for await (const _ of ai.streamChat({ model: 'test:m', messages })) void _;
    await ai.close();
    const broken: Tracer = { startSpan: () => { throw new Error('tracer down'); }, startActiveSpan: ((...args: Parameters<Tracer['startActiveSpan']>) => real.startActiveSpan(...args)) as Tracer['startActiveSpan'] };
    ai = createAIClient({ providers: { test: testAdapter() }, pricing: false, telemetry: { tracer: broken, meter: otel.meter } });
    ai.on('usage', (event) => void events.push(event));
    await ai.chat({ model: 'test:m', messages });
    await ai.flush();
    assert.equal(events.length, 3);
  });
});
