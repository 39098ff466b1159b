// Issue 6, "Done means 1": for every operation × provider through the simulator, the usage event equals the usage
// the simulator reported, field by field, with provenance `reported`. The pairs are derived from the adapters;
// every unsupported pair fails with the typed error before any request. Where nothing on the wire carries a
// figure (or the SDK cannot read it), the documented provenance is asserted instead; see `NOT_ON_THE_WIRE`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProviderAdapterV1 } from '../../../src/adapter.js';
import { createAIClient } from '../../../src/client/index.js';
import { UnsupportedOperationError } from '../../../src/errors/unsupported-operation-error.js';
import { OPERATIONS, type Operation } from '../../../src/operations/operation.js';
import { elevenlabs } from '../../../src/providers/elevenlabs/index.js';
import { gemini } from '../../../src/providers/gemini/index.js';
import { openai } from '../../../src/providers/openai/index.js';
import type { SimulatedRequest } from '../../../src/simulator/types.js';
import { memorySink } from '../../../src/sinks/memory-sink.js';
import { estimated, reported, type Usage } from '../../../src/usage.js';
import { fakeKey as elevenlabsKey, expectedUsage as expectedSpeechUsage, VOICE } from '../../support/providers/elevenlabs.js';
import { fakeKey as geminiKey, expectedUsage as expectedGeminiUsage } from '../../support/providers/gemini.js';
import { expectedChatUsage, fakeKey as openaiKey, wav } from '../../support/providers/openai.js';
import { referenceTokens } from '../../support/reference-tokens.js';
import { ELEVENLABS_SDKS, GEMINI_SDKS, type ElevenLabsSdkName, type GeminiSdkName } from '../../support/sdk-generations.js';
import { useSimulator } from '../../support/use-simulator.js';

type Provider = 'openai' | 'gemini' | 'elevenlabs';

/** One call of a pair: its request, and the usage the event must equal given the simulator's log entry. */
interface Variant {
  readonly name: string;
  readonly request: Record<string, unknown>;
  readonly expected: (logged: SimulatedRequest) => Usage;
  /** The SDK `elevenlabs()` drives for this call (each ElevenLabs case runs once per ELEVENLABS_SDKS entry). */
  readonly elevenlabsSdk?: ElevenLabsSdkName;
  /** The SDK `gemini()` drives for this call (each Gemini case runs once per GEMINI_SDKS entry). */
  readonly geminiSdk?: GeminiSdkName;
}

const messages = [
  { role: 'system', content: 'You are terse.' },
  { role: 'user', content: 'Hello, world!' },
];
const SPOKEN = 'Héllo there, nice to meet you 👋';
const codePoints = [...SPOKEN].length;
const EMBEDDED = ['The quick brown fox.', 'jumps over the lazy dog'];

const wire = <T>(logged: SimulatedRequest): T => {
  assert.notEqual(logged.usage, undefined, 'the simulator put usage on the wire');
  return logged.usage as T;
};
const nothingOnTheWire = (logged: SimulatedRequest): void => assert.equal(logged.usage, undefined, 'no usage on the wire');

// Figures the wire does not carry, with the provenance the adapters document for them.
const NOT_ON_THE_WIRE = {
  // tts-1*: billed per input character and the API reports nothing; the exact count of the text sent is `reported`.
  openaiCharacters: (logged: SimulatedRequest): Usage => (nothingOnTheWire(logged), { requests: 1, characters: reported(codePoints) }),
  // Gemini embeddings: no usage metadata at all; input tokens counted with o200k_base standing in, `estimated`.
  geminiEmbed: (logged: SimulatedRequest): Usage => (nothingOnTheWire(logged), { requests: 1, inputTokens: estimated(EMBEDDED.reduce((sum, t) => sum + referenceTokens(t), 0)) }),
  // ElevenLabs: `character-cost` is on the wire; @elevenlabs/elevenlabs-js reads it (credits `reported`), but the
  // elevenlabs 1.59 SDK cannot read headers: credits are computed from the characters (equal to the header's
  // value here) and `estimated`. Characters are the exact count sent, `reported`.
  elevenlabsSpeech: (sdk: ElevenLabsSdkName) => (logged: SimulatedRequest): Usage => expectedSpeechUsage(logged.usage, codePoints, true, sdk),
};

const openaiSpeech = (model: string): Variant => ({
  name: model,
  request: { model: `openai:${model}`, voice: 'alloy', text: SPOKEN, format: 'wav' },
  expected:
    model === 'tts-1'
      ? NOT_ON_THE_WIRE.openaiCharacters
      : (logged) => {
          const usage = wire<{ input_tokens: number; output_tokens: number }>(logged);
          // Token-billed speech: the input is the text, the output the audio.
          const modalities = { input: { text: usage.input_tokens }, output: { audio: usage.output_tokens } };
          return { requests: 1, characters: reported(codePoints), inputTokens: reported(usage.input_tokens), outputTokens: reported(usage.output_tokens), modalities };
        },
});

const elevenlabsSpeech = (model: string): Variant[] =>
  ELEVENLABS_SDKS.map((sdk) => ({ name: model, elevenlabsSdk: sdk, request: { model: `elevenlabs:${model}`, voice: VOICE, text: SPOKEN }, expected: NOT_ON_THE_WIRE.elevenlabsSpeech(sdk) }));

// Scribe bills the audio's duration, which the reply states (`audio_duration_secs`) with either SDK.
const elevenlabsTranscribe = (model: string): Variant[] =>
  ELEVENLABS_SDKS.map((sdk) => ({
    name: model,
    elevenlabsSdk: sdk,
    request: { model: `elevenlabs:${model}`, audio: wav(2.5), fileName: 'turn.wav' },
    expected: (l: SimulatedRequest): Usage => ({ requests: 1, audioSeconds: reported(wire<{ audio_duration_secs: number }>(l).audio_duration_secs) }),
  }));

const CASES: Readonly<Record<string, readonly Variant[]>> = {
  'openai chat': ['gpt-4o-mini', 'gpt-5-mini'].map((model) => ({ name: model, request: { model: `openai:${model}`, messages }, expected: (l) => expectedChatUsage(wire(l)) })),
  'openai streamChat': ['gpt-4o-mini', 'gpt-5-mini'].map((model) => ({ name: model, request: { model: `openai:${model}`, messages }, expected: (l) => expectedChatUsage(wire(l)) })),
  'openai embed': [
    {
      name: 'text-embedding-3-small',
      request: { model: 'openai:text-embedding-3-small', input: EMBEDDED },
      expected: (l) => ({ requests: 1, inputTokens: reported(wire<{ prompt_tokens: number }>(l).prompt_tokens) }),
    },
  ],
  'openai speak': ['tts-1', 'gpt-4o-mini-tts'].map(openaiSpeech),
  'openai streamSpeak': ['tts-1', 'gpt-4o-mini-tts'].map(openaiSpeech),
  'openai transcribe': [
    { name: 'whisper-1', request: { model: 'openai:whisper-1', audio: wav(2.5), fileName: 'turn.wav' }, expected: (l) => ({ requests: 1, audioSeconds: reported(wire<{ seconds: number }>(l).seconds) }) },
    {
      name: 'gpt-4o-transcribe',
      request: { model: 'openai:gpt-4o-transcribe', audio: wav(2.5), fileName: 'turn.wav' },
      expected: (l) => {
        const usage = wire<{ input_tokens: number; output_tokens: number; input_token_details?: { text_tokens?: number; audio_tokens?: number } }>(l);
        // The input split into the prompt's text and the audio, as the reply states it.
        const details = usage.input_token_details;
        const input = details ? { ...(details.audio_tokens === undefined ? {} : { audio: details.audio_tokens }), ...(details.text_tokens === undefined ? {} : { text: details.text_tokens }) } : undefined;
        return { requests: 1, inputTokens: reported(usage.input_tokens), outputTokens: reported(usage.output_tokens), ...(input ? { modalities: { input } } : {}) };
      },
    },
  ],
  // Each Gemini case once per SDK generation; every usageMetadata field (modality splits included) compared.
  'gemini chat': GEMINI_SDKS.flatMap((sdk) => ['gemini-2.0-flash', 'gemini-2.5-flash'].map((model) => ({ name: model, geminiSdk: sdk, request: { model: `gemini:${model}`, messages }, expected: (l: SimulatedRequest) => expectedGeminiUsage(wire(l)) }))),
  'gemini streamChat': GEMINI_SDKS.flatMap((sdk) => ['gemini-2.0-flash', 'gemini-2.5-flash'].map((model) => ({ name: model, geminiSdk: sdk, request: { model: `gemini:${model}`, messages }, expected: (l: SimulatedRequest) => expectedGeminiUsage(wire(l)) }))),
  'gemini embed': GEMINI_SDKS.map((sdk) => ({ name: 'text-embedding-004', geminiSdk: sdk, request: { model: 'gemini:text-embedding-004', input: EMBEDDED }, expected: NOT_ON_THE_WIRE.geminiEmbed })),
  'elevenlabs speak': ['eleven_flash_v2_5', 'eleven_multilingual_v2'].flatMap(elevenlabsSpeech),
  'elevenlabs streamSpeak': ['eleven_flash_v2_5', 'eleven_multilingual_v2'].flatMap(elevenlabsSpeech),
  'elevenlabs transcribe': ['scribe_v1', 'scribe_v2'].flatMap(elevenlabsTranscribe),
};

/** A well-formed request of each operation, for the pairs a provider does not support. */
const ANY_REQUEST: Readonly<Record<Operation, Record<string, unknown>>> = {
  chat: { messages },
  streamChat: { messages },
  embed: { input: 'hi' },
  speak: { voice: 'v', text: 'hi' },
  streamSpeak: { voice: 'v', text: 'hi' },
  transcribe: { audio: wav(0.5) },
};
const ANY_MODEL: Readonly<Record<Provider, string>> = { openai: 'gpt-4o-mini', gemini: 'gemini-2.0-flash', elevenlabs: 'eleven_flash_v2_5' };

describe('usage matrix: every operation × provider through the simulator', () => {
  const sim = useSimulator({ chunkIntervalMs: 1 });

  const adapters = (sdks: Pick<Variant, 'geminiSdk' | 'elevenlabsSdk'> = {}): Record<Provider, ProviderAdapterV1> => ({
    openai: openai({ baseURL: sim.openaiBaseURL }),
    gemini: gemini({ baseURL: sim.geminiBaseUrl, ...(sdks.geminiSdk ? { sdk: sdks.geminiSdk } : {}) }),
    elevenlabs: elevenlabs({ baseURL: sim.elevenlabsBaseUrl, ...(sdks.elevenlabsSdk ? { sdk: sdks.elevenlabsSdk } : {}) }),
  });

  function client(sdks: Pick<Variant, 'geminiSdk' | 'elevenlabsSdk'> = {}) {
    const sink = memorySink();
    const keys = { openai: openaiKey(), gemini: geminiKey(), elevenlabs: elevenlabsKey() };
    const ai = createAIClient({ providers: adapters(sdks), keys: { byProvider: keys, dotenv: false }, sinks: [sink], flushOnExit: false, env: {} });
    return { ai, sink };
  }

  /** Makes the call (a stream read to its end) and returns the usage the caller saw. */
  async function call(ai: ReturnType<typeof client>['ai'], operation: Operation, request: Record<string, unknown>): Promise<Usage> {
    const run = ai[operation].bind(ai) as (request: unknown) => unknown;
    if (operation === 'streamChat' || operation === 'streamSpeak') {
      const stream = run(request) as AsyncIterable<unknown> & { final: Promise<{ outcome: string; usage: Usage }> };
      for await (const _ of stream);
      const end = await stream.final;
      assert.equal(end.outcome, 'ok');
      return end.usage;
    }
    return ((await run(request)) as { usage: Usage }).usage;
  }

  // The pairs, from the adapters themselves.
  const probe = { openai: openai(), gemini: gemini(), elevenlabs: elevenlabs() } as Record<Provider, ProviderAdapterV1>;
  const pairs = (Object.keys(probe) as Provider[]).flatMap((provider) => OPERATIONS.map((operation) => ({ provider, operation, supported: typeof probe[provider][operation] === 'function' })));

  it('covers every supported pair, and no other', () => {
    const supported = pairs.filter((p) => p.supported).map((p) => `${p.provider} ${p.operation}`);
    assert.deepEqual(supported.sort(), Object.keys(CASES).sort());
  });

  for (const { provider, operation, supported } of pairs) {
    if (!supported) {
      it(`${provider} ${operation}: unsupported → UnsupportedOperationError before any request, no usage event`, async () => {
        const { ai, sink } = client();
        try {
          const request = { ...ANY_REQUEST[operation], model: `${provider}:${ANY_MODEL[provider]}` };
          const run = ai[operation].bind(ai) as (request: unknown) => unknown;
          const isExpected = (error: unknown): boolean =>
            UnsupportedOperationError.isInstance(error) && error.code === 'unsupported_operation' && error.provider === provider && error.operation === operation;
          if (operation === 'streamChat' || operation === 'streamSpeak') {
            const stream = run(request) as AsyncIterable<unknown> & { final: Promise<unknown> };
            await assert.rejects(async () => {
              for await (const _ of stream);
            }, isExpected);
            await assert.rejects(stream.final, isExpected);
          } else {
            await assert.rejects(run(request) as Promise<unknown>, isExpected);
          }
          await ai.flush();
          assert.equal(sim.requests.length, 0);
          assert.equal(sink.events.length, 0);
        } finally {
          await ai.close();
        }
      });
      continue;
    }
    for (const variant of CASES[`${provider} ${operation}`] ?? []) {
      const sdk = variant.geminiSdk ?? variant.elevenlabsSdk;
      const via = sdk ? ` via ${sdk}` : '';
      it(`${provider} ${operation} (${variant.name}${via}): the usage event equals the simulator's usage, field by field`, async () => {
        const { ai, sink } = client(variant);
        try {
          const usage = await call(ai, operation, variant.request);
          await ai.flush();
          await sim.settled();
          assert.equal(sim.requests.length, 1);
          const logged = sim.requests[0]!;
          assert.equal(logged.status, 200);
          assert.equal(sink.events.length, 1);
          const event = sink.events[0]!;
          assert.deepEqual([event.provider, event.operation, event.model, event.status], [provider, operation, variant.name, 'ok']);
          assert.deepEqual(event.usage, variant.expected(logged));
          assert.deepEqual(usage, event.usage, 'the caller sees the usage the event recorded');
        } finally {
          await ai.close();
        }
      });
    }
  }
});
