// Issue 20 (OpenTelemetry), "Done means": the real OpenTelemetry SDK (in-memory span exporter, a metric reader
// collected on demand) under a client driving the real SDKs against the simulator. For every provider × operation
// the attempt span's attribute names and values are checked against the call's usage event, in both versions of
// the GenAI conventions; then retries as separate attempt spans, a cut stream, a failure, the metrics, and content
// capture (off by default, scrubbed when on).
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { SpanKind, SpanStatusCode, type Attributes } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { createAIClient, type AIClient } from '../../../src/client/index.js';
import type { AIClientOptions } from '../../../src/client-options.js';
import { elevenlabs } from '../../../src/providers/elevenlabs/index.js';
import { gemini } from '../../../src/providers/gemini/index.js';
import { openai } from '../../../src/providers/openai/index.js';
import type { TelemetryOptions } from '../../../src/telemetry/telemetry-options.js';
import type { Quantity, Usage } from '../../../src/usage.js';
import type { UsageEvent } from '../../../src/usage-event.js';
import { counterSum, histogramPoints, otelHarness, type OtelHarness } from '../../support/otel.js';
import { fakeKey as elevenlabsKey, VOICE } from '../../support/providers/elevenlabs.js';
import { fakeKey as geminiKey } from '../../support/providers/gemini.js';
import { fakeKey as openaiKey, wav } from '../../support/providers/openai.js';
import { ELEVENLABS_SDKS, GEMINI_SDKS } from '../../support/sdk-generations.js';
import { useSimulator } from '../../support/use-simulator.js';

const messages = [{ role: 'user' as const, content: 'Hello, world!' }];
const EMBEDDED = ['The quick brown fox.', 'jumps over the lazy dog'];
const SPOKEN = 'Héllo there, nice to meet you';

interface Case {
  readonly name: string;
  readonly method: 'chat' | 'streamChat' | 'embed' | 'speak' | 'streamSpeak' | 'transcribe';
  readonly request: Record<string, unknown>;
  /** `gen_ai.operation.name` and the provider value the conventions give it. */
  readonly operation: string;
  readonly provider: string;
}

const CASES: readonly Case[] = [
  { name: 'openai chat', method: 'chat', request: { model: 'openai:gpt-4o-mini', messages }, operation: 'chat', provider: 'openai' },
  { name: 'openai reasoning chat', method: 'chat', request: { model: 'openai:gpt-5-mini', messages }, operation: 'chat', provider: 'openai' },
  { name: 'openai stream', method: 'streamChat', request: { model: 'openai:gpt-4o-mini', messages }, operation: 'chat', provider: 'openai' },
  { name: 'openai embed', method: 'embed', request: { model: 'openai:text-embedding-3-small', input: EMBEDDED }, operation: 'embeddings', provider: 'openai' },
  { name: 'openai speak', method: 'speak', request: { model: 'openai:gpt-4o-mini-tts', voice: 'alloy', text: SPOKEN, format: 'wav' }, operation: 'text_to_speech', provider: 'openai' },
  { name: 'openai stream speak', method: 'streamSpeak', request: { model: 'openai:tts-1', voice: 'alloy', text: SPOKEN, format: 'wav' }, operation: 'text_to_speech', provider: 'openai' },
  { name: 'openai transcribe', method: 'transcribe', request: { model: 'openai:whisper-1', audio: wav(2.5), fileName: 'turn.wav' }, operation: 'speech_to_text', provider: 'openai' },
  // Each Gemini and ElevenLabs case once per SDK generation installed, each generation registered under its own
  // provider name (`gemini1:…`): the conventions' provider value follows the adapter, not the name it is under.
  ...GEMINI_SDKS.flatMap((sdk, i): Case[] => [
    { name: `gemini chat (${sdk})`, method: 'chat', request: { model: `gemini${i}:gemini-2.5-flash`, messages }, operation: 'chat', provider: 'gcp.gemini' },
    { name: `gemini stream (${sdk})`, method: 'streamChat', request: { model: `gemini${i}:gemini-2.5-flash`, messages }, operation: 'chat', provider: 'gcp.gemini' },
    { name: `gemini embed (${sdk})`, method: 'embed', request: { model: `gemini${i}:text-embedding-004`, input: EMBEDDED }, operation: 'embeddings', provider: 'gcp.gemini' },
  ]),
  ...ELEVENLABS_SDKS.flatMap((sdk, i): Case[] => [
    { name: `elevenlabs speak (${sdk})`, method: 'speak', request: { model: `elevenlabs${i}:eleven_flash_v2_5`, voice: VOICE, text: SPOKEN }, operation: 'text_to_speech', provider: 'elevenlabs' },
    { name: `elevenlabs stream (${sdk})`, method: 'streamSpeak', request: { model: `elevenlabs${i}:eleven_flash_v2_5`, voice: VOICE, text: SPOKEN }, operation: 'text_to_speech', provider: 'elevenlabs' },
    { name: `elevenlabs transcribe (${sdk})`, method: 'transcribe', request: { model: `elevenlabs${i}:scribe_v1`, audio: wav(2.5), fileName: 'turn.wav' }, operation: 'speech_to_text', provider: 'elevenlabs' },
  ]),
];

/** The usage attributes the mapping table (docs/telemetry.md) promises, spelt out here apart from the code. */
const FIGURE_NAMES: Readonly<Record<string, { v136: string; latest: string }>> = {
  inputTokens: { v136: 'gen_ai.usage.input_tokens', latest: 'gen_ai.usage.input_tokens' },
  outputTokens: { v136: 'gen_ai.usage.output_tokens', latest: 'gen_ai.usage.output_tokens' },
  cachedInputTokens: { v136: 'aimeter.usage.cached_input_tokens', latest: 'gen_ai.usage.cache_read.input_tokens' },
  cacheWriteInputTokens: { v136: 'aimeter.usage.cache_write_input_tokens', latest: 'gen_ai.usage.cache_creation.input_tokens' },
  reasoningTokens: { v136: 'aimeter.usage.reasoning_tokens', latest: 'gen_ai.usage.reasoning.output_tokens' },
  toolUsePromptTokens: { v136: 'aimeter.usage.tool_use_prompt_tokens', latest: 'aimeter.usage.tool_use_prompt_tokens' },
  characters: { v136: 'aimeter.usage.characters', latest: 'aimeter.usage.characters' },
  credits: { v136: 'aimeter.usage.credits', latest: 'aimeter.usage.credits' },
  audioSeconds: { v136: 'aimeter.usage.audio_seconds', latest: 'aimeter.usage.audio_seconds' },
};

function expectedAttributes(event: UsageEvent, c: Case, version: 'v136' | 'latest'): Attributes {
  const expected: Attributes = {
    'gen_ai.operation.name': c.operation,
    [version === 'latest' ? 'gen_ai.provider.name' : 'gen_ai.system']: c.provider,
    'gen_ai.request.model': event.model,
    'aimeter.operation': event.operation,
    'aimeter.call.id': event.callId,
    'aimeter.attempt': event.attempt,
    'aimeter.status': event.status,
    'aimeter.tag.customer': 'acme',
  };
  if (version === 'latest') expected['gen_ai.conversation.id'] = 's-1';
  for (const [field, names] of Object.entries(FIGURE_NAMES)) {
    const quantity = event.usage[field as keyof Usage] as Quantity | undefined;
    if (quantity?.value !== null && quantity !== undefined) expected[names[version]] = quantity.value;
  }
  if (event.httpStatus !== undefined) expected['http.response.status_code'] = event.httpStatus;
  if (event.timeToFirstChunkMs !== undefined) expected[version === 'latest' ? 'gen_ai.response.time_to_first_chunk' : 'aimeter.response.time_to_first_chunk'] = event.timeToFirstChunkMs / 1000;
  if (event.cost?.usd !== undefined) expected['aimeter.cost.usd'] = event.cost.usd;
  if (event.cost) expected['aimeter.price.version'] = event.cost.snapshot.version;
  return expected;
}

async function run(ai: AIClient, c: Case, breakAfter?: number): Promise<void> {
  const request = { ...c.request, tags: { customer: 'acme', session: 's-1' } };
  if (c.method === 'streamChat' || c.method === 'streamSpeak') {
    const stream = (ai[c.method] as (r: unknown) => AsyncIterable<unknown> & { final: Promise<unknown> })(request);
    let seen = 0;
    for await (const _ of stream) if (breakAfter !== undefined && ++seen >= breakAfter) break;
    await stream.final;
    return;
  }
  await (ai[c.method] as (r: unknown) => Promise<unknown>)(request);
}

describe('OpenTelemetry spans and metrics against the simulator', () => {
  const sim = useSimulator({ chunkIntervalMs: 1 });
  let otel: OtelHarness | undefined;
  let ai: AIClient | undefined;
  afterEach(async () => {
    await ai?.close();
    await otel?.shutdown();
  });

  function client(telemetry: Partial<TelemetryOptions> = {}, extra: Partial<AIClientOptions> = {}): { ai: AIClient; otel: OtelHarness; events: UsageEvent[] } {
    otel = otelHarness();
    const events: UsageEvent[] = [];
    ai = createAIClient({
      providers: {
        openai: openai({ baseURL: sim.openaiBaseURL }),
        gemini: gemini({ baseURL: sim.geminiBaseUrl }),
        ...Object.fromEntries(GEMINI_SDKS.map((sdk, i) => [`gemini${i}`, gemini({ sdk, baseURL: sim.geminiBaseUrl })])),
        elevenlabs: elevenlabs({ baseURL: sim.elevenlabsBaseUrl }),
        ...Object.fromEntries(ELEVENLABS_SDKS.map((sdk, i) => [`elevenlabs${i}`, elevenlabs({ sdk, baseURL: sim.elevenlabsBaseUrl })])),
      },
      env: { OPENAI_API_KEY: openaiKey(), GEMINI_API_KEY: geminiKey(), ELEVENLABS_API_KEY: elevenlabsKey() },
      keys: { dotenv: false },
      preload: false,
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
      telemetry: { tracer: otel.tracer, meter: otel.meter, ...telemetry },
      ...extra,
    });
    ai.on('usage', (event) => void events.push(event));
    return { ai, otel, events };
  }

  const byKind = (spans: ReadableSpan[], kind: SpanKind) => spans.filter((span) => span.kind === kind);

  for (const version of ['v136', 'latest'] as const) {
    it(`every provider × operation: call span, attempt span, attribute names and values (${version})`, async () => {
      const env = version === 'latest' ? { OTEL_SEMCONV_STABILITY_OPT_IN: 'http,gen_ai_latest_experimental' } : {};
      const { ai, otel, events } = client({}, version === 'latest' ? { env: { OPENAI_API_KEY: openaiKey(), GEMINI_API_KEY: geminiKey(), ELEVENLABS_API_KEY: elevenlabsKey(), ...env } } : {});
      for (const c of CASES) {
        otel.exporter.reset();
        events.length = 0;
        await run(ai, c);
        await ai.flush();
        const spans = otel.spans();
        const [call] = byKind(spans, SpanKind.INTERNAL);
        const [attempt] = byKind(spans, SpanKind.CLIENT);
        assert.equal(spans.length, 2, `${c.name}: a call span and one attempt span`);
        assert.ok(call && attempt && events.length === 1, c.name);
        const event = events[0]!;
        const model = event.model;
        assert.equal(call.name, `aimeter ${c.operation} ${model}`);
        assert.equal(attempt.name, `${c.operation} ${model}`);
        assert.equal(attempt.parentSpanContext?.spanId, call.spanContext().spanId, `${c.name}: the attempt is a child of the call`);
        assert.equal(attempt.spanContext().traceId, call.spanContext().traceId);
        const expected = expectedAttributes(event, c, version);
        for (const [name, value] of Object.entries(expected)) assert.deepEqual(attempt.attributes[name], value, `${c.name}: ${name}`);
        const genAi = Object.keys(attempt.attributes).filter((name) => name.startsWith('gen_ai.') && name !== 'gen_ai.response.model');
        assert.deepEqual(genAi.sort(), Object.keys(expected).filter((name) => name.startsWith('gen_ai.')).sort(), `${c.name}: no other gen_ai.* attribute`);
        if (c.method === 'streamChat' || c.method === 'streamSpeak') assert.equal(typeof event.timeToFirstChunkMs, 'number', `${c.name}: time to first chunk`);
        if (c.name === 'openai reasoning chat') {
          // The figures only the latest conventions name: under gen_ai.* there, under aimeter.* in v1.36.
          const [cached, reasoning] = version === 'latest' ? ['gen_ai.usage.cache_read.input_tokens', 'gen_ai.usage.reasoning.output_tokens'] : ['aimeter.usage.cached_input_tokens', 'aimeter.usage.reasoning_tokens'];
          assert.equal(attempt.attributes[cached], event.usage.cachedInputTokens?.value);
          assert.equal(attempt.attributes[reasoning], event.usage.reasoningTokens?.value);
          assert.equal(typeof attempt.attributes[reasoning], 'number');
        }
        if (c.name === 'openai chat' || c.name.startsWith('gemini chat')) assert.equal(typeof attempt.attributes['gen_ai.response.model'], 'string', `${c.name}: the reply names its model`);
        assert.equal(call.attributes['gen_ai.operation.name'], c.operation);
        assert.equal(call.attributes['aimeter.attempts'], 1);
        assert.equal(call.attributes['aimeter.tag.session'], 's-1');
        assert.equal(call.attributes['gen_ai.usage.input_tokens'], undefined, 'tokens are counted on the attempt spans only');
        if (event.cost?.usd !== undefined) assert.equal(call.attributes['aimeter.cost.usd'], event.cost.usd);
        assert.equal(attempt.status.code, SpanStatusCode.UNSET, `${c.name}: status unset`);
      }
    });
  }

  it('a retried call: one attempt span per provider request, the failed one with error.type', async () => {
    const { ai, otel } = client();
    sim.fault({ match: { provider: 'openai', operation: 'chat' }, times: 2, action: { status: 500 } });
    await ai.chat({ model: 'openai:gpt-4o-mini', messages });
    const spans = otel.spans();
    const call = byKind(spans, SpanKind.INTERNAL)[0]!;
    const attempts = byKind(spans, SpanKind.CLIENT).sort((a, b) => Number(a.attributes['aimeter.attempt']) - Number(b.attributes['aimeter.attempt']));
    assert.deepEqual(attempts.map((span) => span.attributes['aimeter.attempt']), [1, 2, 3]);
    for (const span of attempts) assert.equal(span.parentSpanContext?.spanId, call.spanContext().spanId);
    for (const span of attempts.slice(0, 2)) {
      assert.equal(span.attributes['error.type'], 'server');
      assert.equal(span.attributes['http.response.status_code'], 500);
      assert.equal(span.status.code, SpanStatusCode.ERROR);
      assert.equal(span.attributes['gen_ai.usage.input_tokens'], undefined);
    }
    assert.equal(typeof attempts[2]!.attributes['gen_ai.usage.input_tokens'], 'number');
    assert.equal(attempts[2]!.attributes['error.type'], undefined);
    assert.equal(call.attributes['aimeter.attempts'], 3);
    assert.equal(call.status.code, SpanStatusCode.UNSET, 'the call succeeded');
    const metrics = await otel.metrics();
    const failed = histogramPoints(metrics.get('gen_ai.client.operation.duration'), { 'error.type': 'server' });
    assert.equal(failed[0]?.value.count, 2);
  });

  it('a cut stream: its attempt span ends once its usage is counted, marked interrupted', async () => {
    const { ai, otel, events } = client();
    const c = CASES.find((x) => x.name === 'openai stream')!;
    await run(ai, c, 2);
    await ai.flush();
    const attempt = byKind(otel.spans(), SpanKind.CLIENT)[0]!;
    const call = byKind(otel.spans(), SpanKind.INTERNAL)[0]!;
    const event = events[0]!;
    assert.equal(event.status, 'aborted');
    assert.equal(attempt.attributes['aimeter.stream.interrupted'], true);
    assert.equal(attempt.attributes['aimeter.status'], 'aborted');
    assert.equal(attempt.attributes['gen_ai.usage.output_tokens'], event.usage.outputTokens?.value);
    assert.equal(event.usage.outputTokens?.provenance, 'estimated');
    const estimatedFigures = Object.entries(event.usage).filter(([, q]) => (q as Quantity | undefined)?.provenance === 'estimated').map(([field]) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
    assert.ok(estimatedFigures.includes('output_tokens'));
    assert.deepEqual(attempt.attributes['aimeter.usage.estimated'], estimatedFigures);
    assert.equal(call.attributes['aimeter.stream.interrupted'], true);
    assert.equal(attempt.status.code, SpanStatusCode.UNSET, 'a cut is not an error');
  });

  it('a failed call: error.type and an error status on both spans, no message text', async () => {
    const { ai, otel } = client();
    sim.fault({ match: { provider: 'gemini', operation: 'chat' }, times: 1, action: { status: 400, body: { error: { code: 400, message: 'bad prompt: Hello, world!', status: 'INVALID_ARGUMENT' } } } });
    await assert.rejects(ai.chat({ model: 'gemini:gemini-2.5-flash', messages }));
    const spans = otel.spans();
    assert.equal(spans.length, 2);
    for (const span of spans) {
      assert.equal(span.attributes['error.type'], 'invalid_request');
      assert.equal(span.status.code, SpanStatusCode.ERROR);
      assert.equal(span.status.message, 'invalid_request');
      assert.equal(span.events.length, 0);
      assert.doesNotMatch(JSON.stringify(span.attributes), /Hello, world/);
    }
  });

  it('metrics: token usage and duration with the advised buckets, and the cost counter', async () => {
    const { ai, otel, events } = client({ metricTags: ['customer'] });
    for (const c of CASES.filter((x) => ['openai chat', `gemini chat (${GEMINI_SDKS[0]!})`, `elevenlabs speak (${ELEVENLABS_SDKS[0]!})`].includes(x.name))) await run(ai, c);
    await ai.flush();
    const metrics = await otel.metrics();
    const tokens = metrics.get('gen_ai.client.token.usage')!;
    assert.equal(tokens.descriptor.unit, '{token}');
    const openaiChat = events.find((e) => e.provider === 'openai')!;
    const input = tokens.dataPoints.find((p) => p.attributes['gen_ai.token.type'] === 'input' && p.attributes['gen_ai.system'] === 'openai')!;
    assert.equal((input.value as { sum: number }).sum, openaiChat.usage.inputTokens?.value);
    assert.equal(input.attributes['aimeter.tag.customer'], 'acme');
    assert.equal(input.attributes['gen_ai.request.model'], 'gpt-4o-mini');
    assert.equal(input.attributes['gen_ai.operation.name'], 'chat');
    assert.deepEqual((input.value as { buckets: { boundaries: number[] } }).buckets.boundaries, [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864]);
    const duration = metrics.get('gen_ai.client.operation.duration')!;
    assert.equal(duration.descriptor.unit, 's');
    assert.deepEqual((duration.dataPoints[0]!.value as { buckets: { boundaries: number[] } }).buckets.boundaries, [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92]);
    assert.equal(duration.dataPoints.reduce((n, p) => n + (p.value as { count: number }).count, 0), 3);
    const total = counterSum(metrics.get('aimeter.client.cost'));
    assert.equal(counterSum(metrics.get('aimeter.client.cost'), { 'gen_ai.system': 'openai', 'aimeter.tag.customer': 'acme' }), openaiChat.cost?.usd);
    const expected = events.reduce((sum, e) => sum + (e.cost?.usd ?? 0), 0);
    assert.ok(expected > 0);
    assert.ok(Math.abs(total - expected) < 1e-12, `${total} = ${expected}`);
  });

  it('content: none by default; with captureContent, the prompt and reply, scrubbed of registered keys', async () => {
    const plain = client();
    await plain.ai.chat({ model: 'openai:gpt-4o-mini', messages });
    for (const span of plain.otel.spans()) assert.equal(span.attributes['gen_ai.input.messages'], undefined);
    await plain.ai.close();
    await plain.otel.shutdown();
    const key = openaiKey();
    const { ai, otel } = client({ captureContent: true }, { env: { OPENAI_API_KEY: key } });
    await ai.chat({ model: 'openai:gpt-4o-mini', messages: [{ role: 'user', content: `my key is ${key}` }] });
    const attempt = byKind(otel.spans(), SpanKind.CLIENT)[0]!;
    const input = JSON.parse(String(attempt.attributes['gen_ai.input.messages'])) as { role: string; parts: { type: string; content: string }[] }[];
    assert.equal(input[0]!.role, 'user');
    assert.match(input[0]!.parts[0]!.content, /^my key is \[redacted[^\]]*\]$/);
    assert.ok(!JSON.stringify(attempt.attributes).includes(key.slice(8)), 'no part of the key on the span');
    const output = JSON.parse(String(attempt.attributes['gen_ai.output.messages'])) as { role: string; parts: { content: string }[] }[];
    assert.equal(output[0]!.role, 'assistant');
    assert.equal(typeof output[0]!.parts[0]!.content, 'string');
  });
});
