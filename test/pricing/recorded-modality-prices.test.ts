// Recorded provider replies (pydantic-ai's cassettes, OpenAI's API spec examples) replayed through createAIClient
// and the real SDKs: the usage equals the recording field by field, modality splits and processing tier
// included, and the cost equals the published price to 1e-9 USD.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAIClient } from '../../src/client/index.js';
import { gemini } from '../../src/providers/gemini/index.js';
import { openai } from '../../src/providers/openai/index.js';
import type { Usage } from '../../src/usage.js';
import type { UsageEvent } from '../../src/usage-event.js';
import { assertUsd } from '../support/price-checks.js';
import { expectedUsage as expectedGeminiUsage, fakeKey as geminiKey } from '../support/providers/gemini.js';
import { fakeKey as openaiKey, wav } from '../support/providers/openai.js';
import { recording, type Recording } from '../support/recorded-replies.js';
import { useSimulator } from '../support/use-simulator.js';

/** A replayed case: the price it must cost and where that price is published. */
interface Case {
  readonly name: string;
  /** The published price used, in the provider's units. */
  readonly price: string;
  /** The cost in USD, or the reason it is left unknown. */
  readonly usd: number | 'unknown_tier';
  /** The processing tier the snapshot must name. */
  readonly tier?: string;
}

const M = 1e6;
// Sources of the prices below (read 2026-12-05):
// [genai] @pydantic/genai-prices 0.1.8 bundled data; [oa-model] developers.openai.com/api/docs/models/<model>;
// [oa-priority] openai.com/api-priority-processing; [oa-flex] developers.openai.com/api/docs/guides/flex-processing
// ("priced at Batch API rates", half the standard ones); [aimeter-audio] src/pricing/tables/openai-audio.ts.
const GEMINI_25_FLASH = '[genai] gemini-2.5-flash: input $0.30/M (text, image, video), audio $1/M, cache read $0.03/M, cached audio $0.10/M, output $2.50/M';
const GEMINI_20_FLASH = '[genai] gemini-2.0-flash: input $0.10/M, audio $0.70/M, output $0.40/M';
const GEMINI_3_FLASH = '[genai] gemini-3-flash-preview: input $0.50/M, audio $1/M, output $3/M';
const CASES: readonly Case[] = [
  // Audio chat: text $2.50/$10, audio $40/$80 per 1M.
  { name: 'openai-audio-binary-input', price: '[oa-model] gpt-4o-audio-preview', usd: (20 * 2.5 + 44 * 40 + 9 * 10) / M, tier: 'standard' },
  { name: 'openai-audio-url-input', price: '[oa-model] gpt-4o-audio-preview', usd: (12 * 2.5 + 69 * 40 + 72 * 10) / M, tier: 'standard' },
  // Audio prompts on Gemini (thoughts are output).
  { name: 'gemini-audio-binary-2.5-flash', price: GEMINI_25_FLASH, usd: (85 * 0.3 + 144 * 1 + 17 * 2.5) / M },
  { name: 'gemini-audio-url-2.5-flash', price: GEMINI_25_FLASH, usd: (85 * 0.3 + 104 * 1 + 25 * 2.5) / M },
  { name: 'gemini-audio-tool-file-2.5-flash', price: GEMINI_25_FLASH, usd: (70 * 0.3 + 144 * 1 + (19 + 58) * 2.5) / M },
  { name: 'gemini-audio-tool-url-2.5-flash', price: GEMINI_25_FLASH, usd: (70 * 0.3 + 104 * 1 + (35 + 104) * 2.5) / M },
  { name: 'gemini-audio-url-2.0-flash-vertex', price: GEMINI_20_FLASH, usd: (9 * 0.1 + 150 * 0.7 + 22 * 0.4) / M },
  { name: 'gemini-audio-binary-3-flash', price: GEMINI_3_FLASH, usd: (191 * 0.5 + 113 * 1 + (32 + 165) * 3) / M },
  { name: 'gemini-audio-url-3-flash-vertex', price: GEMINI_3_FLASH, usd: (140 * 0.5 + 80 * 1 + (83 + 199) * 3) / M },
  { name: 'gemini-audio-tool-binary-3-flash', price: GEMINI_3_FLASH, usd: (64 * 0.5 + 113 * 1 + (22 + 82) * 3) / M },
  { name: 'gemini-video-audio-binary-2.5-flash', price: GEMINI_25_FLASH, usd: ((85 + 526) * 0.3 + 44 * 1 + (78 + 193) * 2.5) / M },
  { name: 'gemini-video-audio-youtube-2.0-flash', price: GEMINI_20_FLASH, usd: ((14 + 3096) * 0.1 + 1500 * 0.7 + 101 * 0.4) / M },
  // Cached audio: new audio at the audio rate, cached audio at the cached-audio rate, other cached tokens at the cache rate.
  {
    name: 'gemini-cached-audio-youtube-2.5-flash',
    price: GEMINI_25_FLASH,
    usd: ((16 - 15 + (15780 - 15483)) * 0.3 + (1917 - 1881) * 1 + (15 + 15483) * 0.03 + 1881 * 0.1 + (68 + 821) * 2.5) / M,
    tier: 'standard',
  },
  {
    name: 'gemini-cached-audio-video-2.5-flash',
    price: GEMINI_25_FLASH,
    usd: ((83 - 73 + (2893 - 2561)) * 0.3 + (321 - 284) * 1 + (73 + 2561) * 0.03 + 284 * 0.1 + (55 + 95) * 2.5) / M,
  },
  {
    name: 'gemini-cached-audio-tool-video-2.5-flash',
    price: GEMINI_25_FLASH,
    usd: ((70 - 62 + (2893 - 2570)) * 0.3 + (321 - 285) * 1 + (62 + 2570) * 0.03 + 285 * 0.1 + (84 + 38) * 2.5) / M,
  },
  // Transcription: audio input $6/M ($3/M mini), prompt text $2.50/M ($1.25/M), output $10/M ($5/M).
  { name: 'openai-transcribe-text-prompt', price: '[aimeter-audio] = [genai] gpt-4o-transcribe', usd: (10 * 2.5 + 4 * 6 + 31 * 10) / M },
  { name: 'openai-transcribe-mini-text-prompt', price: '[aimeter-audio] = [genai] gpt-4o-mini-transcribe', usd: (10 * 1.25 + 4 * 3 + 31 * 5) / M },
  { name: 'openai-transcribe-default', price: '[aimeter-audio] = [genai] gpt-4o-transcribe', usd: (14 * 6 + 45 * 10) / M },
  { name: 'openai-transcribe-logprobs', price: '[aimeter-audio] = [genai] gpt-4o-transcribe', usd: (14 * 6 + 45 * 10) / M },
  // Per-second transcription: $0.006 a minute.
  { name: 'openai-transcribe-diarize-seconds', price: '[aimeter-audio] gpt-4o-transcribe-diarize $0.006/min (UNCONFIRMED)', usd: (27 * 0.006) / 60 },
  { name: 'openai-whisper-words-seconds', price: '[aimeter-audio] = [genai] whisper-1 $0.006/min ($0.36/h)', usd: (9 * 0.006) / 60 },
  { name: 'openai-whisper-segments-seconds', price: '[aimeter-audio] = [genai] whisper-1 $0.006/min ($0.36/h)', usd: (9 * 0.006) / 60 },
  // Speech: text in $0.60/M, audio out $12/M.
  { name: 'openai-tts-sse', price: '[aimeter-audio] = [genai] gpt-4o-mini-tts', usd: (14 * 0.6 + 101 * 12) / M },
  // Processing tiers.
  { name: 'openai-standard-gpt-4o-mini', price: '[genai] gpt-4o-mini: $0.15/$0.60', usd: (8 * 0.15 + 9 * 0.6) / M, tier: 'standard' },
  { name: 'openai-flex-gpt-5', price: '[oa-flex] half of [genai] gpt-5 $1.25/$10', usd: ((53 * 1.25 + 469 * 10) * 0.5) / M, tier: 'flex' },
  { name: 'openai-flex-gpt-5-chat', price: '[oa-flex] half of [genai] gpt-5 $1.25/$10', usd: ((13 * 1.25 + 11 * 10) * 0.5) / M, tier: 'flex' },
  { name: 'openai-priority-gpt-5', price: '[oa-priority] gpt-5: $2.50/$20', usd: (13 * 2.5 + 11 * 20) / M, tier: 'priority' },
  { name: 'openai-priority-gpt-4o-mini', price: '[oa-priority] gpt-4o-mini: $0.25/$1', usd: (8 * 0.25 + 9 * 1) / M, tier: 'priority' },
  { name: 'openai-priority-gpt-4.1-mini', price: '[oa-priority] gpt-4.1-mini: $0.70/$2.80', usd: (31 * 0.7 + 8 * 2.8) / M, tier: 'priority' },
  { name: 'openai-priority-o3-mini-unpriced', price: '[oa-priority] lists no o3-mini', usd: 'unknown_tier', tier: 'priority' },
];

describe('recorded replies through createAIClient: usage by modality and tier, cost at the published price', () => {
  const sim = useSimulator();

  async function replay(recorded: Recording): Promise<{ usage: Usage; event: UsageEvent }> {
    sim.replay({ match: { provider: recorded.provider }, times: 1, reply: recorded.reply });
    const ai = createAIClient({
      providers: { openai: openai({ baseURL: sim.openaiBaseURL }), gemini: gemini({ baseURL: sim.geminiBaseURL }) },
      keys: { byProvider: { openai: openaiKey(), gemini: geminiKey() } },
      retry: false,
      flushOnExit: false,
    });
    const events: UsageEvent[] = [];
    ai.on('usage', (event) => events.push(event));
    try {
      const model = `${recorded.provider}:${recorded.model}` as const;
      const messages = [{ role: 'user' as const, content: 'What does the recording say?' }];
      const call =
        recorded.operation === 'chat'
          ? ai.chat({ model, messages })
          : recorded.operation === 'transcribe'
            ? ai.transcribe({ model, audio: wav(1), prompt: 'Names: Marcelo' })
            : ai.speak({ model, voice: 'alloy', text: 'The quick brown fox jumped over the lazy dog.' });
      const { usage } = await call;
      await ai.flush();
      assert.equal(events.length, 1);
      return { usage, event: events[0]! };
    } finally {
      await ai.close();
    }
  }

  for (const c of CASES) {
    it(`${c.name}: ${c.price}`, async () => {
      const recorded = recording('modality', c.name);
      const { usage, event } = await replay(recorded);
      assert.deepEqual(usage, expectedUsage(recorded));
      assert.deepEqual(event.usage, usage);
      if (c.usd === 'unknown_tier') {
        assert.equal(event.cost?.usd, undefined);
        assert.equal(event.cost?.unpriced, 'unknown_tier');
      } else {
        assertUsd(event.cost?.usd, c.usd);
      }
      assert.equal(event.cost?.snapshot.serviceTier, c.tier);
    });
  }
});

/** The usage a recording must normalize to, read from its wire fields independently of the adapters. */
function expectedUsage(recorded: Recording): Usage {
  const body = recorded.reply.body as Record<string, unknown> | undefined;
  if (recorded.provider === 'gemini') return expectedGeminiUsage(body?.['usageMetadata']);
  if (recorded.operation === 'chat') return expectedChat(body as unknown as WireChat);
  if (recorded.operation === 'transcribe') return expectedTranscription((body as { usage: WireTranscriptionUsage }).usage);
  const done = recorded.reply.events?.at(-1) as { usage: { input_tokens: number; output_tokens: number } };
  return {
    requests: 1,
    characters: { value: 'The quick brown fox jumped over the lazy dog.'.length, provenance: 'reported' },
    inputTokens: { value: done.usage.input_tokens, provenance: 'reported' },
    outputTokens: { value: done.usage.output_tokens, provenance: 'reported' },
    modalities: { input: { text: done.usage.input_tokens }, output: { audio: done.usage.output_tokens } },
  };
}

type Details = Partial<Record<'text_tokens' | 'audio_tokens' | 'image_tokens' | 'cached_tokens' | 'reasoning_tokens', number>>;
interface WireChat {
  readonly service_tier?: string;
  readonly usage: { prompt_tokens: number; completion_tokens: number; prompt_tokens_details?: Details; completion_tokens_details?: Details };
}
type WireTranscriptionUsage =
  | { type: 'duration'; seconds: number }
  | { type: 'tokens'; input_tokens: number; output_tokens: number; input_token_details?: Details };

/** Modality counts as reported, zeros kept; none when no modality has a token. */
function modal(details: Details | undefined): Record<string, number> | undefined {
  if (!details) return undefined;
  const out: Record<string, number> = {};
  for (const key of ['text', 'audio', 'image'] as const) if (details[`${key}_tokens`] !== undefined) out[key] = details[`${key}_tokens`]!;
  return Object.values(out).some((n) => n > 0) ? out : undefined;
}

function expectedChat(body: WireChat): Usage {
  const u = body.usage;
  const input = modal(u.prompt_tokens_details);
  const output = modal(u.completion_tokens_details);
  return {
    requests: 1,
    inputTokens: { value: u.prompt_tokens, provenance: 'reported' },
    outputTokens: { value: u.completion_tokens, provenance: 'reported' },
    cachedInputTokens: { value: u.prompt_tokens_details?.cached_tokens ?? 0, provenance: 'reported' },
    reasoningTokens: { value: u.completion_tokens_details?.reasoning_tokens ?? 0, provenance: 'reported' },
    ...(input || output ? { modalities: { ...(input ? { input } : {}), ...(output ? { output } : {}) } } : {}),
    ...(body.service_tier ? { serviceTier: body.service_tier } : {}),
  };
}

function expectedTranscription(u: WireTranscriptionUsage): Usage {
  if (u.type === 'duration') return { requests: 1, audioSeconds: { value: u.seconds, provenance: 'reported' } };
  const input = modal(u.input_token_details);
  return {
    requests: 1,
    inputTokens: { value: u.input_tokens, provenance: 'reported' },
    outputTokens: { value: u.output_tokens, provenance: 'reported' },
    ...(input ? { modalities: { input } } : {}),
  };
}
