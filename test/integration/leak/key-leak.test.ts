// Done means 3: at least 1 000 generated cases, each with a fresh key injected into provider error bodies, URLs,
// headers, causes and stacks (through the simulator's faults and real SDKs, and through thrown SDK-like errors),
// with the library's and openai-node's most verbose logging on. Every log line, event, sink record and error is
// scanned for every key in every encoded form (hex and per-byte percent encodings included) and for any
// 16-character piece of it: zero hits allowed. Half the keys come with whitespace around them (a secret file's
// newline), some ElevenLabs errors have a body that is not JSON with the key across the 500-character cut, and
// the adapters' direct calls (`gemini().countTokens`, `elevenlabs().subscription`) get the same echoes.
// OpenTelemetry is on (real SDK, in-memory exporter, prompts and replies captured, tags on spans and metrics, some
// tags carrying the key): every span's name, attributes, events and status, and every metric data point's
// attributes, are scanned too.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AdapterFunction, ProviderAdapterV1 } from '../../../src/adapter.js';
import type { StreamCallResult, StreamEnd } from '../../../src/call-result.js';
import { createAIClient, type AIClient } from '../../../src/client/index.js';
import type { AIClientEventName } from '../../../src/events.js';
import type { ChatDelta, ChatOutput } from '../../../src/operations/chat.js';
import type { LogRecord, Logger } from '../../../src/middleware/logging.js';
import { elevenlabs } from '../../../src/providers/elevenlabs/index.js';
import { gemini } from '../../../src/providers/gemini/index.js';
import { openai } from '../../../src/providers/openai/index.js';
import { startSimulator } from '../../../src/simulator/start-simulator.js';
import type { FaultAction, Simulator } from '../../../src/simulator/types.js';
import { jsonlSink } from '../../../src/ledger/jsonl-sink.js';
import { memorySink, type MemorySink } from '../../../src/sinks/memory-sink.js';
import { elevenlabsPerSdk } from '../../support/providers/elevenlabs.js';
import { ELEVENLABS_SDKS, GEMINI_SDKS } from '../../support/sdk-generations.js';
import { providerKey } from '../../support/secrets-keys.js';
import { captureConsole, LeakScanner, serialized } from '../../support/leak-scanner.js';
import { otelHarness, type OtelHarness } from '../../support/otel.js';

const CASES = 1_050;
/** Direct adapter calls, outside the client (countTokens, subscription), on top of the cases. */
const DIRECT_CASES = 120;
const CONCURRENCY = 12;
const VOICE = '21m00Tcm4TlvDq8ikWAM';
type Provider = 'openai' | 'gemini' | 'elevenlabs' | 'thrower';

const b64 = (text: string) => Buffer.from(text).toString('base64');
const hex = (text: string) => Buffer.from(text).toString('hex');

/** The key as a source hands it over: as it is, or with the whitespace a secret file or a paste leaves around it. */
const padded = (key: string, variant: number) => [key, `${key}\n`, key, ` ${key}\r\n`][variant % 4]!;

/** How a case smuggles its key toward the caller: into the text of an error body, in one of its forms. */
const MESSAGES: ((key: string) => string)[] = [
  (key) => `Incorrect API key provided: ${key}. You can find your API key at https://platform.openai.com/account/api-keys.`,
  (key) => `Error fetching https://generativelanguage.googleapis.com/v1beta/models/m:generateContent?key=${key}&alt=sse`,
  (key) => `upstream said {"authorization":"Bearer ${key}"}`,
  (key) => `proxy: Authorization: Basic ${b64(`user:${key}`)}`,
  (key) => `retry with api_key=${encodeURIComponent(key)}`,
  (key) => `escaped ${JSON.stringify(JSON.stringify({ 'xi-api-key': key }))}`,
  (key) => `raw base64 ${b64(`pad${key}`)} and ${b64(`p${key}`)}`,
  (key) => `x-goog-api-key: ${key}`,
  (key) => `key bytes ${hex(key)} (${hex(key).toUpperCase()})`,
  (key) => `sent ${hex(key).replace(/../g, '%$&')} and ${hex(key).toUpperCase().replace(/../g, '%$&')}`,
];

/** Which kind of form of `key` a leak scanner hit is, for the failure report. */
function formName(key: string, form: string): string {
  const trimmed = key.trim();
  if (form === trimmed || form === key) return 'raw';
  if (trimmed.includes(form)) return 'piece';
  const hexed = hex(trimmed);
  if (form.toLowerCase() === hexed) return 'hex';
  if (form.toLowerCase() === hexed.replace(/../g, '%$&')) return 'percent';
  return 'escaped or base64';
}

/** A body that is not JSON, with the key across the 500th character (where an error body is cut). */
const cutBody = (key: string) => `upstream proxy failure ${'.'.repeat(470)} ${key} ${'.'.repeat(80)}`;

/** A provider-shaped error body (so the real SDKs parse it) whose message carries the key. */
function errorReply(provider: Provider, key: string, variant: number): FaultAction {
  const message = MESSAGES[variant % MESSAGES.length]!(key);
  const headers = variant % 3 === 0 ? { 'x-echo-key': key, 'www-authenticate': `Bearer realm="${key}"`, 'x-request-url': `/v1?key=${key}` } : undefined;
  if (provider === 'openai') {
    const status = [401, 429, 500, 400][variant % 4]!;
    return { status, body: { error: { message, type: 'invalid_request_error', param: key, code: status === 401 ? 'invalid_api_key' : 'rate_limit_exceeded' } }, ...(headers ? { headers } : {}) };
  }
  if (provider === 'gemini') {
    const status = [400, 429, 500, 403][variant % 4]!;
    const details = [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: status === 400 ? 'API_KEY_INVALID' : 'OTHER', domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com', key } }];
    return { status, body: { error: { code: status, message, status: 'INVALID_ARGUMENT', details } }, ...(headers ? { headers } : {}) };
  }
  const status = [401, 429, 500, 422][variant % 4]!;
  if (variant % 5 === 2) return { status: 500, body: cutBody(key), ...(headers ? { headers } : {}) };
  return { status, body: { detail: { status: status === 401 ? 'invalid_api_key' : 'system_busy', message } }, ...(headers ? { headers } : {}) };
}

/** An SDK-like error holding the key everywhere an SDK error can: message, stack, cause chain, headers, URL, body. */
function sdkError(key: string, variant: number): unknown {
  const root = new Error(`socket hang up while sending xi-api-key: ${key}`);
  const error = Object.assign(new TypeError(MESSAGES[variant % MESSAGES.length]!(key), { cause: root }), {
    status: 401,
    headers: new Headers({ authorization: `Bearer ${key}`, 'x-goog-api-key': key }),
    url: new URL(`https://api.example.test/v1/models?key=${key}`),
    body: { error: { message: `key ${key}` }, raw: Buffer.from(`{"key":"${key}"}`) },
    request: { headers: new Map([['xi-api-key', key]]), config: { auth: { password: key } } },
  });
  error.stack = `${error.stack ?? ''}\n    at request (https://api.example.test/?key=${key})`;
  Object.assign(root, { cause: error }); // circular
  Object.defineProperty(error, 'explodes', { enumerable: true, get: () => { throw new Error(`getter saw ${key}`); } });
  if (variant % 5 === 0) return { message: `plain object thrown: ${key}`, key };
  if (variant % 7 === 0) return `a thrown string with ${key}`;
  return error;
}

/** An adapter that throws SDK-like errors carrying the resolved key, also from inside a stream. */
function throwerAdapter(): ProviderAdapterV1 {
  const adapter: Pick<ProviderAdapterV1, 'specificationVersion' | 'provider' | 'keyVariables'> & { chat: AdapterFunction<'chat'>; streamChat: AdapterFunction<'streamChat'> } = {
    specificationVersion: 'v1',
    provider: 'thrower',
    keyVariables: ['THROWER_API_KEY'],
    chat: (call) => Promise.reject(sdkError(call.key!.value, Number(call.model))),
    streamChat: (call) => {
      const failure = sdkError(call.key!.value, Number(call.model));
      const final = Promise.resolve<StreamEnd>({ outcome: 'error', error: failure, chunks: 1, usage: { requests: 1 }, output: { text: 'a', toolCalls: [], finishReason: 'error' } });
      async function* deltas() {
        yield await Promise.resolve({ text: 'a' });
        throw failure;
      }
      return Promise.resolve({ stream: deltas(), final } as unknown as StreamCallResult<ChatDelta, ChatOutput>);
    },
  };
  return adapter;
}

describe('key leak test: ≥1000 generated cases, zero hits', () => {
  let sim: Simulator;
  let ai: AIClient;
  let dir: string;
  let memory: MemorySink;
  const keysByCase = new Map<string, string>();
  const scanner = new LeakScanner();
  const artifacts: string[] = [];
  const logLines: LogRecord[] = [];
  const directFailures: string[] = [];
  // The client's Gemini cases run on the successor SDK (the default where it is installed); the direct calls
  // alternate between the SDK generations installed.
  let directGeminis: ReturnType<typeof gemini>[];
  let directElevenLabs: ReturnType<typeof elevenlabs>[];
  let consoleCapture: ReturnType<typeof captureConsole>;
  let otel: OtelHarness;
  const previousLog = process.env.OPENAI_LOG;

  before(async () => {
    process.env.OPENAI_LOG = 'debug';
    consoleCapture = captureConsole();
    sim = await startSimulator();
    directGeminis = GEMINI_SDKS.map((sdk) => gemini({ sdk, baseURL: sim.geminiBaseUrl }));
    directElevenLabs = ELEVENLABS_SDKS.map((sdk) => elevenlabs({ sdk, baseURL: sim.elevenlabsBaseUrl }));
    dir = mkdtempSync(join(tmpdir(), 'aimeter-leak-'));
    memory = memorySink();
    otel = otelHarness();
    const logger: Logger = { info: (r) => void logLines.push(r), warn: (r) => void logLines.push(r), error: (r) => void logLines.push(r) };
    ai = createAIClient({
      providers: {
        openai: openai({ baseURL: sim.openaiBaseURL }),
        gemini: gemini({ sdk: '@google/genai', baseURL: sim.geminiBaseUrl }),
        // Every ElevenLabs SDK generation in turn (speak and stream, with and without a fault, on each).
        elevenlabs: elevenlabsPerSdk(sim.elevenlabsBaseUrl, (text) => Math.floor(Number(/^case (\d+)/.exec(text)?.[1] ?? 0) / 8)),
        thrower: throwerAdapter(),
      },
      env: {},
      keys: { dotenv: false, resolver: ({ tags }) => keysByCase.get(tags.case ?? '') },
      logging: { logger, prompts: true, outputs: true },
      sinks: [memory, jsonlSink(join(dir, 'usage.jsonl'))],
      pricing: false,
      telemetry: { tracer: otel.tracer, meter: otel.meter, captureContent: true, spanTags: ['case', 'echo'], metricTags: ['echo'] },
    });
    const events: AIClientEventName[] = ['request', 'response', 'retry', 'limited', 'quota', 'usage', 'error', 'sink-error', 'warning', 'limit-store'];
    for (const name of events) ai.on(name, (payload: unknown) => void artifacts.push(serialized(payload)));
  });

  after(async () => {
    consoleCapture.restore();
    if (previousLog === undefined) delete process.env.OPENAI_LOG;
    else process.env.OPENAI_LOG = previousLog;
    await ai?.close();
    await otel?.shutdown();
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function runCase(i: number): Promise<void> {
    const providers: Provider[] = ['openai', 'gemini', 'elevenlabs', 'thrower'];
    const provider = providers[i % providers.length]!;
    const key = providerKey(provider === 'thrower' ? (['openai', 'gemini', 'elevenlabs'] as const)[i % 3]! : provider);
    const variant = Math.floor(i / providers.length);
    keysByCase.set(String(i), padded(key, variant));
    scanner.add(padded(key, variant));
    scanner.add(key); // the key as sent: the simulator's fault rules match it
    // Some calls carry the key in a tag, which spans and metrics put in their attributes.
    const tags = variant % 5 === 1 ? { case: String(i), echo: `tenant ${key}` } : { case: String(i) };
    const injectFault = variant % 6 !== 5; // every sixth case of a provider succeeds, for usage events and sink records
    if (provider !== 'thrower' && injectFault) sim.fault({ match: { key }, times: 1, action: errorReply(provider, key, variant) });
    const stream = variant % 2 === 1;
    const prompt = `case ${i} says hello`;
    try {
      if (provider === 'elevenlabs') {
        if (stream) for await (const chunk of ai.streamSpeak({ model: 'elevenlabs:eleven_flash_v2_5', voice: VOICE, text: prompt, tags })) void chunk;
        else await ai.speak({ model: 'elevenlabs:eleven_flash_v2_5', voice: VOICE, text: prompt, tags });
      } else {
        const model: `${string}:${string}` = provider === 'openai' ? 'openai:gpt-4o-mini' : provider === 'gemini' ? 'gemini:gemini-2.5-flash' : `thrower:${variant}`;
        const request = { model, messages: [{ role: 'user' as const, content: prompt }], tags };
        if (stream) for await (const delta of ai.streamChat(request)) void delta;
        else await ai.chat(request);
      }
    } catch (error) {
      artifacts.push(serialized(error));
      if (error instanceof Error && error.cause !== undefined) artifacts.push(serialized(error.cause));
    }
  }

  /** A direct adapter call, outside the client: `countTokens` and `subscription` with the key echoed back. */
  async function runDirectCase(j: number): Promise<void> {
    const provider = j % 2 === 0 ? 'gemini' : 'elevenlabs';
    const key = providerKey(provider);
    const given = padded(key, j >> 1);
    keysByCase.set(`direct ${j}`, given);
    scanner.add(given);
    scanner.add(key);
    const variant = j >> 1;
    let action = errorReply(provider, key, variant);
    if (provider === 'gemini' && variant % 2 === 0) {
      // The key as the reason of the reply, so as the error's providerCode.
      const details = [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: key, domain: 'googleapis.com' }];
      action = { status: 400, body: { error: { code: 400, message: MESSAGES[variant % MESSAGES.length]!(key), status: 'INVALID_ARGUMENT', details } } };
    }
    sim.fault({ match: { key }, times: 1, action });
    try {
      if (provider === 'gemini') await directGeminis[Math.floor(variant / 2) % directGeminis.length]!.countTokens({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: `direct ${j}` }], key: given });
      else await directElevenLabs[(j >> 1) % directElevenLabs.length]!.subscription({ key: given });
      directFailures.push(`direct ${j} succeeded`);
    } catch (error) {
      artifacts.push(serialized(error));
      if (error instanceof Error && error.cause !== undefined) artifacts.push(serialized(error.cause));
    }
  }

  it('finds no key in any error, event, log line, SDK log line or sink record', { timeout: 600_000 }, async () => {
    let next = 0;
    let direct = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < CASES) {
          await runCase(next++);
          if (next % 9 === 0 && direct < DIRECT_CASES) await runDirectCase(direct++);
        }
      }),
    );
    while (direct < DIRECT_CASES) await runDirectCase(direct++);
    await sim.settled();
    await ai.flush();

    const sinkFile = readFileSync(join(dir, 'usage.jsonl'), 'utf8');
    const spans = otel.spans().map((span) => serialized({ name: span.name, attributes: span.attributes, events: span.events, status: span.status, links: span.links }));
    const metrics = [...(await otel.metrics()).values()].map((metric) => serialized(metric.dataPoints.map((point) => point.attributes)));
    const corpus = [...artifacts, ...logLines.map((line) => serialized(line)), ...consoleCapture.lines, serialized(memory.events), sinkFile, ...spans, ...metrics].join('\n');

    // The scan must be able to fail: a planted key in each encoded form is found.
    const control = [...keysByCase.values()][0]!;
    const cut = control.trim().slice(0, 20); // what a cut before the scrub would leave
    const planted = [control, b64(`u:${control}`), encodeURIComponent(control), hex(control.trim()), hex(control.trim()).replace(/../g, '%$&'), cut];
    for (const form of planted) assert.ok(scanner.scan(`x ${form} y`).length > 0, `the scanner finds a planted key (${form.slice(0, 6)}…)`);

    const hits = scanner.scan(corpus);
    const byForm = new Map<string, number>();
    for (const hit of hits) byForm.set(formName(hit.key, hit.form), (byForm.get(formName(hit.key, hit.form)) ?? 0) + 1);
    const first = hits.slice(0, 5).map((h) => ({ form: `${h.form.slice(0, 10)}…`, context: corpus.slice(Math.max(0, h.at - 80), h.at).replace(h.key, '<KEY>') }));
    assert.deepEqual({ hits: hits.length, byForm: Object.fromEntries(byForm), first }, { hits: 0, byForm: {}, first: [] });
    assert.ok(keysByCase.size >= 1_000);
    assert.deepEqual(directFailures, [], 'every direct call met its fault');
    const sent = (operation: string) => sim.requests.filter((r) => r.operation === operation && r.fault === 'status').length;
    assert.equal(sent('countTokens') + sent('subscription'), DIRECT_CASES, 'every direct call reached the simulator with the trimmed key');
    assert.ok([...keysByCase.values()].filter((k) => k !== k.trim()).length >= 500, 'half the keys had whitespace around them');
    assert.ok(memory.events.length > 100, `usage events were recorded (${memory.events.length})`);
    assert.ok(otel.spans().length >= 2 * CASES, `a call span and an attempt span per case at least (${otel.spans().length})`);
    assert.ok(otel.spans().some((span) => typeof span.attributes['gen_ai.input.messages'] === 'string'), 'content was captured');
    assert.ok(otel.spans().some((span) => String(span.attributes['aimeter.tag.echo']).startsWith('tenant [redacted')), 'a tag with the key reached a span, scrubbed');
    assert.ok(logLines.length >= CASES, 'one log line per attempt at least');
    assert.ok(consoleCapture.lines.some((line) => line.includes('response')), 'openai-node debug logging was on');
    assert.ok(sim.requests.length > 700, 'the requests reached the simulator');
  });
});
