// Issue 18, "Done means 1", dated snapshots and aliases: recorded provider replies (pydantic-ai's cassettes, see
// test/fixtures/recorded/dated-snapshots/SOURCE.md) served by the simulator to the real SDKs through
// createAIClient, for a model named by its dated snapshot or its `-latest` alias. The usage equals the recording
// and the cost equals the provider's published price of the base model to 1e-9 USD; the snapshot says which model
// was priced and how. Speech and transcription use the simulator's own replies (OpenAI's binary speech reply
// carries no usage to record).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createAIClient } from '../../src/client/index.js';
import { gemini } from '../../src/providers/gemini/index.js';
import { openai } from '../../src/providers/openai/index.js';
import type { UsageEvent } from '../../src/usage-event.js';
import { wav } from '../support/providers/openai.js';
import { googleKey, openaiKey } from '../support/secrets-keys.js';
import { useSimulator } from '../support/use-simulator.js';

const recorded = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../fixtures/recorded/dated-snapshots/pydantic-ai-${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;

interface ChatCase {
  readonly model: `${'openai' | 'gemini'}:${string}`;
  readonly recording: string;
  /** USD per million: input, output; from the provider's pricing page (platform.openai.com/docs/pricing, ai.google.dev/gemini-api/docs/pricing). */
  readonly perMillion: readonly [number, number];
  readonly priced: string;
  readonly via: string;
}

const CHAT_CASES: readonly ChatCase[] = [
  { model: 'openai:gpt-4o-2024-08-06', recording: 'test_valid_response', perMillion: [2.5, 10], priced: 'gpt-4o', via: 'dated-snapshot' },
  { model: 'openai:gpt-4o-mini-2024-07-18', recording: 'test_max_completion_tokens-gpt-4o-mini', perMillion: [0.15, 0.6], priced: 'gpt-4o-mini', via: 'dated-snapshot' },
  { model: 'openai:gpt-4.1-mini-2025-04-14', recording: 'test_message_history_can_start_with_model_response', perMillion: [0.4, 1.6], priced: 'gpt-4.1-mini', via: 'dated-snapshot' },
  { model: 'openai:gpt-4.1-nano-2025-04-14', recording: 'test_image_url_input_force_download', perMillion: [0.1, 0.4], priced: 'gpt-4.1-nano', via: 'dated-snapshot' },
  { model: 'openai:o3-mini-2025-01-31', recording: 'test_max_completion_tokens-o3-mini', perMillion: [1.1, 4.4], priced: 'o3-mini', via: 'dated-snapshot' },
  { model: 'openai:gpt-5-2025-08-07', recording: 'test_openai_model_settings_temperature_ignored_on_gpt_5', perMillion: [1.25, 10], priced: 'gpt-5', via: 'dated-snapshot' },
  // gemini-flash-latest pointed to gemini-2.5-flash-preview-09-2025 (src/pricing/tables/model-aliases.ts), billed
  // as Gemini 2.5 Flash: $0.30 in, $2.50 out (thinking included). Flash-Lite: $0.10 in, $0.40 out.
  { model: 'gemini:gemini-flash-latest', recording: 'test_google_model', perMillion: [0.3, 2.5], priced: 'gemini-2.5-flash', via: 'latest-alias' },
  { model: 'gemini:gemini-flash-lite-latest', recording: 'test_google_httpx_client_is_not_closed', perMillion: [0.1, 0.4], priced: 'gemini-2.5-flash-lite', via: 'latest-alias' },
];

/** The recording's token counts: OpenAI chat usage or Gemini usageMetadata (output = candidates + thoughts). */
function recordedTokens(body: Record<string, unknown>): { input: number; output: number; reasoning: number } {
  const openaiUsage = body['usage'] as { prompt_tokens: number; completion_tokens: number; completion_tokens_details?: { reasoning_tokens?: number } } | undefined;
  if (openaiUsage) return { input: openaiUsage.prompt_tokens, output: openaiUsage.completion_tokens, reasoning: openaiUsage.completion_tokens_details?.reasoning_tokens ?? 0 };
  const meta = body['usageMetadata'] as { promptTokenCount: number; candidatesTokenCount: number; thoughtsTokenCount?: number };
  return { input: meta.promptTokenCount, output: meta.candidatesTokenCount + (meta.thoughtsTokenCount ?? 0), reasoning: meta.thoughtsTokenCount ?? 0 };
}

function assertUsd(actual: number | undefined, expected: number, label: string): void {
  assert.equal(typeof actual, 'number', `${label}: no cost`);
  assert.ok(Math.abs(actual! - expected) <= 1e-9, `${label}: ${actual} ≠ ${expected}`);
}

describe('dated snapshots and -latest aliases are priced as their base model (recorded replies, real SDKs)', () => {
  const sim = useSimulator();
  const client = () => {
    const events: UsageEvent[] = [];
    const ai = createAIClient({
      providers: { openai: openai({ baseURL: sim.openaiBaseURL }), gemini: gemini({ baseURL: sim.geminiBaseURL }) },
      keys: { byProvider: { openai: openaiKey(), gemini: googleKey() } },
      retry: false,
      flushOnExit: false,
    });
    ai.on('usage', (event) => events.push(event));
    return { ai, events };
  };

  for (const c of CHAT_CASES) {
    it(`${c.model}: usage as recorded, cost at ${c.priced}'s price`, async () => {
      const body = recorded(c.recording);
      const [provider, model] = [c.model.slice(0, c.model.indexOf(':')), c.model.slice(c.model.indexOf(':') + 1)] as ['openai' | 'gemini', string];
      sim.fault({ match: { provider, model }, times: 1, action: { status: 200, body } });
      const { ai, events } = client();
      await ai.chat({ model: c.model, messages: [{ role: 'user', content: 'What is the capital of France?' }] });
      await ai.close();
      const [event] = events;
      const tokens = recordedTokens(body);
      assert.equal(event?.usage.inputTokens?.value, tokens.input);
      assert.equal(event?.usage.inputTokens?.provenance, 'reported');
      assert.equal(event?.usage.outputTokens?.value, tokens.output);
      assert.equal(event?.usage.reasoningTokens?.value ?? 0, tokens.reasoning);
      assertUsd(event?.cost?.usd, (tokens.input * c.perMillion[0] + tokens.output * c.perMillion[1]) / 1e6, c.model);
      assert.equal(event?.cost?.snapshot.model, c.priced);
      assert.equal(event?.cost?.snapshot.resolvedVia, c.via);
    });
  }

  it('openai:gpt-4o-mini-tts-2025-12-15 (speech): priced as gpt-4o-mini-tts, $0.60 text in, $12 audio out per million tokens', async () => {
    const { ai, events } = client();
    await ai.speak({ model: 'openai:gpt-4o-mini-tts-2025-12-15', voice: 'alloy', text: 'Your table for two is booked for eight tonight.' });
    await ai.close();
    const [event] = events;
    const input = event?.usage.inputTokens?.value ?? Number.NaN;
    const output = event?.usage.outputTokens?.value ?? Number.NaN;
    assert.ok(input > 0 && output > 0);
    assertUsd(event?.cost?.usd, (input * 0.6 + output * 12) / 1e6, 'gpt-4o-mini-tts-2025-12-15');
    assert.deepEqual([event?.cost?.snapshot.model, event?.cost?.snapshot.resolvedVia], ['gpt-4o-mini-tts', 'dated-snapshot']);
  });

  it('openai:gpt-4o-mini-transcribe-2025-12-15: usage as the simulator reported it, priced as gpt-4o-mini-transcribe ($3 audio in, $5 out)', async () => {
    const { ai, events } = client();
    await ai.transcribe({ model: 'openai:gpt-4o-mini-transcribe-2025-12-15', audio: wav(2.5), fileName: 'turn.wav' });
    await ai.close();
    await sim.settled();
    const wire = sim.requests.at(-1)?.usage as { input_tokens: number; output_tokens: number };
    const [event] = events;
    assert.deepEqual([event?.usage.inputTokens?.value, event?.usage.outputTokens?.value], [wire.input_tokens, wire.output_tokens]);
    assertUsd(event?.cost?.usd, (wire.input_tokens * 3 + wire.output_tokens * 5) / 1e6, 'gpt-4o-mini-transcribe-2025-12-15');
    assert.deepEqual([event?.cost?.snapshot.model, event?.cost?.snapshot.resolvedVia], ['gpt-4o-mini-transcribe', 'dated-snapshot']);
  });
});
